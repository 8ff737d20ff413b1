#pragma once
// Request -> answer for the HTTP listener, without a socket: Connect calls, REST routes,
// /metrics, /healthz and /readyz, 404 and 405; and the answers the connection gives when a
// request breaks a limit before it is whole. Answers may come later, on another thread (a remote
// upstream's), through the Respond function. Tested without a network.

#include <absl/status/statusor.h>

#include <memory>
#include <string_view>

#include "gateway/core/peer_info.h"
#include "gateway/server/http/connect_handler.h"
#include "gateway/server/http/http_message.h"
#include "gateway/server/http/request_framing.h"
#include "gateway/server/http/rest_handler.h"
#include "gateway/server/http/rest_mapping.h"
#include "gateway/server/limits.h"
#include "gateway/server/pipeline.h"
#include "gateway/server/serving_state.h"

namespace ndxp::server::http {

inline constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

class HttpHandler {
 public:
  // Compiles the REST routes of `pipeline.routes()`; fails naming a malformed google.api.http rule.
  static absl::StatusOr<std::unique_ptr<HttpHandler>> Create(const Pipeline& pipeline,
                                                             const ServingState& state,
                                                             const InputLimits& limits);

  // One whole request; `respond` gets its answer exactly once (maybe before Handle returns).
  // `request` and `peer` (the connection's TLS peer; nullptr on plaintext) must stay valid until
  // then. Never throws for anything a caller can send.
  void Handle(const Request& request, Respond respond, const core::PeerInfo* peer = nullptr) const;

  // The header block passed limits.max_header_bytes (431). `raw` is what arrived, from which the
  // request line is read to pick the error format. Answers before returning.
  void RejectOversizeHeaders(std::string_view raw, Respond respond) const;
  // The body would pass limits.max_request_bytes (413); `header` is the parsed header.
  void RejectOversizeBody(const Request& header, Respond respond) const;
  // Not HTTP/1.1 the parser accepts (400).
  void RejectMalformed(Respond respond) const;
  // A header whose framing is refused (request_framing.h): its status, then the connection closes.
  void RejectFraming(const Request& header, const FramingRefusal& refusal, Respond respond) const;
  // The last resort when handling threw (500), not recorded as a call.
  Response InternalError(const Request& header) const;

  const InputLimits& limits() const { return limits_; }

 private:
  HttpHandler(const Pipeline& pipeline, const ServingState& state, const InputLimits& limits,
              std::unique_ptr<RestRouter> router);
  Response HandleOwnEndpoint(const Request& request, std::string_view path) const;
  void NotRouted(const Request& request, std::string_view path, std::string allowed,
                 Respond respond) const;
  // Answers without a route's chain (recorded as a call to no route, or to `route`).
  void Refuse(Protocol protocol, const Request& header, const absl::Status& status,
              int http_status, Respond respond,
              const std::function<void(Response&)>& decorate = {}) const;

  const Pipeline& pipeline_;
  const ServingState& state_;
  const InputLimits limits_;
  std::unique_ptr<RestRouter> router_;
  ConnectHandler connect_;
  RestHandler rest_;
};

}  // namespace ndxp::server::http
