#include "connectors/common/land_ids.h"

#include <cstdio>

#include "connectors/common/admin_units.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::int64_t ToNumber(std::string_view digits) {
  std::int64_t n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

absl::StatusOr<std::uint16_t> LookUpCommune(std::string_view text, std::string_view field) {
  if (text.size() != 5 || !AllDigits(text)) {
    return core::FieldViolation(field, "must be a five-digit commune code, e.g. 26740");
  }
  const AdminUnits& units = AdminUnits::Get();
  const int commune = units.FindCommune(text);
  if (commune >= 0) return static_cast<std::uint16_t>(commune);
  if (const int old = units.FindOldCommune(text); old >= 0) {
    const Commune& now = units.communes()[units.old_communes()[old].commune];
    return core::NotFound("commune", core::Cat("commune ", text,
                                               " was dissolved on 1 July 2025; it is now "
                                               "part of ",
                                               now.name, " (", now.code_text, ")"));
  }
  return core::NotFound("commune", core::Cat("no commune in force has code ", text));
}

absl::Status CheckMapSheet(std::int64_t sheet, std::string_view field) {
  if (sheet < 1 || sheet > kMaxMapSheet) {
    return core::FieldViolation(field, "must be a map sheet number from 1 to 9999");
  }
  return absl::OkStatus();
}

absl::Status CheckParcelNumber(std::int64_t number, std::string_view field) {
  if (number < 1 || number > kMaxParcelNumber) {
    return core::FieldViolation(field, "must be a parcel number from 1 to 99999");
  }
  return absl::OkStatus();
}

absl::StatusOr<ParcelRef> ParseParcelId(std::string_view text, std::string_view field) {
  if (text.size() > 24) return core::FieldViolation(field, "must be at most 24 characters");
  const std::size_t first = text.find('-');
  const std::size_t second = first == std::string_view::npos ? first : text.find('-', first + 1);
  if (second == std::string_view::npos || text.find('-', second + 1) != std::string_view::npos) {
    return core::FieldViolation(
        field, "must be <commune code>-<map sheet>-<parcel number>, e.g. 26740-12-345");
  }
  const std::string_view commune = text.substr(0, first);
  const std::string_view sheet = text.substr(first + 1, second - first - 1);
  const std::string_view number = text.substr(second + 1);
  if (commune.size() != 5 || !AllDigits(commune)) {
    return core::FieldViolation(field,
                                "the part before the first hyphen must be a five-digit "
                                "commune code");
  }
  if (!AllDigits(sheet) || sheet.size() > 4 || ToNumber(sheet) == 0) {
    return core::FieldViolation(field,
                                "the map sheet (second part) must be a number from 1 to "
                                "9999");
  }
  if (!AllDigits(number) || number.size() > 5 || ToNumber(number) == 0) {
    return core::FieldViolation(field,
                                "the parcel number (third part) must be a number from 1 "
                                "to 99999");
  }
  auto index = LookUpCommune(commune, field);
  if (!index.ok()) return index.status();
  return ParcelRef{*index, static_cast<int>(ToNumber(sheet)), static_cast<int>(ToNumber(number))};
}

std::string FormatParcelId(std::uint32_t commune_code, int map_sheet, int parcel_number) {
  char out[32];
  std::snprintf(out, sizeof out, "%05u-%d-%d", commune_code, map_sheet, parcel_number);
  return out;
}

absl::StatusOr<CertificateSerial> ParseCertificateSerial(std::string_view text,
                                                         std::string_view field) {
  if (text.size() > 24) return core::FieldViolation(field, "must be at most 24 characters");
  text = Trim(text);
  std::size_t letters = 0;
  while (letters < text.size() && ((text[letters] >= 'A' && text[letters] <= 'Z') ||
                                   (text[letters] >= 'a' && text[letters] <= 'z'))) {
    ++letters;
  }
  if (letters == 0 || letters > 2) {
    return core::FieldViolation(
        field, "must start with the one or two letters of the series, e.g. CS 123456");
  }
  std::string_view digits = text.substr(letters);
  if (!digits.empty() && digits.front() == ' ') digits.remove_prefix(1);
  if (!AllDigits(digits)) {
    return core::FieldViolation(field,
                                "after the series letters come only digits, e.g. CS "
                                "123456");
  }
  const bool ok = digits.size() == 6 || (letters == 2 && digits.size() == 8);
  if (!ok) {
    return core::FieldViolation(field,
                                core::Cat("after ",
                                          letters == 1 ? "one series letter come 6 digits"
                                                       : "two series letters come 6 digits (forms "
                                                         "before August 2024) or 8 (2024 form)",
                                          ", not ", static_cast<int>(digits.size())));
  }
  CertificateSerial serial;
  for (std::size_t i = 0; i < letters; ++i) {
    char c = text[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    serial.letters[i] = c;
  }
  serial.digits = static_cast<int>(digits.size());
  serial.number = static_cast<std::uint32_t>(ToNumber(digits));
  if (serial.number == 0) return core::FieldViolation(field, "the number must not be all zeros");
  return serial;
}

std::string FormatCertificateSerial(const CertificateSerial& serial) {
  char out[24];
  std::snprintf(out, sizeof out, "%s %0*u", serial.letters, serial.digits, serial.number);
  return out;
}

std::uint64_t CertificateSerialKey(const CertificateSerial& serial) {
  const auto letter = [](char c) -> std::uint64_t {
    return c == 0 ? 0 : static_cast<std::uint64_t>(c - 'A' + 1);
  };
  std::uint64_t key = letter(serial.letters[0]) * 32 + letter(serial.letters[1]);
  key = key * 16 + static_cast<std::uint64_t>(serial.digits);
  return key * 100'000'000 + serial.number;
}

}  // namespace ndxp::connectors
