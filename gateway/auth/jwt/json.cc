#include "gateway/auth/jwt/json.h"

// The one translation unit of the project that compiles Boost.JSON's implementation.
#include <boost/json/src.hpp>

#include "gateway/core/strings.h"

namespace ndxp::auth::jwt {

absl::StatusOr<boost::json::object> ParseObject(std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    return absl::InvalidArgumentError(
        core::ToAbsl(core::Cat("is longer than ", max_bytes, " bytes")));
  }
  boost::json::parse_options options;
  options.max_depth = kMaxJsonDepth;
  boost::json::error_code error;
  boost::json::value value =
      boost::json::parse(boost::json::string_view(text.data(), text.size()), error, {}, options);
  if (error == boost::json::error::too_deep) {
    return absl::InvalidArgumentError(
        core::ToAbsl(core::Cat("is nested deeper than ", kMaxJsonDepth)));
  }
  if (error) return absl::InvalidArgumentError("is not valid JSON");
  if (!value.is_object()) return absl::InvalidArgumentError("is not a JSON object");
  return std::move(value.get_object());
}

std::optional<std::int64_t> AsInteger(const boost::json::value& value) {
  // Boost.JSON keeps an integer literal that fits in int64 as int64, a larger one that fits in
  // uint64 as uint64, and any other number (fraction, exponent, overflow) as double.
  if (value.is_int64()) return value.get_int64();
  return std::nullopt;
}

const boost::json::value* Member(const boost::json::object& object, std::string_view name) {
  return object.if_contains(boost::json::string_view(name.data(), name.size()));
}

std::optional<std::string_view> StringMember(const boost::json::object& object,
                                             std::string_view name) {
  const boost::json::value* value = Member(object, name);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return View(value->get_string());
}

}  // namespace ndxp::auth::jwt
