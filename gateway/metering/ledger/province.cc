#include "gateway/metering/ledger/province.h"

namespace ndxp::metering::ledger {

bool IsProvinceCode(std::string_view code) {
  return code.size() == 2 && code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9';
}

std::string_view ProvinceOf(std::string_view client_id) {
  constexpr std::string_view kPrefix = "VN:PROV:";
  if (client_id.substr(0, kPrefix.size()) != kPrefix) return {};
  std::string_view rest = client_id.substr(kPrefix.size());
  std::string_view code = rest.substr(0, 2);
  if (!IsProvinceCode(code)) return {};
  // The code is a whole segment: "VN:PROV:79" or "VN:PROV:79:...", not "VN:PROV:791:...".
  if (rest.size() > 2 && rest[2] != ':') return {};
  return code;
}

}  // namespace ndxp::metering::ledger
