#include "gateway/config/scalar_parse.h"

#include <cctype>

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include <absl/status/status.h>

#include "gateway/core/strings.h"
#include "gateway/core/utf8.h"

namespace ndxp::config {
namespace {

absl::Status Invalid(const std::string& message) {
  return absl::InvalidArgumentError(core::ToAbsl(message));
}

// The magnitude of an optionally signed decimal or 0x-hex integer; nullopt when malformed;
// `overflow` when it does not fit 64 bits.
std::optional<std::uint64_t> ParseMagnitude(std::string_view text, bool& negative, bool& overflow) {
  negative = false;
  overflow = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  }
  if (text.empty()) return std::nullopt;
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (end != text.data() + text.size()) return std::nullopt;  // trailing garbage
  if (ec == std::errc::result_out_of_range) {
    overflow = true;
    return 0;
  }
  if (ec != std::errc()) return std::nullopt;
  return value;
}

absl::Status OutOfRange(std::string_view text, std::string_view range) {
  return Invalid(core::Cat(text, " is out of range (", range, ")"));
}

}  // namespace

absl::StatusOr<std::string> ParseStringScalar(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = core::Utf8SequenceLength(text, i);
    if (n == 0) {
      return Invalid(core::Cat("expected UTF-8 text, got a byte that is not UTF-8 at offset ", i));
    }
    i += n;
  }
  return std::string(text);
}

std::string QuoteForError(std::string_view text) {
  constexpr std::size_t kMax = 60;
  if (text.size() <= kMax) return core::Cat("\"", text, "\"");
  return core::Cat("\"", text.substr(0, kMax), "...\"");
}

absl::StatusOr<std::int64_t> ParseSignedScalar(std::string_view text, std::int64_t min,
                                               std::int64_t max) {
  bool negative = false;
  bool overflow = false;
  std::optional<std::uint64_t> magnitude = ParseMagnitude(text, negative, overflow);
  if (!magnitude) return Invalid(core::Cat("expected an integer, got ", QuoteForError(text)));
  const std::string range = core::Cat(min, " to ", max);
  if (overflow) return OutOfRange(text, range);
  // Compare magnitudes in unsigned arithmetic so that the minimum of int64 itself is accepted.
  const std::uint64_t limit =
      negative ? 0 - static_cast<std::uint64_t>(min) : static_cast<std::uint64_t>(max);
  if (*magnitude > limit) return OutOfRange(text, range);
  if (!negative) return static_cast<std::int64_t>(*magnitude);
  return static_cast<std::int64_t>(0 - *magnitude);
}

absl::StatusOr<std::uint64_t> ParseUnsignedScalar(std::string_view text, std::uint64_t max) {
  bool negative = false;
  bool overflow = false;
  std::optional<std::uint64_t> magnitude = ParseMagnitude(text, negative, overflow);
  if (!magnitude) {
    return Invalid(core::Cat("expected an unsigned integer, got ", QuoteForError(text)));
  }
  const bool zero = !overflow && *magnitude == 0;
  if (overflow || (negative && !zero) || *magnitude > max) {
    return OutOfRange(text, core::Cat("0 to ", max));
  }
  return *magnitude;
}

absl::StatusOr<bool> ParseBoolScalar(std::string_view text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return Invalid(core::Cat("expected true or false, got ", QuoteForError(text)));
}

absl::StatusOr<double> ParseFloatingScalar(std::string_view text, bool single) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (text == ".inf" || text == ".Inf" || text == ".INF" || text == "+.inf") return kInf;
  if (text == "-.inf" || text == "-.Inf" || text == "-.INF") return -kInf;
  if (text == ".nan" || text == ".NaN" || text == ".NAN") return std::nan("");
  std::string_view digits = text;
  if (digits.starts_with('+')) digits.remove_prefix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  const bool whole = !digits.empty() && end == digits.data() + digits.size();
  if (!whole || (ec != std::errc() && ec != std::errc::result_out_of_range) ||
      !std::isfinite(value)) {
    return Invalid(core::Cat("expected a number, got ", QuoteForError(text)));
  }
  const double limit =
      single ? std::numeric_limits<float>::max() : std::numeric_limits<double>::max();
  if (ec == std::errc::result_out_of_range || std::fabs(value) > limit) {
    return OutOfRange(text, single ? "a 32-bit float" : "a 64-bit float");
  }
  return value;
}

namespace {

// "BALANCING" for enum Balancing: the prefix its values carry (buf STANDARD, ENUM_VALUE_PREFIX).
std::string EnumValuePrefix(const google::protobuf::EnumDescriptor& type) {
  std::string prefix;
  for (char c : type.name()) {
    if (c >= 'A' && c <= 'Z' && !prefix.empty()) prefix.push_back('_');
    prefix.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return prefix + "_";
}

bool IsUnspecified(const google::protobuf::EnumValueDescriptor& value) {
  return value.number() == 0 && value.name().ends_with("_UNSPECIFIED");
}

}  // namespace

std::string EnumValueYamlName(const google::protobuf::EnumValueDescriptor& value) {
  std::string name = value.name();
  if (IsUnspecified(value)) return name;  // no short name: "not set" is best left out
  const std::string prefix = EnumValuePrefix(*value.type());
  if (name.starts_with(prefix) && name.size() > prefix.size()) name = name.substr(prefix.size());
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

absl::StatusOr<int> ParseEnumScalar(std::string_view text,
                                    const google::protobuf::EnumDescriptor& type) {
  std::string known;
  for (int i = 0; i < type.value_count(); ++i) {
    const auto* value = type.value(i);
    if (text == EnumValueYamlName(*value) || text == value->name()) return value->number();
    if (IsUnspecified(*value)) continue;
    core::Append(known, known.empty() ? "" : ", ", EnumValueYamlName(*value));
  }
  return Invalid(core::Cat("unknown value ", QuoteForError(text), " (known values: ", known, ")"));
}

}  // namespace ndxp::config
