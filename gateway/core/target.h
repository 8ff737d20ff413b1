#pragma once
// Where an admitted call goes: an in-process connector (adapters/inprocess) or a remote gRPC
// upstream (adapters/upstream). A route holds one Target; the listeners drive it the same way for
// both, through Payloads (bytes or messages) so that a remote upstream forwards bytes untouched.
//
// Unary calls: Target::Unary. Streaming calls (server, client and bidirectional): the listener
// gives a StreamPeer, its own side of the call, and the target returns a TargetStream that drives
// it. Flow control is the contract of StreamPeer: at most one read and one write outstanding, so
// a target reads from one side only as fast as the other side takes what it read.

#include <memory>
#include <string_view>

#include <absl/status/status.h>

#include "gateway/core/payload.h"

namespace ndxp::core {

class Call;

// Receives a unary call's end.
class UnaryCompletion {
 public:
  virtual ~UnaryCompletion() = default;
  // Exactly once per call; any thread, possibly before Target::Unary has returned. On OK the
  // response payload holds the answer.
  virtual void OnUnaryDone(const absl::Status& status) = 0;
};

// The caller's side of a streaming call, as a target drives it (implemented by the listener).
// Rules for the target:
//  - at most one ReadRequest and one WriteResponse outstanding at a time; the payload passed
//    must stay valid until its completion;
//  - Finish exactly once, with no write outstanding, and no call of any kind after it;
//  - never call these while holding a lock that a completion (TargetStream::On...) takes:
//    a completion may run on another thread, or inline before the call returns.
class StreamPeer {
 public:
  virtual ~StreamPeer() = default;
  // Reads the caller's next message into `into`: TargetStream::OnRequestRead(true), or (false)
  // when the caller has sent its last message or the call is over.
  virtual void ReadRequest(Payload& into) = 0;
  // Sends one response: TargetStream::OnResponseWritten(ok); false when the caller is gone.
  virtual void WriteResponse(Payload& response) = 0;
  // Ends the call with `status` (an upstream's status and details are passed on as they are).
  virtual void Finish(const absl::Status& status) = 0;
};

// One streaming call on a target. The listener holds it by shared_ptr until the call is over; a
// target may keep more references (e.g. until its upstream call has ended).
class TargetStream {
 public:
  virtual ~TargetStream() = default;
  // Begins the call (typically: read the first request, open the upstream call).
  virtual void Start() = 0;
  virtual void OnRequestRead(bool ok) = 0;
  virtual void OnResponseWritten(bool ok) = 0;
  // The caller cancelled, went away or ran out of time: stop promptly and Finish (the status is
  // then ignored). At most once; may come at any time, on any thread.
  virtual void OnCancel() = 0;
};

class Target {
 public:
  virtual ~Target() = default;
  // "in_process" or "upstream", for logs and metrics.
  virtual std::string_view kind() const = 0;
  // A unary call: `request` holds the caller's message; the target fills `response` and then
  // calls `done` exactly once.
  virtual void Unary(Call& call, Payload& request, Payload& response, UnaryCompletion& done) = 0;
  // A streaming call of the route's shape.
  virtual std::shared_ptr<TargetStream> OpenStream(Call& call, StreamPeer& peer) = 0;
};

}  // namespace ndxp::core
