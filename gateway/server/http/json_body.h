#pragma once
// JSON request bodies and responses through protobuf's JSON mapping, with the nesting-depth limit
// checked before the parser sees the body.

#include <absl/status/status.h>
#include <google/protobuf/message.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "gateway/server/pipeline.h"

namespace ndxp::server::http {

// Parses `body` into `into` (cleared first). An empty body is the empty message. Deeper than
// `max_depth`: INVALID_ARGUMENT, counted in the pipeline as a max_json_depth rejection of
// `protocol`. Unknown fields and malformed JSON: INVALID_ARGUMENT with the parser's explanation
// (which names the field).
absl::Status ParseJsonBody(const Pipeline& pipeline, Protocol protocol, std::string_view body,
                           std::uint32_t max_depth, google::protobuf::Message& into);

// The message in the proto3 JSON mapping (lowerCamelCase names, defaults omitted).
absl::Status RenderJson(const google::protobuf::Message& message, std::string& out);

}  // namespace ndxp::server::http
