#include "gateway/config/duration.h"

#include <array>
#include <cstdint>
#include <optional>

#include <absl/status/status.h>

#include "gateway/core/strings.h"

namespace ndxp::config {
namespace {

using Int128 = __int128;

constexpr Int128 kNanosPerSecond = 1'000'000'000;

struct Unit {
  std::string_view name;
  Int128 nanos;
};

// Longest names first, so that "ms" is not read as "m" followed by garbage.
constexpr std::array<Unit, 7> kUnits = {{{"ns", 1},
                                         {"us", 1'000},
                                         {"\xC2\xB5s", 1'000},  // µs
                                         {"ms", 1'000'000},
                                         {"s", kNanosPerSecond},
                                         {"m", 60 * kNanosPerSecond},
                                         {"h", 3600 * kNanosPerSecond}}};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

absl::Status Expected(std::string_view text) {
  return absl::InvalidArgumentError(core::ToAbsl(core::Cat(
      "expected a duration such as \"250ms\", \"30s\", \"5m\" or \"1h\", got \"", text, "\"")));
}

// Reads one "<number><unit>" from the front of `rest`; adds its value to `total`.
bool ReadComponent(std::string_view& rest, Int128& total) {
  std::size_t i = 0;
  Int128 whole = 0;
  std::size_t whole_digits = 0;
  for (; i < rest.size() && IsDigit(rest[i]); ++i, ++whole_digits) {
    if (whole_digits >= 24) return false;  // far beyond any representable duration
    whole = whole * 10 + (rest[i] - '0');
  }
  Int128 frac = 0;
  Int128 frac_scale = 1;
  std::size_t frac_digits = 0;
  if (i < rest.size() && rest[i] == '.') {
    for (++i; i < rest.size() && IsDigit(rest[i]); ++i, ++frac_digits) {
      if (frac_digits < 18) {  // finer than a nanosecond for every unit: ignored
        frac = frac * 10 + (rest[i] - '0');
        frac_scale *= 10;
      }
    }
  }
  if (whole_digits == 0 && frac_digits == 0) return false;
  rest.remove_prefix(i);
  for (const Unit& unit : kUnits) {
    if (rest.starts_with(unit.name)) {
      rest.remove_prefix(unit.name.size());
      total += whole * unit.nanos + frac * unit.nanos / frac_scale;
      return true;
    }
  }
  return false;  // a number without a unit, or an unknown unit
}

std::string ToDecimal(Int128 value) {  // value >= 0
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(value % 10)));
    value /= 10;
  } while (value > 0);
  return digits;
}

}  // namespace

absl::StatusOr<google::protobuf::Duration> ParseDuration(std::string_view text) {
  if (text.starts_with('-')) {
    return absl::InvalidArgumentError(
        core::ToAbsl(core::Cat("negative duration \"", text, "\" is not allowed")));
  }
  std::string_view rest = text;
  if (rest.starts_with('+')) rest.remove_prefix(1);
  if (rest.empty()) return Expected(text);
  Int128 total = 0;
  while (!rest.empty()) {
    if (!ReadComponent(rest, total)) return Expected(text);
    if (total > Int128{kMaxDurationSeconds} * kNanosPerSecond) {
      return absl::InvalidArgumentError(core::ToAbsl(
          core::Cat("duration \"", text, "\" is too long (at most ", kMaxDurationSeconds, "s)")));
    }
  }
  google::protobuf::Duration out;
  out.set_seconds(static_cast<std::int64_t>(total / kNanosPerSecond));
  out.set_nanos(static_cast<std::int32_t>(total % kNanosPerSecond));
  return out;
}

Int128 ToNanos(const google::protobuf::Duration& duration) {
  return Int128{duration.seconds()} * kNanosPerSecond + duration.nanos();
}

bool IsPositive(const google::protobuf::Duration& d) {
  const bool in_range = d.seconds() <= kMaxDurationSeconds && d.nanos() >= 0 &&
                        d.nanos() < kNanosPerSecond && d.seconds() >= 0;
  return in_range && ToNanos(d) > 0;
}

std::string FormatDuration(const google::protobuf::Duration& duration) {
  Int128 nanos = ToNanos(duration);
  std::string sign;
  if (nanos < 0) {
    sign = "-";
    nanos = -nanos;
  }
  if (nanos == 0) return "0s";
  // From the largest unit down: the first that divides the value exactly.
  for (auto it = kUnits.rbegin(); it != kUnits.rend(); ++it) {
    if (it->name == "\xC2\xB5s") continue;
    if (nanos % it->nanos == 0) {
      return core::Cat(sign, ToDecimal(nanos / it->nanos), it->name);
    }
  }
  return core::Cat(sign, ToDecimal(nanos), "ns");
}

}  // namespace ndxp::config
