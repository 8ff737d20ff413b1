#pragma once
// REST calls: a request matched to a google.api.http rule becomes the route's request message
// (body, query parameters, path variables), runs through the pipeline, and is answered with the
// response message as JSON; errors as google.rpc.Status JSON.

#include <string_view>

#include "gateway/core/peer_info.h"
#include "gateway/server/http/http_message.h"
#include "gateway/server/http/rest_mapping.h"
#include "gateway/server/limits.h"
#include "gateway/server/pipeline.h"

namespace ndxp::server::http {

class RestHandler {
 public:
  RestHandler(const Pipeline& pipeline, const InputLimits& limits)
      : pipeline_(pipeline), limits_(limits) {}

  // `match` holds a rule; `query` is the target's query string (still encoded). `request` must
  // stay valid until answered.
  void Handle(const Request& request, RestMatch match, std::string_view query,
              Respond respond, const core::PeerInfo* peer = nullptr) const;

 private:
  const Pipeline& pipeline_;
  const InputLimits& limits_;
};

}  // namespace ndxp::server::http
