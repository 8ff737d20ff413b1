#pragma once
// A generic mapper from a YAML tree onto any protobuf message, driven by the message's descriptor.
//
// - A message is a YAML map whose keys are the field names (unknown and duplicate keys are
//   errors; null is an empty message). A proto `map<K, V>` field is a YAML map too.
// - A repeated field is a YAML sequence (null is an empty list).
// - Scalars by field type: integers in decimal or 0x-hex with range checks, true/false, strings,
//   floating point, enums by value name without the enum's prefix, in lower case
//   (`round_robin` for BALANCING_ROUND_ROBIN; the full name is accepted too). Quoting does not
//   matter ("32" and 32 are the same).
// - google.protobuf.Duration from "250ms", "30s", "5m", "1h" (see duration.h);
//   google.protobuf.Timestamp from RFC 3339; the wrapper types (UInt32Value, ...) from a scalar.
// - Proto3 `optional` fields and message fields record presence; two members of one oneof are an
//   error.
//
// Every error is INVALID_ARGUMENT: "<key path>: <problem> (line L, column C)", the key path like
// "limits.max_json_depth" or "clients[1].api_key_sha256[0]".

#include <string>
#include <string_view>

#include <absl/status/status.h>
#include <google/protobuf/message.h>
#include <yaml-cpp/yaml.h>

namespace ndxp::config {

// Maps `node` onto `message` (merging into what it holds). `path` prefixes the key paths in errors;
// empty for a document's root.
absl::Status MapYamlToMessage(const YAML::Node& node, google::protobuf::Message& message,
                              const std::string& path = "");

// Parses `yaml_text` (one document; empty or only comments is an empty message) and maps it onto
// `message`. Errors are prefixed with "<source_name>: " when source_name is not empty; YAML syntax
// errors name the line and column.
absl::Status ParseYamlInto(std::string_view yaml_text, std::string_view source_name,
                           google::protobuf::Message& message);

// The same, returning the parsed YAML tree too (null for an empty document), for checks that need
// to know which keys were written.
absl::Status ParseYamlInto(std::string_view yaml_text, std::string_view source_name,
                           google::protobuf::Message& message, YAML::Node& root);

// " (line L, column C)" for the node's position (1-based), or "" when it has none (yaml-cpp
// gives null values no reliable position).
std::string LocationSuffix(const YAML::Node& node);

}  // namespace ndxp::config
