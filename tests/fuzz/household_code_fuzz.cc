// ParseHouseholdCode on arbitrary text: an accepted code formats back to the text and parses again
// to the same commune and sequence.
#include <cstdint>

#include "connectors/common/household_code.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ndxp::connectors;
  const std::string_view text = ndxp::fuzz::AsText(data, size);
  const auto code = ParseHouseholdCode(text);
  if (!code.ok()) return 0;
  NDXP_FUZZ_CHECK(code->commune_code <= 99'999);
  NDXP_FUZZ_CHECK(code->sequence >= 1 && code->sequence <= 999'999);
  const std::string formatted = FormatHouseholdCode(code->commune_code, code->sequence);
  NDXP_FUZZ_CHECK(formatted == text);
  const auto again = ParseHouseholdCode(formatted);
  NDXP_FUZZ_CHECK(again.ok() && again->commune_code == code->commune_code &&
                  again->sequence == code->sequence);
  return 0;
}
