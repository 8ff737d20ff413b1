#pragma once
// The connector interface: the only way the gateway knows a national system.
//
// A connector names one gRPC service (its descriptor is compiled into the binary) and gives a
// handler per method. Handlers work on parsed protobuf messages, so the gRPC listener (binary) and
// the HTTP listener (JSON or binary) run the same code. Handlers run on the listener's threads and
// must not block: in-process connectors answer from memory. The same connector runs behind the
// gateway in its own process (ndxp-connector) with the same handlers.
//
// Streaming handlers are pulled: the gateway asks for the next response only when the client has
// taken the previous one, and reads the next request only when no response is waiting, so a slow
// client slows the handler instead of growing a queue.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <absl/time/time.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include "gateway/core/call_context.h"

namespace ndxp::core {

// The four gRPC call shapes.
enum class CallShape { kUnary, kServerStreaming, kClientStreaming, kBidiStreaming };

// Derives the call shape from a method descriptor.
CallShape ShapeOf(const google::protobuf::MethodDescriptor& method);
std::string_view CallShapeName(CallShape shape);

// A server-streaming call's responses, pulled one at a time as the client reads them, so that a
// large result is never held whole in memory.
class ResponseStream {
 public:
  virtual ~ResponseStream() = default;
  // Fills `out` (a cleared message of the response type) and returns true, or returns false when
  // the stream has ended. A non-OK status ends the call with it.
  virtual absl::StatusOr<bool> Next(google::protobuf::Message& out) = 0;
};

// A client-streaming or bidirectional call: one object per call, fed the client's messages, its
// responses pulled by the gateway.
class RequestStream {
 public:
  virtual ~RequestStream() = default;
  // One client message. A non-OK status ends the call with it.
  virtual absl::Status OnRequest(const google::protobuf::Message& request) = 0;
  // The client has sent its last message. A non-OK status ends the call with it.
  virtual absl::Status OnHalfClose() = 0;
  // The next response that is ready: fills `out` (a cleared message of the response type) and
  // returns true, or returns false when none is ready now. After false the gateway reads the next
  // request, or, once the client has half-closed, ends the call OK. Called only as fast as the
  // client reads; a non-OK status ends the call with it.
  virtual absl::StatusOr<bool> Next(google::protobuf::Message& out) = 0;
};

using UnaryFn = std::function<absl::Status(const CallContext&, const google::protobuf::Message& request,
                                           google::protobuf::Message& response)>;
using ServerStreamFn = std::function<absl::StatusOr<std::unique_ptr<ResponseStream>>(
    const CallContext&, const google::protobuf::Message& request)>;
using RequestStreamFn =
    std::function<absl::StatusOr<std::unique_ptr<RequestStream>>(const CallContext&)>;

// One method of a connector's service. Exactly the member matching the method's shape is set:
// `unary` (unary), `server_stream` (server streaming), `request_stream` (client or bidi).
struct MethodHandler {
  const google::protobuf::MethodDescriptor* method = nullptr;
  UnaryFn unary;
  ServerStreamFn server_stream;
  RequestStreamFn request_stream;
};

// Requests that exercise a method, for the conformance suite and for integrators' docs. Each is a
// request message in protobuf text format; an empty string means "not applicable".
struct MethodExample {
  std::string method;           // method name, e.g. "GetCitizen"
  std::string valid_request;    // answers OK
  std::string malformed_request;  // INVALID_ARGUMENT with a field violation
  std::string unknown_request;    // well formed, absent: NOT_FOUND
};

// A kind of identifier a connector takes (a citizen's personal id, a household id ...), so that
// `ndxpctl data sample --kind` can give an integrator one that exists for every method. The
// conformance suite looks each sample up with `method` (a unary method of the service) by setting
// its top-level string `field`, and expects OK.
struct SampleKind {
  std::string name;         // e.g. "personal_id"; unique within the connector
  std::string description;  // one line, e.g. "12-digit personal id of a citizen"
  std::string method;       // e.g. "GetCitizen"
  std::string field;        // e.g. "personal_id"
};

class Connector {
 public:
  virtual ~Connector() = default;
  // Short name used in configuration and metrics, e.g. "population".
  virtual std::string_view name() const = 0;
  // The gRPC service this connector implements.
  virtual const google::protobuf::ServiceDescriptor& service() const = 0;
  // One handler per method of service().
  virtual std::vector<MethodHandler> Handlers() = 0;
  // Every kind of identifier the connector takes; the first is its primary one.
  virtual std::vector<SampleKind> SampleKinds() const = 0;
  // `count` valid identifiers of `kind` (one of SampleKinds()) that exist in the data, spread over
  // it and always the same for the same data (fewer if the data holds fewer; none for an unknown
  // kind).
  virtual std::vector<std::string> SampleIds(std::string_view kind, std::size_t count) const = 0;
  // `count` primary identifiers: SampleIds(SampleKinds()[0].name, count).
  std::vector<std::string> PrimarySampleIds(std::size_t count) const;
  // Example requests for every method.
  virtual std::vector<MethodExample> Examples() const = 0;
};

// Settings every in-process connector is built with.
struct ConnectorSettings {
  std::uint64_t seed = 1;
  std::uint64_t scale = 0;  // 0: the connector's default
};

}  // namespace ndxp::core
