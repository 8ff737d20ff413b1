#pragma once
// Pieces of a request target: path and query split, percent-decoding, query parameters.

#include <absl/status/statusor.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ndxp::server::http {

struct Target {
  std::string_view path;   // up to '?' (or '#'), still percent-encoded
  std::string_view query;  // after '?', without it; empty when absent
};

Target SplitTarget(std::string_view target);

// Decodes %XX escapes; '+' becomes a space only when `plus_is_space` (query strings). nullopt on a
// malformed escape. When `keep_slash_escapes`, "%2F" stays encoded (multi-segment path variables,
// as google.api.http specifies).
std::optional<std::string> PercentDecode(std::string_view in, bool plus_is_space,
                                         bool keep_slash_escapes = false);

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// "a=1&b.c=x&a=2" -> {{"a","1"},{"b.c","x"},{"a","2"}}, decoded, in order. A parameter without
// '=' has an empty value; empty pieces ("a=1&&b=2") are skipped. INVALID_ARGUMENT on a malformed
// escape.
absl::StatusOr<QueryParams> ParseQuery(std::string_view query);

}  // namespace ndxp::server::http
