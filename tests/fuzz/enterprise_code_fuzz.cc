// ParseEnterpriseCode on arbitrary text: an accepted code has a valid check digit and formats to
// the text (the hyphen before a unit suffix being optional), and its formatted form parses back to
// the same code.
#include <cstdint>
#include <string>

#include "connectors/common/enterprise_code.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ndxp::connectors;
  const std::string_view text = ndxp::fuzz::AsText(data, size);
  const auto code = ParseEnterpriseCode(text);
  const bool plain = IsValidEnterpriseCode(text);
  NDXP_FUZZ_CHECK(!plain || (code.ok() && !code->is_dependent_unit()));
  if (!code.ok()) return 0;
  NDXP_FUZZ_CHECK(code->unit_suffix >= 0 && code->unit_suffix <= 999);
  NDXP_FUZZ_CHECK(code->enterprise < 10'000'000'000ULL);
  const std::optional<int> check = EnterpriseCheckDigit(code->enterprise / 10);
  NDXP_FUZZ_CHECK(check.has_value() && *check == static_cast<int>(code->enterprise % 10));
  const std::string formatted = FormatEnterpriseCode(*code);
  std::string unhyphenated = formatted;
  if (code->is_dependent_unit()) unhyphenated.erase(10, 1);
  NDXP_FUZZ_CHECK(text == formatted || text == unhyphenated);
  const auto again = ParseEnterpriseCode(formatted);
  NDXP_FUZZ_CHECK(again.ok() && again->enterprise == code->enterprise &&
                  again->unit_suffix == code->unit_suffix);
  return 0;
}
