#pragma once
// A stage: one step on the path of a call (identify, limit, meter, log, ...), with one job.
//
// A route's chain of stages is built once at start (and again on reload) by StageFactory objects,
// each made from its own configuration message; never per call. For every call the request side
// runs in chain order before the call reaches its target (OnRequest), and the end runs in reverse
// order for every stage of the chain once the caller has its answer (OnEnd). A stage may answer at
// once (Continue, Stop) or later (Pending, then Call::Resume from any thread), so that a stage
// waiting on a database or a service holds no thread. See docs/architecture.md.

#include <string_view>
#include <utility>

#include <absl/status/status.h>
#include <google/protobuf/message.h>

namespace ndxp::core {

class Call;
struct Route;

// What a stage's OnRequest decided.
class Verdict {
 public:
  enum class Kind { kContinue, kStop, kPending };
  // Go on to the next stage.
  static Verdict Continue() { return Verdict(Kind::kContinue, absl::OkStatus()); }
  // End the call with `status` (not OK); later stages' OnRequest do not run.
  static Verdict Stop(absl::Status status) { return Verdict(Kind::kStop, std::move(status)); }
  // The stage calls Call::Resume later (or already did, from another thread).
  static Verdict Pending() { return Verdict(Kind::kPending, absl::OkStatus()); }

  Kind kind() const { return kind_; }
  const absl::Status& status() const { return status_; }

 private:
  Verdict(Kind kind, absl::Status status) : kind_(kind), status_(std::move(status)) {}
  Kind kind_;
  absl::Status status_;
};

class Stage {
 public:
  virtual ~Stage() = default;
  // Short name, e.g. "identify", for logs and docs.
  virtual std::string_view name() const = 0;

  // The request side: before the call reaches its target. Must not block.
  virtual Verdict OnRequest(Call& call) { return Verdict::Continue(); }

  // The answer of an admitted call is ready (its target answered with `code`) and has not left
  // the gateway yet (Call::HoldAnswer): a stage that must make something durable
  // first (the audit log's record under strict durability) answers Pending and later calls
  // Call::ReleaseAnswer() from any thread, exactly once (with a status that replaces the answer
  // when it could not do so); Continue lets the answer go. Only stages
  // whose holds_answers() is true are asked, only for calls HoldsAnswerOf says. Must not block;
  // never Stop (the answer is the target's).
  virtual bool holds_answers() const { return false; }
  virtual bool HoldsAnswerOf(const Call& call) const { return holds_answers(); }
  virtual Verdict OnAnswer(Call& call, absl::StatusCode code) { return Verdict::Continue(); }

  // The call has ended (the caller has its status, or went away): bookkeeping. Runs for every
  // stage of the chain, last first. `passed` tells whether this stage's OnRequest ran and let the
  // call through (false when the stage itself stopped it, when an earlier stage did, or when the
  // listener refused the call before its chain ran). Must not block.
  virtual void OnEnd(const Call& call, bool passed) {}

  // A stage that reads request fields says so: the request message is then parsed once (also on
  // routes that otherwise forward bytes untouched) and shown to it, for every request message.
  // A stage that inspects only some calls (those of clients with a field mask, say) says so per
  // call too: a message is parsed only when one stage wants it for the call at hand.
  virtual bool inspects_requests() const { return false; }
  virtual bool InspectsRequestsOf(const Call& call) const { return inspects_requests(); }
  virtual absl::Status OnRequestMessage(Call& call, const google::protobuf::Message& request) {
    return absl::OkStatus();
  }
  // The same for responses; the stage may change the message (field masks).
  virtual bool inspects_responses() const { return false; }
  virtual bool InspectsResponsesOf(const Call& call) const { return inspects_responses(); }
  virtual absl::Status OnResponseMessage(Call& call, google::protobuf::Message& response) {
    return absl::OkStatus();
  }
};

// Builds one kind of stage from its configuration. Owns the stages it returns.
class StageFactory {
 public:
  virtual ~StageFactory() = default;
  virtual std::string_view name() const = 0;
  // The stage for `route`, or for calls to no route when `route` is nullptr; nullptr when the
  // stage has nothing to do there. May return the same stage for several routes.
  virtual Stage* ForRoute(const Route* route) = 0;
};

}  // namespace ndxp::core
