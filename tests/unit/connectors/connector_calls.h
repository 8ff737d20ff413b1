#pragma once
// Calls a connector's handlers directly through the core::Connector interface, as the gateway's
// listeners do, whatever the call shape.

#include <absl/status/status.h>
#include <google/protobuf/message.h>
#include <google/protobuf/text_format.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/connector.h"

namespace ndxp::connectors::testing {

struct CallResult {
  absl::Status status;
  std::vector<std::unique_ptr<google::protobuf::Message>> responses;
};

inline const core::MethodHandler* FindHandler(const std::vector<core::MethodHandler>& handlers,
                                              std::string_view method) {
  for (const auto& h : handlers) {
    if (h.method != nullptr && h.method->name() == method) return &h;
  }
  return nullptr;
}

inline std::unique_ptr<google::protobuf::Message> NewMessage(
    const google::protobuf::Descriptor* type) {
  return std::unique_ptr<google::protobuf::Message>(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
}

// Sends `requests` (one for unary and server-streaming calls) and collects every response.
inline CallResult Call(const core::MethodHandler& handler,
                       const std::vector<const google::protobuf::Message*>& requests) {
  CallResult result;
  core::CallContext ctx;
  ctx.request_id = "test-request";
  switch (core::ShapeOf(*handler.method)) {
    case core::CallShape::kUnary: {
      auto response = NewMessage(handler.method->output_type());
      result.status = handler.unary(ctx, *requests.at(0), *response);
      if (result.status.ok()) result.responses.push_back(std::move(response));
      return result;
    }
    case core::CallShape::kServerStreaming: {
      auto stream = handler.server_stream(ctx, *requests.at(0));
      if (!stream.ok()) {
        result.status = stream.status();
        return result;
      }
      for (;;) {
        auto response = NewMessage(handler.method->output_type());
        auto more = (*stream)->Next(*response);
        if (!more.ok()) {
          result.status = more.status();
          return result;
        }
        if (!*more) return result;
        result.responses.push_back(std::move(response));
      }
    }
    case core::CallShape::kClientStreaming:
    case core::CallShape::kBidiStreaming: {
      auto stream = handler.request_stream(ctx);
      if (!stream.ok()) {
        result.status = stream.status();
        return result;
      }
      // As the gateway drives it: after each request (and after the half-close), pull every
      // response that is ready before going on.
      auto pull = [&]() -> absl::Status {
        for (;;) {
          auto response = NewMessage(handler.method->output_type());
          auto more = (*stream)->Next(*response);
          if (!more.ok()) return more.status();
          if (!*more) return absl::OkStatus();
          result.responses.push_back(std::move(response));
        }
      };
      for (const auto* request : requests) {
        result.status = (*stream)->OnRequest(*request);
        if (result.status.ok()) result.status = pull();
        if (!result.status.ok()) return result;
      }
      result.status = (*stream)->OnHalfClose();
      if (result.status.ok()) result.status = pull();
      return result;
    }
  }
  return result;
}

inline CallResult Call(const core::MethodHandler& handler,
                       const google::protobuf::Message& request) {
  return Call(handler, std::vector<const google::protobuf::Message*>{&request});
}

// Parses a request in protobuf text format for `handler`'s method.
inline std::unique_ptr<google::protobuf::Message> ParseRequest(const core::MethodHandler& handler,
                                                               const std::string& text) {
  auto request = NewMessage(handler.method->input_type());
  if (!google::protobuf::TextFormat::ParseFromString(text, request.get())) return nullptr;
  return request;
}

}  // namespace ndxp::connectors::testing
