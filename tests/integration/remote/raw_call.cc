#include "tests/integration/remote/raw_call.h"

#include <condition_variable>
#include <mutex>

#include <grpcpp/generic/generic_stub.h>

namespace ndxp::testing {
namespace {

std::string ToString(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string out;
  if (!buffer.Dump(&slices).ok()) return out;
  for (const auto& s : slices) out.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return out;
}

std::multimap<std::string, std::string> Copy(
    const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) {
  std::multimap<std::string, std::string> out;
  for (const auto& [k, v] : metadata) {
    out.emplace(std::string(k.data(), k.size()), std::string(v.data(), v.size()));
  }
  return out;
}

// Writes every request then half-closes, while reading every response. Deletes itself in OnDone
// only after the waiter has taken the result (see Release).
class RawReactor final : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  explicit RawReactor(const std::vector<std::string>& requests) {
    for (const auto& r : requests) {
      grpc::Slice slice(r);
      requests_.emplace_back(&slice, 1);
    }
  }

  void Begin(grpc::GenericStub& stub, const std::string& method, const RawCallOptions& options) {
    for (const auto& [k, v] : options.metadata) context_.AddMetadata(k, v);
    context_.set_deadline(std::chrono::system_clock::now() + options.deadline);
    stub.PrepareBidiStreamingCall(&context_, method, grpc::StubOptions(), this);
    StartRead(&incoming_);
    WriteNext();
    StartCall();
  }

  void OnWriteDone(bool ok) override {
    if (ok) WriteNext();
  }

  void OnReadDone(bool ok) override {
    if (!ok) return;
    result_.responses.push_back(ToString(incoming_));
    incoming_.Clear();
    StartRead(&incoming_);
  }

  void OnDone(const grpc::Status& status) override {
    std::unique_lock<std::mutex> lock(mu_);
    result_.status = status;
    result_.initial_metadata = Copy(context_.GetServerInitialMetadata());
    result_.trailing_metadata = Copy(context_.GetServerTrailingMetadata());
    result_.finished = true;
    done_ = true;
    cv_.notify_all();
    if (released_) {
      lock.unlock();
      delete this;
    }
  }

  // Waits for the end of the call (bounded), cancelling it after `wait`; then hands ownership to
  // whichever of OnDone and this runs last.
  RawResult Await(std::chrono::milliseconds wait) {
    std::unique_lock<std::mutex> lock(mu_);
    if (!cv_.wait_for(lock, wait, [this] { return done_; })) {
      context_.TryCancel();
      cv_.wait_for(lock, std::chrono::seconds(5), [this] { return done_; });
    }
    RawResult result = result_;
    if (!done_) {
      released_ = true;  // OnDone deletes
      result.finished = false;
      return result;
    }
    lock.unlock();
    delete this;
    return result;
  }

 private:
  void WriteNext() {
    if (next_ < requests_.size()) {
      StartWrite(&requests_[next_++]);
    } else if (!half_closed_) {
      half_closed_ = true;
      StartWritesDone();
    }
  }

  grpc::ClientContext context_;
  std::vector<grpc::ByteBuffer> requests_;
  std::size_t next_ = 0;
  bool half_closed_ = false;
  grpc::ByteBuffer incoming_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  bool released_ = false;
  RawResult result_;
};

}  // namespace

RawResult RawCall(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                  const std::vector<std::string>& requests, const RawCallOptions& options) {
  grpc::GenericStub stub(channel);
  auto* reactor = new RawReactor(requests);
  reactor->Begin(stub, method, options);
  return reactor->Await(options.deadline + std::chrono::seconds(5));
}

std::string MetadataValue(const std::multimap<std::string, std::string>& metadata,
                          const std::string& key) {
  auto it = metadata.find(key);
  return it == metadata.end() ? "" : it->second;
}

}  // namespace ndxp::testing
