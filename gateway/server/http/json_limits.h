#pragma once
// A strict check of JSON request bodies (RFC 8259), made before the body is handed to the
// protobuf JSON parser: protobuf 3.21's parser is lenient (single-quoted strings, trailing
// commas, comments are accepted) and recursive, so a body is first checked here, iteratively,
// against the grammar and a nesting bound.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ndxp::server::http {

struct JsonCheck {
  enum class Result { kOk, kTooDeep, kMalformed };
  Result result = Result::kOk;
  std::size_t offset = 0;  // kMalformed: the byte where the problem is
  std::string problem;     // kMalformed: what is wrong there
};

// Checks that `json` is exactly one JSON value (RFC 8259: objects, arrays, double-quoted strings
// with the standard escapes and valid UTF-8, numbers, true, false, null; whitespace around) with
// no object or array nested deeper than `max_depth` levels ("{}" is depth 1).
JsonCheck CheckJson(std::string_view json, std::uint32_t max_depth);

// Only the nesting bound of CheckJson (brackets inside strings do not count).
bool JsonDepthWithin(std::string_view json, std::uint32_t max_depth);

}  // namespace ndxp::server::http
