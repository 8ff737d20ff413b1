#pragma once
// A pre-scan of JSON request bodies: how deeply objects and arrays nest, checked before the body is
// handed to the protobuf JSON parser, so that a hostile body cannot make the parser recurse deeply.

#include <cstdint>
#include <string_view>

namespace ndxp::server::http {

// True when no object or array in `json` nests deeper than `max_depth` levels ("{}" is depth 1).
// Brackets inside strings (including escaped quotes) do not count. The scan stops at the first
// level past the limit; it does not validate the JSON otherwise (the parser does that).
bool JsonDepthWithin(std::string_view json, std::uint32_t max_depth);

}  // namespace ndxp::server::http
