#pragma once
// The 12-digit personal identification number (số định danh cá nhân), PPP G YY RRRRRR:
// PPP the province where the birth was registered (0 + the pre-2025 GSO code: one of the 63
// codes 001..096), G century and sex (1900s: 0 male / 1 female, 2000s: 2 / 3, ... up to 2300s:
// 8 / 9), YY the last two digits of the birth year, RRRRRR six digits. There is no checksum.
// See shared docs domain-formats.md §1.

#include <absl/status/statusor.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "connectors/common/dates.h"

namespace ndxp::connectors {

struct PersonalId {
  std::uint64_t value = 0;  // the 12 digits as a number
  int province_code = 0;    // GSO code of the birth-registration province, 1..96
  bool female = false;
  int birth_year = 0;        // from G and YY
  std::uint32_t serial = 0;  // RRRRRR
};

// Parses and validates `text`. Errors are core::FieldViolation on `field` (e.g. "personal_id" or
// "verification.personal_id"); their descriptions never repeat the number. A birth year after
// `latest_birth_year` (the data's snapshot year by default) is malformed.
absl::StatusOr<PersonalId> ParsePersonalId(std::string_view text,
                                           std::string_view field = "personal_id",
                                           int latest_birth_year = kSnapshotDate.year);

// True when ParsePersonalId would succeed.
bool IsValidPersonalId(std::string_view text, int latest_birth_year = kSnapshotDate.year);

// The century-and-sex digit for a birth year in 1900..2399.
int CenturySexDigit(int birth_year, bool female);

// The number for its parts (birth_year 1900..2399, serial < 1,000,000).
std::uint64_t ComposePersonalId(int province_code, int birth_year, bool female,
                                std::uint32_t serial);

// Twelve digits, zero-padded.
std::string FormatPersonalId(std::uint64_t value);

// True when the id's century/sex digit and YY agree with a birth date and sex.
bool PersonalIdMatches(const PersonalId& id, const CivilDate& birth, bool female);

}  // namespace ndxp::connectors
