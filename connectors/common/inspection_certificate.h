#pragma once
// Vehicle inspection centres and certificate numbers. A centre code is the local plate code of
// its province, a two-digit number and V (or D at some centres), written "29-03V"; an inspection
// certificate number is the centre code, the year of issue and a six-digit sequence,
// "29-03V-2025-012345". No public specification of either was found (shared docs
// domain-formats.md §4 marks centre codes UNCONFIRMED): the certificate number is our form,
// docs/decisions/0135.

#include <absl/status/statusor.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "connectors/common/dates.h"

namespace ndxp::connectors {

struct InspectionCentreCode {
  int local_code = 0;  // a plate local code (IsPlateLocalCode)
  int number = 0;      // 1..99
  char letter = 'V';   // 'V' or 'D'
};

struct InspectionCertificateNumber {
  InspectionCentreCode centre;
  int year = 0;                // 2000..the snapshot year
  std::uint32_t sequence = 0;  // 1..999999
};

// Parses "29-03V-2025-012345" (letters in any case). Errors are core::FieldViolation on `field`
// naming the part that is wrong.
absl::StatusOr<InspectionCertificateNumber> ParseInspectionCertificateNumber(
    std::string_view text, std::string_view field = "inspection_certificate_number",
    int latest_year = kSnapshotDate.year);

// "29-03V"
std::string FormatInspectionCentreCode(const InspectionCentreCode& centre);
// "29-03V-2025-012345"
std::string FormatInspectionCertificateNumber(const InspectionCertificateNumber& number);
// Equal for equal numbers.
std::uint64_t InspectionCertificateKey(const InspectionCertificateNumber& number);

}  // namespace ndxp::connectors
