#include "connectors/common/utf8.h"

#include <cstdint>

namespace ndxp::connectors {

std::optional<std::size_t> Utf8Length(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    const auto lead = static_cast<std::uint8_t>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    int extra = 0;
    std::uint32_t cp = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
      extra = 1;
      cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      extra = 2;
      cp = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      extra = 3;
      cp = lead & 0x07;
    } else {
      return std::nullopt;  // continuation byte, overlong lead (C0, C1) or beyond F4
    }
    if (text.size() - i <= static_cast<std::size_t>(extra)) return std::nullopt;  // truncated
    for (int k = 1; k <= extra; ++k) {
      const auto b = static_cast<std::uint8_t>(text[i + static_cast<std::size_t>(k)]);
      if ((b & 0xC0) != 0x80) return std::nullopt;
      cp = cp << 6 | (b & 0x3F);
    }
    if ((extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return std::nullopt;
    }
    i += static_cast<std::size_t>(extra) + 1;
  }
  return count;
}

}  // namespace ndxp::connectors
