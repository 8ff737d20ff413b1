#include "gateway/config/rate.h"

#include <algorithm>
#include <charconv>

#include "gateway/config/scalar_parse.h"
#include "gateway/core/strings.h"

namespace ndxp::config {

absl::StatusOr<Rate> ParseRate(std::string_view text) {
  auto bad = [&] {
    return absl::InvalidArgumentError(core::ToAbsl(core::Cat(
        "expected \"N/s\", \"N/m\" or \"N/h\" (N a positive integer up to ", kMaxRateCount,
        "), got ", QuoteForError(text))));
  };
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 2 != text.size()) return bad();
  Rate rate;
  switch (text[slash + 1]) {
    case 's': rate.period_seconds = 1; break;
    case 'm': rate.period_seconds = 60; break;
    case 'h': rate.period_seconds = 3600; break;
    default: return bad();
  }
  const std::string_view digits = text.substr(0, slash);
  if (digits.size() > 7 || !std::all_of(digits.begin(), digits.end(),
                                        [](char c) { return c >= '0' && c <= '9'; })) {
    return bad();
  }
  std::uint32_t n = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (n == 0 || n > kMaxRateCount) return bad();
  rate.count = n;
  return rate;
}

std::uint32_t DefaultBurst(const Rate& rate) {
  if (rate.period_seconds <= 0) return 1;
  const std::int64_t per_second = rate.count / rate.period_seconds;
  return static_cast<std::uint32_t>(std::max<std::int64_t>(1, per_second));
}

}  // namespace ndxp::config
