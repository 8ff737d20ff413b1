#pragma once
// What the upstream adapter's tests drive a target with: a Call on a chain of their choice, a
// listener's side of a streaming call that checks the StreamPeer rules (FakePeer), a unary
// completion to wait on, and an OutgoingIdentity that adds a test header.

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <absl/status/status.h>
#include <absl/synchronization/mutex.h>
#include <absl/time/time.h>
#include <google/protobuf/arena.h>

#include "adapters/upstream/outgoing_identity.h"
#include "gateway/core/call.h"
#include "gateway/core/payload.h"
#include "gateway/core/request_headers.h"
#include "gateway/core/route_table.h"
#include "gateway/core/target.h"

namespace ndxp::adapters::testing {

// Headers of a caller who sent an API key: the adapter must never pass it on.
class CallerHeaders final : public core::RequestHeaders {
 public:
  std::optional<std::string_view> Get(std::string_view name) const override {
    if (name == "x-api-key") return std::string_view("secret-key-of-the-caller");
    return std::nullopt;
  }
  std::size_t Count(std::string_view name) const override { return name == "x-api-key" ? 1 : 0; }
};

class NullObserver final : public core::CallObserver {
 public:
  void OnAdmitted() override {}
  void OnRefused(const absl::Status&) override {}
};

// One call of `route`, with its request and response payloads.
struct TestCall {
  explicit TestCall(const core::Route& route, const core::Chain* chain = nullptr)
      : chain(chain != nullptr ? *chain : empty_chain),
        call(this->chain, observer, headers),
        request(core::Payload::Direction::kRequest, route.request_prototype, &arena),
        response(core::Payload::Direction::kResponse, route.response_prototype, &arena) {
    call.context().route = &route;
    call.context().request_id = "req-0123";
  }

  core::Chain empty_chain;
  const core::Chain& chain;
  NullObserver observer;
  CallerHeaders headers;
  core::Call call;
  google::protobuf::Arena arena;
  core::Payload request;
  core::Payload response;
};

class TestIdentity final : public OutgoingIdentity {
 public:
  void AddTo(const core::CallContext& call, std::string_view full_method,
             grpc::ClientContext& context) const override {
    context.AddMetadata("x-test-identity", std::string(full_method) + "|" + call.request_id);
  }
};

class UnaryDone final : public core::UnaryCompletion {
 public:
  void OnUnaryDone(const absl::Status& status) override {
    absl::MutexLock lock(&mu_);
    ++count_;
    status_ = status;
  }
  // The status, once done (nullopt after `timeout`).
  std::optional<absl::Status> Wait(absl::Duration timeout = absl::Seconds(10)) {
    absl::MutexLock lock(&mu_);
    if (!mu_.AwaitWithTimeout(absl::Condition(+[](int* n) { return *n > 0; }, &count_), timeout)) {
      return std::nullopt;
    }
    return status_;
  }
  int count() {
    absl::MutexLock lock(&mu_);
    return count_;
  }

 private:
  absl::Mutex mu_;
  int count_ = 0;
  absl::Status status_;
};

// The listener's side of a streaming call. Completions run on a thread of the peer's own (or
// inline, before ReadRequest/WriteResponse return), never under its lock. Any break of the
// StreamPeer rules is recorded in violations().
class FakePeer final : public core::StreamPeer {
 public:
  explicit FakePeer(bool inline_completions = false);
  ~FakePeer() override;

  void Attach(std::shared_ptr<core::TargetStream> stream);
  void Start();

  // The caller's side.
  void Send(std::string bytes);
  void HalfClose();
  // The caller goes away: OnCancel, and outstanding reads and writes fail (as a listener does).
  void Cancel();
  // While stalled, a WriteResponse does not complete until Unstall.
  void Stall();
  void Unstall();

  bool WaitForResponses(std::size_t n, absl::Duration timeout = absl::Seconds(10));
  bool WaitForWriteStarted(std::size_t n, absl::Duration timeout = absl::Seconds(10));
  std::optional<absl::Status> WaitForFinish(absl::Duration timeout = absl::Seconds(10));
  std::vector<std::string> responses();
  std::vector<std::string> violations();

  // core::StreamPeer
  void ReadRequest(core::Payload& into) override;
  void WriteResponse(core::Payload& response) override;
  void Finish(const absl::Status& status) override;

 private:
  void Post(std::function<void()> fn);
  void DeliverReadLocked(std::vector<std::function<void()>>& out)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Violation(std::string what) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Worker();

  const bool inline_;
  absl::Mutex mu_;
  std::shared_ptr<core::TargetStream> stream_;
  std::deque<std::string> to_send_ ABSL_GUARDED_BY(mu_);
  bool half_closed_ ABSL_GUARDED_BY(mu_) = false;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  bool stalled_ ABSL_GUARDED_BY(mu_) = false;
  core::Payload* pending_read_ ABSL_GUARDED_BY(mu_) = nullptr;
  bool write_outstanding_ ABSL_GUARDED_BY(mu_) = false;
  bool write_held_ ABSL_GUARDED_BY(mu_) = false;  // stalled, completion not posted yet
  std::size_t writes_started_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<std::string> responses_ ABSL_GUARDED_BY(mu_);
  std::optional<absl::Status> finished_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> violations_ ABSL_GUARDED_BY(mu_);

  std::deque<std::function<void()>> work_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread worker_;
};

}  // namespace ndxp::adapters::testing
