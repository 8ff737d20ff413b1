#include "connectors/common/licence_plate.h"

#include <array>
#include <cstdio>
#include <vector>

#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors {
namespace {

// Local code -> GSO code of the pre-2025 province (shared docs domain-formats.md §5a, "Plate
// code(s)"); 0 for unused codes; 80 is the central registration unit (no province).
constexpr std::array<std::uint8_t, 100> kPlateProvince = [] {
  std::array<std::uint8_t, 100> t{};
  constexpr std::uint8_t kPairs[][2] = {
      {11, 4},  {12, 20}, {13, 24}, {14, 22}, {15, 31}, {16, 31}, {17, 34}, {18, 36}, {19, 25},
      {20, 19}, {21, 15}, {22, 8},  {23, 2},  {24, 10}, {25, 12}, {26, 14}, {27, 11}, {28, 17},
      {29, 1},  {30, 1},  {31, 1},  {32, 1},  {33, 1},  {34, 30}, {35, 37}, {36, 38}, {37, 40},
      {38, 42}, {39, 75}, {40, 1},  {41, 79}, {43, 48}, {47, 66}, {48, 67}, {49, 68}, {50, 79},
      {51, 79}, {52, 79}, {53, 79}, {54, 79}, {55, 79}, {56, 79}, {57, 79}, {58, 79}, {59, 79},
      {60, 75}, {61, 74}, {62, 80}, {63, 82}, {64, 86}, {65, 92}, {66, 87}, {67, 89}, {68, 91},
      {69, 96}, {70, 72}, {71, 83}, {72, 77}, {73, 44}, {74, 45}, {75, 46}, {76, 51}, {77, 52},
      {78, 54}, {79, 56}, {81, 64}, {82, 62}, {83, 94}, {84, 84}, {85, 58}, {86, 60}, {88, 26},
      {89, 33}, {90, 35}, {92, 49}, {93, 70}, {94, 95}, {95, 93}, {97, 6},  {98, 24}, {99, 27}};
  for (const auto& p : kPairs) t[p[0]] = p[1];
  return t;
}();

constexpr std::string_view kTwoLetterSeries[] = {"LD", "DA", "KT"};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// An error if `letter` is not a series letter (for a car, R is allowed too).
std::string SeriesLetterError(char letter, bool car) {
  if (kPlateSeriesLetters.find(letter) != std::string_view::npos) return "";
  if (car && letter == 'R') return "";
  return core::Cat("the series letter ", std::string(1, letter),
                   " is not used on plates (A-H, K-N, P, S-V, X-Z",
                   car ? ", R for trailers)" : ")");
}

// The number after the series: "NNN.NN", "NNNNN" or "NNNN".
absl::Status ParseNumber(std::string_view s, std::string_view field, LicencePlate& plate) {
  std::string digits;
  if (s.size() == 6 && s[3] == '.') {
    digits = core::Cat(s.substr(0, 3), s.substr(4));
  } else {
    digits = std::string(s);
  }
  bool all_digits = !digits.empty();
  for (char c : digits) all_digits = all_digits && IsDigit(c);
  if (!all_digits || (digits.size() != 4 && digits.size() != 5)) {
    return core::FieldViolation(
        field,
        "the number after the series must be 5 digits written NNN.NN (or 4 digits NNNN "
        "on older plates)");
  }
  plate.five_digits = digits.size() == 5;
  plate.number = 0;
  for (char c : digits) plate.number = plate.number * 10 + static_cast<std::uint32_t>(c - '0');
  if (plate.number == 0) return core::FieldViolation(field, "the number must not be all zeros");
  return absl::OkStatus();
}

}  // namespace

bool IsPlateLocalCode(int code) {
  return code == 80 ||
         (code >= 0 && code < 100 && kPlateProvince[static_cast<std::size_t>(code)] != 0);
}

int PlateProvince(int local_code) {
  return local_code >= 0 && local_code < 100 ? kPlateProvince[static_cast<std::size_t>(local_code)]
                                             : 0;
}

std::span<const std::uint8_t> PlateCodesOf(int old_province_code) {
  static const auto* const kByProvince = [] {
    auto* t = new std::array<std::vector<std::uint8_t>, 100>();
    for (int code = 0; code < 100; ++code) {
      if (kPlateProvince[static_cast<std::size_t>(code)] != 0) {
        (*t)[kPlateProvince[static_cast<std::size_t>(code)]].push_back(
            static_cast<std::uint8_t>(code));
      }
    }
    return t;
  }();
  if (old_province_code < 0 || old_province_code >= 100) return {};
  return (*kByProvince)[static_cast<std::size_t>(old_province_code)];
}

absl::StatusOr<LicencePlate> ParseLicencePlate(std::string_view text, std::string_view field) {
  if (text.size() > 32) return core::FieldViolation(field, "must be at most 32 characters");
  const std::string upper = Upper(Trim(text));
  const std::string_view s = upper;
  if (s.empty()) return core::FieldViolation(field, "is required, e.g. 30A-123.45");
  if (s.size() < 2 || !IsDigit(s[0]) || !IsDigit(s[1])) {
    return core::FieldViolation(field, "must start with the two-digit local code, e.g. 30A-123.45");
  }
  LicencePlate plate;
  plate.local_code = (s[0] - '0') * 10 + (s[1] - '0');
  if (!IsPlateLocalCode(plate.local_code)) {
    return core::FieldViolation(
        field, core::Cat("the local code ", s.substr(0, 2),
                         " is not used on plates (11-99 except 42, 44-46, 87, 91, 96)"));
  }
  const std::size_t hyphen = s.find('-');
  if (hyphen == std::string_view::npos || hyphen > 4) {
    return core::FieldViolation(
        field,
        "must have a hyphen after the series (car, 30A-123.45) or after the local code "
        "(motorbike, 29-B1 123.45)");
  }
  std::string_view rest = s.substr(hyphen + 1);
  if (hyphen == 2) {  // motorbike: NN-LN NNN.NN
    plate.motorbike = true;
    if (rest.size() < 2 || !IsUpper(rest[0]) || !IsDigit(rest[1]) || rest[1] == '0') {
      return core::FieldViolation(
          field,
          "a motorbike series after the hyphen is a letter and a digit 1-9, e.g. 29-B1 "
          "123.45");
    }
    if (std::string e = SeriesLetterError(rest[0], false); !e.empty()) {
      return core::FieldViolation(field, e);
    }
    plate.series[0] = rest[0];
    plate.series[1] = rest[1];
    rest.remove_prefix(2);
    if (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  } else {  // car: NNL-... or NNLL-...
    const std::string_view series = s.substr(2, hyphen - 2);
    for (char c : series) {
      if (!IsUpper(c)) {
        return core::FieldViolation(
            field,
            "the series between the local code and the hyphen must be letters, e.g. 30A "
            "or 51LD");
      }
    }
    if (series.size() == 1) {
      if (std::string e = SeriesLetterError(series[0], true); !e.empty()) {
        return core::FieldViolation(field, e);
      }
    } else {
      bool known = false;
      for (std::string_view two : kTwoLetterSeries) known = known || two == series;
      if (!known) {
        return core::FieldViolation(
            field, core::Cat("the two-letter series ", series, " is not one of LD, DA, KT"));
      }
    }
    series.copy(plate.series, series.size());
  }
  if (absl::Status status = ParseNumber(rest, field, plate); !status.ok()) return status;
  return plate;
}

std::string FormatLicencePlate(const LicencePlate& plate) {
  char number[24];
  if (plate.five_digits) {
    std::snprintf(number, sizeof number, "%03u.%02u", plate.number / 100, plate.number % 100);
  } else {
    std::snprintf(number, sizeof number, "%04u", plate.number % 10000);
  }
  char code[8];
  std::snprintf(code, sizeof code, "%02d", plate.local_code % 100);
  const std::string_view series(plate.series, plate.series[1] != 0 ? 2 : 1);
  if (plate.motorbike) return core::Cat(code, "-", series, " ", number);
  return core::Cat(code, series, "-", number);
}

std::uint64_t LicencePlateKey(const LicencePlate& plate) {
  const auto ch = [](char c) -> std::uint64_t {
    return c == 0 ? 0 : static_cast<std::uint64_t>(c - '0' + 1);
  };
  std::uint64_t key = static_cast<std::uint64_t>(plate.local_code);
  key = key * 64 + ch(plate.series[0]);
  key = key * 64 + ch(plate.series[1]);
  key = key * 2 + (plate.motorbike ? 1 : 0);
  key = key * 2 + (plate.five_digits ? 1 : 0);
  return key * 100'000 + plate.number;
}

}  // namespace ndxp::connectors
