#include "gateway/server/http/error_response.h"

#include "gateway/core/status.h"
#include "gateway/server/http/connect_protocol.h"

namespace ndxp::server::http {

Response ErrorResponse(Protocol protocol, const Request& request, const absl::Status& status,
                       int http_status) {
  int code = http_status != 0 ? http_status : core::HttpStatusFor(status.code());
  std::string body =
      protocol == Protocol::kRest ? core::RpcStatusJson(status) : core::ConnectErrorJson(status);
  return MakeResponse(request, static_cast<beast_http::status>(code), kJsonContentType,
                      std::move(body));
}

Protocol ProtocolOf(std::string_view method, std::string_view path) {
  return method == "POST" && IsProcedurePath(path) ? Protocol::kConnect : Protocol::kRest;
}

}  // namespace ndxp::server::http
