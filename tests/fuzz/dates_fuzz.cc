// The calendar arithmetic behind every date field: day numbers and civil dates convert both ways,
// working days land on weekdays, and ages are never negative, for any date in years 1..9999.
#include <cstdint>
#include <cstring>

#include "connectors/common/dates.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

// Reads the next 4 bytes as an int (zero-padded at the end of the input).
std::int32_t Take(const std::uint8_t*& data, std::size_t& size) {
  std::uint8_t bytes[4] = {0, 0, 0, 0};
  const std::size_t n = size < 4 ? size : 4;
  std::memcpy(bytes, data, n);
  data += n;
  size -= n;
  return static_cast<std::int32_t>(bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) |
                                   (static_cast<std::uint32_t>(bytes[3]) << 24));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ndxp::connectors;
  constexpr std::int32_t kFirst = -719162;  // 0001-01-01
  constexpr std::int32_t kLast = 2932896;   // 9999-12-31
  const std::int32_t a = Take(data, size);
  const std::int32_t b = Take(data, size);
  const std::int32_t n = Take(data, size) % 1000;
  const CivilDate date{a % 10000, (b & 0xff) % 14, ((b >> 8) & 0xff) % 33};
  if (IsValidDate(date)) {
    NDXP_FUZZ_CHECK(FromDays(ToDays(date)) == date);
    NDXP_FUZZ_CHECK(FormatIsoDate(date).size() == 10);
  }
  const std::int32_t days =
      kFirst + static_cast<std::int32_t>(static_cast<std::uint32_t>(a) % (kLast - kFirst + 1));
  const CivilDate civil = FromDays(days);
  NDXP_FUZZ_CHECK(IsValidDate(civil) && ToDays(civil) == days);
  NDXP_FUZZ_CHECK(DayOfWeek(days) >= 0 && DayOfWeek(days) <= 6);
  if (days > kFirst + 4000 && days < kLast - 4000) {
    const std::int32_t moved = AddWorkingDays(days, n);
    NDXP_FUZZ_CHECK(DayOfWeek(moved) <= 4);
    NDXP_FUZZ_CHECK(n >= 0 ? moved >= days : moved < days);
    const CivilDate later = FromDays(days + (b & 0xffff));
    NDXP_FUZZ_CHECK(AgeOn(civil, later) >= 0);
  }
  return 0;
}
