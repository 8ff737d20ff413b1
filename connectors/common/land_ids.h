#pragma once
// Land identifiers (shared docs domain-formats.md §8a): a parcel (thửa đất) is a commune, a map
// sheet number (tờ bản đồ số) and a parcel number (thửa đất số), both plain integers unique within
// the commune's cadastral map; written as one id "<commune>-<sheet>-<parcel>", e.g. "26740-12-345"
// (our form of the composite key, whose widths and separators the technical rules leave
// unconfirmed: decision 0130). A land-use right certificate (GCN, "sổ đỏ / sổ hồng") carries an
// issue serial (số phát hành): one letter and 6 digits on the oldest forms ("S 150986"), two
// letters and 6 digits on the 2009-2024 forms ("CS 123456"), two letters and 8 digits on the form
// of Luật Đất đai 2024 ("AA 05565655").

#include <absl/status/statusor.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace ndxp::connectors {

inline constexpr int kMaxMapSheet = 9999;
inline constexpr int kMaxParcelNumber = 99999;

struct ParcelRef {
  std::uint16_t commune = 0;  // AdminUnits commune index (in force since 1 July 2025)
  int map_sheet = 0;          // 1..kMaxMapSheet
  int parcel_number = 0;      // 1..kMaxParcelNumber
};

// A five-digit commune code in force: its AdminUnits index. Malformed text is INVALID_ARGUMENT on
// `field`; five digits that are no commune in force are NOT_FOUND (reason COMMUNE_NOT_FOUND), the
// message naming the commune a pre-2025 code went into.
absl::StatusOr<std::uint16_t> LookUpCommune(std::string_view text,
                                            std::string_view field = "commune_code");

// Map sheet and parcel numbers: INVALID_ARGUMENT on `field` unless 1..the maximum.
absl::Status CheckMapSheet(std::int64_t sheet, std::string_view field = "map_sheet_number");
absl::Status CheckParcelNumber(std::int64_t number, std::string_view field = "parcel_number");

// "26740-12-345" (leading zeros allowed in the numbers). Errors as above, on `field`.
absl::StatusOr<ParcelRef> ParseParcelId(std::string_view text,
                                        std::string_view field = "parcel_id");
std::string FormatParcelId(std::uint32_t commune_code, int map_sheet, int parcel_number);

struct CertificateSerial {
  char letters[3] = {};      // one or two capital letters
  std::uint32_t number = 0;  // 6 or 8 digits
  int digits = 6;
};

// Parses "CS 123456", "CS123456", "S 150986", "AA 05565655" (letters in any case). Errors are
// core::FieldViolation on `field` naming the part that is wrong.
absl::StatusOr<CertificateSerial> ParseCertificateSerial(
    std::string_view text, std::string_view field = "certificate_serial");
// "CS 123456", "AA 05565655".
std::string FormatCertificateSerial(const CertificateSerial& serial);
// Equal for equal serials, whatever the spelling parsed.
std::uint64_t CertificateSerialKey(const CertificateSerial& serial);

}  // namespace ndxp::connectors
