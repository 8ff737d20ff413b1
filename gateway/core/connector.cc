#include "gateway/core/connector.h"

namespace ndxp::core {

CallShape ShapeOf(const google::protobuf::MethodDescriptor& method) {
  if (method.client_streaming()) {
    return method.server_streaming() ? CallShape::kBidiStreaming : CallShape::kClientStreaming;
  }
  return method.server_streaming() ? CallShape::kServerStreaming : CallShape::kUnary;
}

std::string_view CallShapeName(CallShape shape) {
  switch (shape) {
    case CallShape::kUnary:
      return "unary";
    case CallShape::kServerStreaming:
      return "server_streaming";
    case CallShape::kClientStreaming:
      return "client_streaming";
    case CallShape::kBidiStreaming:
      return "bidi_streaming";
  }
  return "unknown";
}

std::vector<std::string> Connector::PrimarySampleIds(std::size_t count) const {
  const std::vector<SampleKind> kinds = SampleKinds();
  if (kinds.empty()) return {};
  return SampleIds(kinds.front().name, count);
}

}  // namespace ndxp::core
