#pragma once
// Connect protocol unary calls: POST /<package.Service>/<Method> with a JSON or binary protobuf
// body, answered in the same codec, errors as Connect error JSON.

#include <string_view>

#include "gateway/core/peer_info.h"
#include "gateway/server/http/http_message.h"
#include "gateway/server/limits.h"
#include "gateway/server/pipeline.h"

namespace ndxp::server::http {

class ConnectHandler {
 public:
  ConnectHandler(const Pipeline& pipeline, const InputLimits& limits)
      : pipeline_(pipeline), limits_(limits) {}

  // `path` is the request's path without its query. `request` must stay valid until answered.
  void Handle(const Request& request, std::string_view path, Respond respond,
              const core::PeerInfo* peer = nullptr) const;

 private:
  const Pipeline& pipeline_;
  const InputLimits& limits_;
};

}  // namespace ndxp::server::http
