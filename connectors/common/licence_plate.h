#pragma once
// Vietnamese vehicle registration plates (biển số xe), as printed: a two-digit local code (mã địa
// phương), a series, then a 4-digit (old) or 5-digit number. Cars: "30A-123.45", "29A-1234",
// two-letter series "51LD-123.45"; motorbikes: "29-B1 123.45", "29-B1 1234". Series letters are
// the 20 of the regulation (A B C D E F G H K L M N P S T U V X Y Z; I, J, O, Q, R, W are not
// used), plus R for trailers and semi-trailers; two-letter car series are LD (foreign-invested),
// DA (projects) and KT (army economic units). Local codes are 11..99 except the unused 42, 44,
// 45, 46, 87, 91 and 96; 80 is the central registration unit. See shared docs domain-formats.md §4.

#include <absl/status/statusor.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ndxp::connectors {

struct LicencePlate {
  int local_code = 0;        // 11..99
  char series[3] = {};       // "A", "LD", "R" (car) or "B1" (motorbike: letter and digit)
  bool motorbike = false;    // "NN-LN NNN.NN" rather than "NNL-NNN.NN"
  bool five_digits = true;   // NNN.NN (current) rather than NNNN (old, still valid)
  std::uint32_t number = 0;  // 1..99999 (1..9999 with four digits)
};

// Parses a plate as printed (ASCII letters in any case; surrounding spaces ignored; the hyphen is
// required, the dot of a five-digit number and the space of a motorbike plate are optional).
// Errors are core::FieldViolation on `field` saying which part is wrong.
absl::StatusOr<LicencePlate> ParseLicencePlate(std::string_view text,
                                               std::string_view field = "plate_number");

// As printed: "30A-123.45", "29A-1234", "51LD-123.45", "29-B1 123.45".
std::string FormatLicencePlate(const LicencePlate& plate);

// A 64-bit key, equal for equal plates (whatever the spelling parsed), ordered by local code.
std::uint64_t LicencePlateKey(const LicencePlate& plate);

// True when `code` is a local code in use on plates (including 80, central agencies).
bool IsPlateLocalCode(int code);
// GSO code of the pre-2025 province that issues plates with this local code, or 0 (80, unused).
int PlateProvince(int local_code);
// Local codes issued by a pre-2025 province (GSO code), e.g. 79 -> 41, 50..59.
std::span<const std::uint8_t> PlateCodesOf(int old_province_code);

// The 20 series letters, in the regulation's order.
inline constexpr std::string_view kPlateSeriesLetters = "ABCDEFGHKLMNPSTUVXYZ";

}  // namespace ndxp::connectors
