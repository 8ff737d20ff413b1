#include "connectors/common/inspection_certificate.h"

#include <cstdio>

#include "connectors/common/licence_plate.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors {
namespace {

bool Digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

absl::StatusOr<InspectionCertificateNumber> ParseInspectionCertificateNumber(std::string_view text,
                                                                             std::string_view field,
                                                                             int latest_year) {
  InspectionCertificateNumber n;
  int sequence = 0;
  const bool shape = text.size() == 18 && text[2] == '-' && text[6] == '-' && text[11] == '-' &&
                     Digits(text, 0, 2, n.centre.local_code) &&
                     Digits(text, 3, 2, n.centre.number) && Digits(text, 7, 4, n.year) &&
                     Digits(text, 12, 6, sequence);
  if (!shape) {
    return core::FieldViolation(field,
                                "must be <centre code>-<year>-<6 digits>, e.g. 29-03V-2025-012345");
  }
  if (!IsPlateLocalCode(n.centre.local_code)) {
    return core::FieldViolation(field, core::Cat("the centre code starts with ", text.substr(0, 2),
                                                 ", which is not a local plate code in use"));
  }
  if (n.centre.number == 0) {
    return core::FieldViolation(field, "the centre number (after the first hyphen) must be 01-99");
  }
  const char letter =
      text[5] >= 'a' && text[5] <= 'z' ? static_cast<char>(text[5] - 'a' + 'A') : text[5];
  if (letter != 'V' && letter != 'D') {
    return core::FieldViolation(field, "the centre code must end with V or D, e.g. 29-03V");
  }
  n.centre.letter = letter;
  if (n.year < 2000 || n.year > latest_year) {
    return core::FieldViolation(
        field, core::Cat("the year must be from 2000 to ", latest_year, ", not ", n.year));
  }
  if (sequence == 0) return core::FieldViolation(field, "the last six digits must not be 000000");
  n.sequence = static_cast<std::uint32_t>(sequence);
  return n;
}

std::string FormatInspectionCentreCode(const InspectionCentreCode& centre) {
  char out[16];
  std::snprintf(out, sizeof out, "%02d-%02d%c", centre.local_code % 100, centre.number % 100,
                centre.letter);
  return out;
}

std::string FormatInspectionCertificateNumber(const InspectionCertificateNumber& number) {
  char out[32];
  std::snprintf(out, sizeof out, "%s-%04d-%06u", FormatInspectionCentreCode(number.centre).c_str(),
                number.year % 10000, number.sequence % 1'000'000);
  return out;
}

std::uint64_t InspectionCertificateKey(const InspectionCertificateNumber& number) {
  std::uint64_t key = static_cast<std::uint64_t>(number.centre.local_code) * 100 +
                      static_cast<std::uint64_t>(number.centre.number);
  key = key * 2 + (number.centre.letter == 'D' ? 1 : 0);
  key = key * 10'000 + static_cast<std::uint64_t>(number.year);
  return key * 1'000'000 + number.sequence;
}

}  // namespace ndxp::connectors
