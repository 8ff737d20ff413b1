#pragma once
// One call on its way through its route's chain of stages: the per-call context the stages share,
// the caller's headers, and the runner that takes the call through the request side of the chain
// (synchronously, or resumed later by a stage that answered Pending) and through every stage's end.
//
// The listener owns the Call. It calls Start() once; the Call then tells its CallObserver exactly
// once that the call was admitted (hand it to the target) or refused (answer the status). When the
// caller has its answer, the listener calls End() once.

#include <atomic>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <absl/status/status.h>

#include "gateway/core/call_context.h"
#include "gateway/core/payload.h"
#include "gateway/core/peer_info.h"
#include "gateway/core/request_headers.h"
#include "gateway/core/stage.h"

namespace ndxp::core {

// Work a target has in flight for a call (an upstream request), to stop if the caller goes away.
class Cancellable {
 public:
  virtual ~Cancellable() = default;
  // Any thread; may come after the work has ended (then it does nothing).
  virtual void Cancel() = 0;
};

// The listener's side of an answer held by a stage (Call::HoldAnswer).
class AnswerSink {
 public:
  virtual ~AnswerSink() = default;
  // Every holding stage let the answer go: send it. Exactly once per HoldAnswer; on the thread of
  // the last stage that released it (or inline). `replaced` OK: send the target's answer;
  // otherwise send `replaced` instead (a holding stage could not do what it held the answer for,
  // e.g. make the audit record durable: the data must not leave without it).
  virtual void OnAnswerReleased(const absl::Status& replaced) = 0;
};

// A route's stages in order, built once; calls only read it.
class Chain {
 public:
  Chain() = default;
  explicit Chain(std::vector<Stage*> stages);

  const std::vector<Stage*>& stages() const { return stages_; }
  bool inspects_requests() const { return inspects_requests_; }
  bool inspects_responses() const { return inspects_responses_; }
  bool holds_answers() const { return holds_answers_; }

 private:
  std::vector<Stage*> stages_;
  bool holds_answers_ = false;
  bool inspects_requests_ = false;
  bool inspects_responses_ = false;
};

// The listener's side of the chain's decision.
class CallObserver {
 public:
  virtual ~CallObserver() = default;
  // Every stage continued: hand the call to its route's target.
  virtual void OnAdmitted() = 0;
  // A stage stopped the call with `status` (not OK): answer it.
  virtual void OnRefused(const absl::Status& status) = 0;
};

class Call {
 public:
  Call(const Chain& chain, CallObserver& observer, const RequestHeaders& headers);
  Call(const Call&) = delete;
  Call& operator=(const Call&) = delete;

  CallContext& context() { return context_; }
  const CallContext& context() const { return context_; }
  const RequestHeaders& headers() const { return *headers_; }
  const Chain& chain() const { return *chain_; }

  // The caller's connection (TLS, client certificate), set by the listener before Start; it must
  // outlive the call. nullptr: the listener said nothing (plaintext, tests).
  void set_peer(const PeerInfo* peer) { peer_ = peer; }
  const PeerInfo* peer() const { return peer_; }

  // Response headers a stage asks for (e.g. retry-after); the listener sends them.
  void AddResponseHeader(std::string name, std::string value) {
    response_headers_.emplace_back(std::move(name), std::move(value));
  }
  const std::vector<std::pair<std::string, std::string>>& response_headers() const {
    return response_headers_;
  }

  // Runs the request side of the chain from its first stage.
  void Start();
  // Called once by a stage whose OnRequest answered Pending: OK goes on with the next stage, any
  // other status refuses the call. Any thread; may come before OnRequest has returned. After End
  // (the caller went away while the stage was pending) no stage runs any more and the observer
  // is told OnRefused(CANCELLED), so that the listener knows the chain is done with the call.
  void Resume(absl::Status status);

  // Shows a request or response message to the stages that inspect them (parsing it once when
  // none did before). A stage's error ends the call with it.
  absl::Status InspectRequest(Payload& request);
  absl::Status InspectResponse(Payload& response);

  // An admitted call's target has answered with `code` and the listener is about to send the
  // answer: stages that hold answers (Stage::OnAnswer) run in chain order, then `sink` is told to
  // send it: at once, inline, when no stage of the chain holds answers (the fast path), else when
  // the last holder released it, on its thread. At most once per call.
  void HoldAnswer(absl::StatusCode code, AnswerSink& sink);
  // A stage whose OnAnswer answered Pending lets the answer go. Any thread; may come before its
  // OnAnswer returned. A status that is not OK replaces the answer (the first such wins): the
  // sink is told to send it instead of the target's.
  void ReleaseAnswer(absl::Status replace = absl::OkStatus());

  // A target registers its work in flight; the listener cancels it when the caller goes away
  // before the answer (client cancellation, a broken connection). Work registered after the
  // cancellation is cancelled at once. Thread-safe.
  void SetInFlight(std::shared_ptr<Cancellable> work) {
    in_flight_.store(std::move(work));
    if (cancelled_.load(std::memory_order_acquire)) CancelInFlight();
  }
  void CancelInFlight() {
    cancelled_.store(true, std::memory_order_release);
    if (auto work = in_flight_.exchange(nullptr)) work->Cancel();
  }
  bool cancelled() const { return cancelled_.load(std::memory_order_acquire); }

  // The caller has its answer (`code` is what it saw): stamps the end and runs every stage's
  // OnEnd, last stage first. Exactly once per call, whether or not it was admitted; never while a
  // stage's OnRequest is running (it may be while one is pending: see Resume).
  void End(absl::StatusCode code);
  bool ended() const { return ended_; }

 private:
  enum State : int { kRunning = 0, kPending = 1, kResumed = 2, kEnded = 3 };
  void Advance();
  // The stage that ran last refused the call with `status`.
  void RefuseAtCurrentStage(const absl::Status& status);
  void AdvanceAnswer();

  const Chain* chain_;
  CallObserver* observer_;
  const RequestHeaders* headers_;
  const PeerInfo* peer_ = nullptr;
  CallContext context_;
  std::vector<std::pair<std::string, std::string>> response_headers_;
  std::size_t next_stage_ = 0;
  std::size_t stopped_at_ = static_cast<std::size_t>(-1);  // the stage that refused the call
  std::atomic<int> state_{kRunning};
  absl::Status resume_status_;
  std::atomic<std::shared_ptr<Cancellable>> in_flight_;
  std::atomic<bool> cancelled_{false};
  bool ended_ = false;
  AnswerSink* answer_sink_ = nullptr;
  absl::StatusCode answer_code_ = absl::StatusCode::kOk;
  std::size_t next_holder_ = 0;
  absl::Status answer_replaced_;
  std::atomic<int> answer_state_{kRunning};
};

}  // namespace ndxp::core
