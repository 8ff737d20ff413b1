#include "connectors/common/typed_handler.h"

#include <google/protobuf/text_format.h>

#include "gateway/core/strings.h"

namespace ndxp::connectors {

absl::Status ConvertMessage(const google::protobuf::Message& from, google::protobuf::Message& to) {
  if (from.GetDescriptor()->full_name() != to.GetDescriptor()->full_name()) {
    return absl::InternalError(
        core::ToAbsl(core::Cat("handler expected ", to.GetDescriptor()->full_name(), " but got ",
                               from.GetDescriptor()->full_name())));
  }
  if (!to.ParseFromString(from.SerializeAsString())) {
    return absl::InternalError("could not convert a message through its wire form");
  }
  return absl::OkStatus();
}

std::string ToTextFormat(const google::protobuf::Message& message) {
  google::protobuf::TextFormat::Printer printer;
  printer.SetSingleLineMode(true);
  printer.SetUseUtf8StringEscaping(true);
  std::string out;
  printer.PrintToString(message, &out);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

core::MethodHandler HandlerOf(const google::protobuf::ServiceDescriptor& service,
                              std::string_view method) {
  core::MethodHandler handler;
  handler.method = service.FindMethodByName(std::string(method));
  return handler;
}

}  // namespace ndxp::connectors
