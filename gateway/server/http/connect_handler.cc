#include "gateway/server/http/connect_handler.h"

#include "gateway/core/route_table.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"
#include "gateway/server/http/connect_protocol.h"
#include "gateway/server/http/http_call.h"
#include "gateway/server/http/json_body.h"

namespace ndxp::server::http {
namespace {

// The caller's deadline from connect-timeout-ms; InfiniteFuture when absent.
absl::StatusOr<absl::Time> RequestedDeadline(const Request& request) {
  auto header = HeaderValue(request, kTimeoutHeader);
  if (!header) return absl::InfiniteFuture();
  auto timeout = ParseConnectTimeout(*header);
  if (!timeout.ok()) return timeout.status();
  return absl::Now() + *timeout;
}

// The headers' verdict before anything is admitted: version, encoding.
absl::Status CheckHeaders(const Request& request) {
  if (auto s = CheckProtocolVersion(HeaderValue(request, kProtocolVersionHeader)); !s.ok()) {
    return s;
  }
  return CheckContentEncoding(HeaderValue(request, "content-encoding"));
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

void AcceptPost(Response& response) {
  response.set(beast_http::field::accept_post, kAcceptedContentTypes);
}

class ConnectBinding final : public HttpBinding {
 public:
  ConnectBinding(const Pipeline& pipeline, const InputLimits& limits, const Request& request,
                 const core::Route& route, ContentKind kind)
      : pipeline_(pipeline), limits_(limits), request_(request), route_(route), kind_(kind) {}

  absl::Status BindRequest(core::Payload& payload, int& http_status) override {
    if (route_.shape != core::CallShape::kUnary) {
      return core::ErrorWithReason(
          absl::StatusCode::kUnimplemented,
          core::Cat(route_.full_method, " is a ", core::CallShapeName(route_.shape),
                    " method: streaming methods are served over gRPC only, not over HTTP/1.1"),
          "STREAMING_NOT_SUPPORTED_OVER_HTTP");
    }
    if (kind_ == ContentKind::kStreaming) {
      http_status = 415;
      return UnsupportedMediaType(kind_);
    }
    if (codec() == ConnectCodec::kProto) {
      payload.SetBytes(std::string_view(request_.body()));
      return absl::OkStatus();
    }
    return ParseJsonBody(pipeline_, Protocol::kConnect, request_.body(), limits_.max_json_depth,
                         payload.NewMessage());
  }

  absl::StatusOr<Response> RenderResponse(core::Payload& payload) override {
    std::string body;
    if (codec() == ConnectCodec::kProto) {
      auto bytes = payload.BytesAsString();
      if (!bytes.ok()) return bytes.status();
      body = *std::move(bytes);
    } else {
      auto message = payload.Message();
      if (!message.ok()) return message.status();
      if (auto s = RenderJson(**message, body); !s.ok()) return s;
    }
    return MakeResponse(request_, beast_http::status::ok, ContentTypeFor(codec()), std::move(body));
  }

 private:
  ConnectCodec codec() const {
    return kind_ == ContentKind::kUnaryProto ? ConnectCodec::kProto : ConnectCodec::kJson;
  }

  const Pipeline& pipeline_;
  const InputLimits& limits_;
  const Request& request_;
  const core::Route& route_;
  const ContentKind kind_;
};

}  // namespace

void ConnectHandler::Handle(const Request& request, std::string_view path, Respond respond,
                            const core::PeerInfo* peer) const {
  const core::Route* route = pipeline_.Find(path);
  auto call =
      HttpCall::Create(pipeline_, Protocol::kConnect, request, route, std::move(respond), peer);
  ContentKind kind = ClassifyContentType(HeaderValue(request, "content-type").value_or(""));
  if (kind == ContentKind::kUnsupported) {
    return call->Refuse(UnsupportedMediaType(kind), 415, AcceptPost);
  }
  if (auto s = CheckHeaders(request); !s.ok()) return call->Refuse(s);
  auto requested = RequestedDeadline(request);
  if (!requested.ok()) return call->Refuse(requested.status());
  std::unique_ptr<HttpBinding> binding;
  if (route != nullptr) {
    binding = std::make_unique<ConnectBinding>(pipeline_, limits_, request, *route, kind);
  }
  call->Run(std::move(binding), *requested);
}

}  // namespace ndxp::server::http
