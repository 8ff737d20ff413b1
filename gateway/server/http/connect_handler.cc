#include "gateway/server/http/connect_handler.h"

#include "gateway/core/status.h"
#include "gateway/core/strings.h"
#include "gateway/server/http/connect_protocol.h"
#include "gateway/server/http/json_body.h"
#include "gateway/server/http/unary_call.h"

namespace ndxp::server::http {
namespace {

// The caller's deadline from connect-timeout-ms; InfiniteFuture when absent.
absl::StatusOr<absl::Time> RequestedDeadline(const Request& request, absl::Time now) {
  auto header = HeaderValue(request, kTimeoutHeader);
  if (!header) return absl::InfiniteFuture();
  auto timeout = ParseConnectTimeout(*header);
  if (!timeout.ok()) return timeout.status();
  return now + *timeout;
}

// The headers' verdict before anything is admitted: codec, version, encoding, timeout.
absl::Status CheckHeaders(const Request& request) {
  if (auto s = CheckProtocolVersion(HeaderValue(request, kProtocolVersionHeader)); !s.ok()) {
    return s;
  }
  if (auto s = CheckContentEncoding(HeaderValue(request, "content-encoding")); !s.ok()) return s;
  return absl::OkStatus();
}

absl::Status UnsupportedMediaType(ContentKind kind) {
  return core::ErrorWithReason(
      absl::StatusCode::kInvalidArgument,
      kind == ContentKind::kStreaming
          ? "Connect streaming content types are not served over HTTP/1.1: unary calls send "
            "application/json or application/proto; streaming methods are served over gRPC"
          : "unsupported content-type: Connect unary calls send application/json or "
            "application/proto",
      "UNSUPPORTED_MEDIA_TYPE");
}

absl::Status ParseProto(std::string_view body, google::protobuf::Message& into) {
  if (into.ParseFromArray(body.data(), static_cast<int>(body.size()))) return absl::OkStatus();
  return core::ErrorWithReason(
      absl::StatusCode::kInvalidArgument,
      core::Cat("request body is not a valid binary ", into.GetDescriptor()->full_name()),
      "MALFORMED_REQUEST");
}

absl::Status Render(ConnectCodec codec, const google::protobuf::Message& message,
                    std::string& out) {
  if (codec == ConnectCodec::kJson) return RenderJson(message, out);
  if (message.SerializeToString(&out)) return absl::OkStatus();
  return absl::InternalError("could not serialize the response");
}

}  // namespace

Response ConnectHandler::Handle(const Request& request, std::string_view path) const {
  UnaryCall call(pipeline_, Protocol::kConnect, request);
  absl::Time now = absl::Now();
  ContentKind kind = ClassifyContentType(HeaderValue(request, "content-type").value_or(""));
  if (kind == ContentKind::kUnsupported) {
    Response response = call.Fail(UnsupportedMediaType(kind), 415);
    response.set(beast_http::field::accept_post, kAcceptedContentTypes);
    return response;
  }
  if (auto s = CheckHeaders(request); !s.ok()) return call.Fail(s);
  auto requested = RequestedDeadline(request, now);
  if (!requested.ok()) return call.Fail(requested.status());
  if (auto s = call.Admit(path); !s.ok()) {
    // An unknown procedure is a path that does not exist: 404, which Connect clients read back
    // as unimplemented.
    return call.Fail(s, call.routed() || s.code() != absl::StatusCode::kUnimplemented ? 0 : 404);
  }
  if (kind == ContentKind::kStreaming) return call.Fail(UnsupportedMediaType(kind), 415);
  ConnectCodec codec = kind == ContentKind::kUnaryJson ? ConnectCodec::kJson : ConnectCodec::kProto;
  auto& message = call.request_message();
  absl::Status parsed = codec == ConnectCodec::kJson
                            ? ParseJsonBody(call, request.body(), limits_.max_json_depth, message)
                            : ParseProto(request.body(), message);
  if (!parsed.ok()) return call.Fail(parsed);
  absl::Status ran = call.Run(limits_.EffectiveDeadline(now, *requested, true));
  if (!ran.ok()) return call.Fail(ran);
  std::string body;
  if (auto s = Render(codec, call.response_message(), body); !s.ok()) return call.Fail(s);
  return call.Finish(absl::StatusCode::kOk, MakeResponse(request, beast_http::status::ok,
                                                         ContentTypeFor(codec), std::move(body)));
}

}  // namespace ndxp::server::http
