#pragma once
// A client's province, for the ledger's reports and indicators: the two-digit code of a client id
// of the form "VN:PROV:<code>:..." (e.g. "79" for VN:PROV:79:ONESTOP), else none (""): ministry
// systems, the demo client, unidentified calls. Decision 0026.

#include <string_view>

namespace ndxp::metering::ledger {

std::string_view ProvinceOf(std::string_view client_id);

// Two ASCII digits.
bool IsProvinceCode(std::string_view code);

}  // namespace ndxp::metering::ledger
