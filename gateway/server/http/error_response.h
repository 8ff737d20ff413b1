#pragma once
// Error answers of the HTTP listener, in the format of the protocol the caller speaks:
// Connect error JSON for Connect calls, google.rpc.Status JSON for REST routes (see
// docs/decisions/0301-http-error-format.md). The conversion itself lives in gateway/core/status.h.

#include <absl/status/status.h>

#include "gateway/server/pipeline.h"
#include "gateway/server/http/http_message.h"

namespace ndxp::server::http {

// An error response for `status`. The HTTP status is core::HttpStatusFor(code) unless
// `http_status` overrides it (e.g. 413, 415, 431, 404 and 405, which no code maps to).
Response ErrorResponse(Protocol protocol, const Request& request, const absl::Status& status,
                       int http_status = 0);

// Which protocol a request speaks, from its method and path: POST to "/pkg.Service/Method" is
// Connect, anything else is REST (or an endpoint of the listener itself).
Protocol ProtocolOf(std::string_view method, std::string_view path);

}  // namespace ndxp::server::http
