// ParsePersonalId on arbitrary text: an accepted id formats back to the same twelve digits and is
// composed of the parts it parsed to; a refusal never repeats the number.
#include <cstdint>
#include <string>

#include "connectors/common/personal_id.h"
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
  const auto id = ParsePersonalId(text);
  NDXP_FUZZ_CHECK(id.ok() == IsValidPersonalId(text));
  if (id.ok()) {
    NDXP_FUZZ_CHECK(FormatPersonalId(id->value) == text);
    NDXP_FUZZ_CHECK(id->province_code >= 1 && id->province_code <= 96);
    NDXP_FUZZ_CHECK(id->birth_year >= 1900 && id->birth_year <= kSnapshotDate.year);
    NDXP_FUZZ_CHECK(id->serial < 1'000'000);
    NDXP_FUZZ_CHECK(ComposePersonalId(id->province_code, id->birth_year, id->female, id->serial) ==
                    id->value);
  } else if (IsLongNumber(text)) {
    NDXP_FUZZ_CHECK(std::string(id.status().message()).find(text) == std::string::npos);
  }
  return 0;
}
