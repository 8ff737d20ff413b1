// The social insurance number and the health-insurance card code on arbitrary text: accepted
// values format back to their canonical text, which parses to the same parts; a printed card code
// is the canonical one with separators between its parts.
#include <cstdint>
#include <string>

#include "connectors/common/insurance_codes.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

// The case the promise is about: the number itself (a fuzzer soon writes words of the fixed
// message, which are not the number).
bool IsLongNumber(std::string_view s) {
  return s.size() >= 8 && s.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ndxp::connectors;
  const std::string_view text = ndxp::fuzz::AsText(data, size);
  const auto number = ParseSocialInsuranceNumber(text);
  if (number.ok()) {
    NDXP_FUZZ_CHECK(FormatSocialInsuranceNumber(*number) == text);
  } else if (IsLongNumber(text)) {
    NDXP_FUZZ_CHECK(std::string(number.status().message()).find(text) == std::string::npos);
  }
  const auto card = ParseHealthInsuranceCardCode(text);
  if (!card.ok()) return 0;
  NDXP_FUZZ_CHECK(card->group != nullptr && FindBeneficiaryGroup(card->group->code) == card->group);
  NDXP_FUZZ_CHECK(card->benefit_level >= 1 && card->benefit_level <= 5);
  NDXP_FUZZ_CHECK(card->province_code >= 1 && card->province_code <= 96);
  const std::string canonical = FormatHealthInsuranceCardCode(
      card->group->code, card->benefit_level, card->province_code, card->social_insurance_number);
  NDXP_FUZZ_CHECK(canonical.size() == 15);
  std::string stripped;
  for (char c : text) {
    if (c != '-' && c != ' ') stripped.push_back(c);
  }
  NDXP_FUZZ_CHECK(stripped == canonical);
  const auto again = ParseHealthInsuranceCardCode(canonical);
  NDXP_FUZZ_CHECK(again.ok() && again->group == card->group &&
                  again->benefit_level == card->benefit_level &&
                  again->province_code == card->province_code &&
                  again->social_insurance_number == card->social_insurance_number);
  return 0;
}
