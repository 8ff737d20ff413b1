#pragma once
// Digital address codes (mã địa chỉ số) of the Vpostcode system. Vietnam Post has published no
// specification of the real code (domain-formats.md §6: UNCONFIRMED), so this format is SIMULATED,
// chosen to carry what the system's purpose needs (decision 0113):
//
//   PPPPP-SSSSC   e.g. 70145-SQ5VY
//   PPPPP  the national postcode of the commune (5 digits)
//   SSSS   the address within the commune: 4 characters of Crockford's base 32 (0-9 and A-Z
//          without I, L, O, U), so up to 1,048,576 addresses per commune
//   C      a check character over the 9 others (Luhn mod 32), which catches every single wrong
//          character and most swaps of neighbours
//
// Letters may be sent in lower case; codes are always written in upper case.

#include <absl/status/statusor.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace ndxp::connectors {

inline constexpr std::uint32_t kDigitalAddressSerials = 1u << 20;

struct DigitalAddressCode {
  std::uint32_t postcode = 0;  // 5 digits
  std::uint32_t serial = 0;    // < kDigitalAddressSerials
};

// "PPPPP-SSSSC" for a postcode < 100000 and a serial < kDigitalAddressSerials.
std::string FormatDigitalAddress(std::uint32_t postcode, std::uint32_t serial);

// Parses and validates a code; errors are core::FieldViolation on `field` naming the wrong part.
// The postcode's prefix must be a province's; whether a commune has it is the caller's question.
absl::StatusOr<DigitalAddressCode> ParseDigitalAddress(
    std::string_view text, std::string_view field = "digital_address_code");

}  // namespace ndxp::connectors
