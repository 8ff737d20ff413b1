#pragma once
// Land-use types (loại đất) with their map codes, as listed in the appendix of the cadastral
// mapping rules (Thông tư 27/2018/TT-BTNMT, codes kept by Thông tư 08/2024/TT-BTNMT under Luật
// Đất đai 2024, article 9). Codes and names are written from those texts as we know them (see
// docs/decisions/0131); a record stores the table index.

#include <cstdint>
#include <span>
#include <string_view>

namespace ndxp::connectors::land {

struct LandUseType {
  std::string_view code;  // "ONT"
  std::string_view name;  // "Đất ở tại nông thôn"
  std::uint8_t group;     // ndxp.land.v1.LandGroup
};

std::span<const LandUseType> LandUseTypes();
// Index of a code in LandUseTypes(), or -1.
int FindLandUseType(std::string_view code);

}  // namespace ndxp::connectors::land
