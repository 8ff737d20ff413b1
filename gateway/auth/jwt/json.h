#pragma once
// Bounded JSON for JWS headers, JWT claims and JWKS documents, with Boost.JSON (header-only; its
// implementation is compiled in json.cc): strict RFC 8259 (no comments, no trailing commas, valid
// UTF-8), size and nesting bounded, and integers told apart from other numbers. See
// docs/decisions/0014-jwt-verification.md.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include <absl/status/statusor.h>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace ndxp::auth::jwt {

// Deepest nesting of arrays and objects accepted (the top-level object counts as 1).
inline constexpr std::size_t kMaxJsonDepth = 16;

// Parses `text` as one JSON object of at most `max_bytes` bytes. A duplicate member name keeps
// the last value (the choice RFC 7515 §4 allows a JWS parser). INVALID_ARGUMENT saying what is
// wrong ("is longer than N bytes", "is nested deeper than 16", "is not valid JSON", "is not a JSON
// object"), never quoting the text.
absl::StatusOr<boost::json::object> ParseObject(std::string_view text, std::size_t max_bytes);

// The value as an integer when it is one that fits in int64: nullopt for a fraction or exponent
// (1.5, 1e3), an integer beyond int64 and any non-number.
std::optional<std::int64_t> AsInteger(const boost::json::value& value);

// A Boost.JSON string as a std::string_view.
inline std::string_view View(const boost::json::string& s) { return {s.data(), s.size()}; }

// The member `name` of `object`, nullptr when absent.
const boost::json::value* Member(const boost::json::object& object, std::string_view name);

// The member's string, nullopt when absent or not a string.
std::optional<std::string_view> StringMember(const boost::json::object& object,
                                             std::string_view name);

}  // namespace ndxp::auth::jwt
