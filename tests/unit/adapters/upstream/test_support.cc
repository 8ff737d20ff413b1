#include "tests/unit/adapters/upstream/test_support.h"

namespace ndxp::adapters::testing {

FakePeer::FakePeer(bool inline_completions) : inline_(inline_completions) {
  if (!inline_) worker_ = std::thread([this] { Worker(); });
}

FakePeer::~FakePeer() {
  bool finished;
  {
    absl::MutexLock lock(&mu_);
    finished = finished_.has_value();
  }
  // A test that failed half-way: end the call before the peer goes.
  if (!finished && stream_ != nullptr) {
    Cancel();
    WaitForFinish(absl::Seconds(10));
  }
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (worker_.joinable()) worker_.join();
}

void FakePeer::Attach(std::shared_ptr<core::TargetStream> stream) { stream_ = std::move(stream); }

void FakePeer::Start() { stream_->Start(); }

void FakePeer::Worker() {
  for (;;) {
    std::function<void()> fn;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](FakePeer* p) { return p->stopping_ || !p->work_.empty(); }, this));
      if (work_.empty()) return;
      fn = std::move(work_.front());
      work_.pop_front();
    }
    fn();
  }
}

void FakePeer::Post(std::function<void()> fn) {
  if (inline_) return fn();
  absl::MutexLock lock(&mu_);
  work_.push_back(std::move(fn));
}

void FakePeer::Violation(std::string what) { violations_.push_back(std::move(what)); }

// A read is outstanding: completes it when a message or the half-close is there.
void FakePeer::DeliverReadLocked(std::vector<std::function<void()>>& out) {
  if (pending_read_ == nullptr) return;
  core::Payload* into = pending_read_;
  auto stream = stream_;
  if (cancelled_) {
    pending_read_ = nullptr;
    out.push_back([stream] { stream->OnRequestRead(false); });
  } else if (!to_send_.empty()) {
    pending_read_ = nullptr;
    into->SetBytes(to_send_.front());
    to_send_.pop_front();
    out.push_back([stream] { stream->OnRequestRead(true); });
  } else if (half_closed_) {
    pending_read_ = nullptr;
    out.push_back([stream] { stream->OnRequestRead(false); });
  }
}

void FakePeer::Send(std::string bytes) {
  std::vector<std::function<void()>> run;
  {
    absl::MutexLock lock(&mu_);
    to_send_.push_back(std::move(bytes));
    DeliverReadLocked(run);
  }
  for (auto& fn : run) Post(std::move(fn));
}

void FakePeer::HalfClose() {
  std::vector<std::function<void()>> run;
  {
    absl::MutexLock lock(&mu_);
    half_closed_ = true;
    DeliverReadLocked(run);
  }
  for (auto& fn : run) Post(std::move(fn));
}

void FakePeer::Cancel() {
  std::vector<std::function<void()>> run;
  {
    absl::MutexLock lock(&mu_);
    if (cancelled_) return;
    cancelled_ = true;
    auto stream = stream_;
    run.push_back([stream] { stream->OnCancel(); });
    DeliverReadLocked(run);
    if (write_held_) {
      write_held_ = false;
      run.push_back([this, stream] {
        {
          absl::MutexLock lock(&mu_);
          write_outstanding_ = false;
        }
        stream->OnResponseWritten(false);
      });
    }
  }
  for (auto& fn : run) Post(std::move(fn));
}

void FakePeer::Stall() {
  absl::MutexLock lock(&mu_);
  stalled_ = true;
}

void FakePeer::Unstall() {
  std::shared_ptr<core::TargetStream> stream;
  {
    absl::MutexLock lock(&mu_);
    stalled_ = false;
    if (!write_held_) return;
    write_held_ = false;
    write_outstanding_ = false;
    stream = stream_;
  }
  Post([stream] { stream->OnResponseWritten(true); });
}

void FakePeer::ReadRequest(core::Payload& into) {
  std::vector<std::function<void()>> run;
  {
    absl::MutexLock lock(&mu_);
    if (finished_) Violation("ReadRequest after Finish");
    if (pending_read_ != nullptr) Violation("two reads outstanding");
    pending_read_ = &into;
    DeliverReadLocked(run);
  }
  for (auto& fn : run) Post(std::move(fn));
}

void FakePeer::WriteResponse(core::Payload& response) {
  absl::StatusOr<std::string> bytes = response.BytesAsString();
  bool ok;
  {
    absl::MutexLock lock(&mu_);
    if (finished_) Violation("WriteResponse after Finish");
    if (write_outstanding_) Violation("two writes outstanding");
    if (!bytes.ok()) Violation("response without bytes");
    write_outstanding_ = true;
    ++writes_started_;
    if (stalled_ && !cancelled_) {
      write_held_ = true;
      return;
    }
    ok = !cancelled_;
    if (ok) responses_.push_back(bytes.ok() ? *bytes : std::string());
  }
  auto stream = stream_;
  Post([this, stream, ok] {
    {
      absl::MutexLock lock(&mu_);
      write_outstanding_ = false;
    }
    stream->OnResponseWritten(ok);
  });
}

void FakePeer::Finish(const absl::Status& status) {
  absl::MutexLock lock(&mu_);
  if (finished_) Violation("Finish twice");
  if (write_outstanding_) Violation("Finish with a write outstanding");
  finished_ = status;
}

bool FakePeer::WaitForResponses(std::size_t n, absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto cond = [this, n]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return responses_.size() >= n; };
  return mu_.AwaitWithTimeout(absl::Condition(&cond), timeout);
}

bool FakePeer::WaitForWriteStarted(std::size_t n, absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto cond = [this, n]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return writes_started_ >= n; };
  return mu_.AwaitWithTimeout(absl::Condition(&cond), timeout);
}

std::optional<absl::Status> FakePeer::WaitForFinish(absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto cond = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return finished_.has_value(); };
  mu_.AwaitWithTimeout(absl::Condition(&cond), timeout);
  return finished_;
}

std::vector<std::string> FakePeer::responses() {
  absl::MutexLock lock(&mu_);
  return responses_;
}

std::vector<std::string> FakePeer::violations() {
  absl::MutexLock lock(&mu_);
  return violations_;
}

}  // namespace ndxp::adapters::testing
