// ParseBudgetUnitCode on arbitrary text: an accepted code formats back to the text and is the code
// made from its kind digit and sequence (so its check digit is right).
#include <cstdint>

#include "connectors/common/budget_unit_code.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ndxp::connectors;
  const std::string_view text = ndxp::fuzz::AsText(data, size);
  const auto code = ParseBudgetUnitCode(text);
  if (!code.ok()) return 0;
  NDXP_FUZZ_CHECK(IsBudgetUnitKindDigit(code->kind_digit));
  NDXP_FUZZ_CHECK(code->sequence >= 1 && code->sequence <= 99'999);
  NDXP_FUZZ_CHECK(FormatBudgetUnitCode(code->value) == text);
  NDXP_FUZZ_CHECK(MakeBudgetUnitCode(code->kind_digit, code->sequence) == code->value);
  NDXP_FUZZ_CHECK(BudgetUnitCheckDigit(code->value / 10) == static_cast<int>(code->value % 10));
  return 0;
}
