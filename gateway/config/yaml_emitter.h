#pragma once
// The reverse of the YAML mapper: any protobuf message as YAML that the mapper reads back to an
// equal message. Used to print the embedded default and the effective configuration.
//
// Every singular scalar field is written, zero or not, so that the output shows every key; proto3
// `optional` fields and message fields only when present; repeated fields always (`[]` when empty).
// Durations print as "30s", "250ms", "5m"; enums by their YAML name (`round_robin`, see
// EnumValueYamlName); strings double-quoted.

#include <string>

#include <google/protobuf/message.h>

namespace ndxp::config {

std::string MessageToYaml(const google::protobuf::Message& message);

}  // namespace ndxp::config
