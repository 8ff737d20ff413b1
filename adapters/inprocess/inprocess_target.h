#pragma once
// A route served by a connector in the gateway's own process: the request is parsed into the
// route's message type and the connector's handler runs on the listener's thread (connectors
// answer from memory and never block). Streaming handlers are pulled (see core::ResponseStream
// and core::RequestStream): one message moves at a time, so a slow client slows the handler
// instead of growing a queue.

#include <memory>

#include "gateway/core/connector.h"
#include "gateway/core/target.h"

namespace ndxp::adapters {

class InProcessTarget final : public core::Target {
 public:
  explicit InProcessTarget(core::MethodHandler handler) : handler_(std::move(handler)) {}

  std::string_view kind() const override { return "in_process"; }
  void Unary(core::Call& call, core::Payload& request, core::Payload& response,
             core::UnaryCompletion& done) override;
  std::shared_ptr<core::TargetStream> OpenStream(core::Call& call,
                                                 core::StreamPeer& peer) override;

 private:
  const core::MethodHandler handler_;
};

}  // namespace ndxp::adapters
