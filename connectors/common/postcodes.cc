#include "connectors/common/postcodes.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "connectors/common/admin_units.h"
#include "connectors/common/text.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors {
namespace {

struct OldProvincePrefixes {
  int gso_code;
  std::array<std::uint8_t, 5> prefixes;  // 0 after the last
};

// Postcode prefixes of the 63 pre-2025 provinces (shared data provinces-63-to-34.csv, from the
// 2018 postcode table; confirmed by two sources, domain-formats.md §6).
constexpr OldProvincePrefixes kPrefixes[] = {{1, {10, 11, 12, 13, 14}},
                                             {2, {20}},
                                             {4, {21}},
                                             {6, {23}},
                                             {8, {22}},
                                             {10, {31}},
                                             {11, {32}},
                                             {12, {30}},
                                             {14, {34}},
                                             {15, {33}},
                                             {17, {36}},
                                             {19, {24}},
                                             {20, {25}},
                                             {22, {1, 2}},
                                             {24, {26}},
                                             {25, {35}},
                                             {26, {15}},
                                             {27, {16}},
                                             {30, {3}},
                                             {31, {4, 5}},
                                             {33, {17}},
                                             {34, {6}},
                                             {35, {18}},
                                             {36, {7}},
                                             {37, {8}},
                                             {38, {40, 41, 42}},
                                             {40, {43, 44}},
                                             {42, {45, 46}},
                                             {44, {47}},
                                             {45, {48}},
                                             {46, {49}},
                                             {48, {50}},
                                             {49, {51, 52}},
                                             {51, {53, 54}},
                                             {52, {55}},
                                             {54, {56}},
                                             {56, {57}},
                                             {58, {59}},
                                             {60, {77}},
                                             {62, {60}},
                                             {64, {61, 62}},
                                             {66, {63, 64}},
                                             {67, {65}},
                                             {68, {66}},
                                             {70, {67}},
                                             {72, {80}},
                                             {74, {75}},
                                             {75, {76}},
                                             {77, {78}},
                                             {79, {70, 71, 72, 73, 74}},
                                             {80, {82, 83}},
                                             {82, {84}},
                                             {83, {86}},
                                             {84, {87}},
                                             {86, {85}},
                                             {87, {81}},
                                             {89, {90}},
                                             {91, {91, 92}},
                                             {92, {94}},
                                             {93, {95}},
                                             {94, {96}},
                                             {95, {97}},
                                             {96, {98}}};
static_assert(sizeof(kPrefixes) / sizeof(kPrefixes[0]) == 63);

struct Tables {
  std::vector<std::vector<std::uint8_t>> old_prefixes;  // by old province index
  std::vector<std::uint32_t> commune_postcodes;         // by commune index
  std::vector<std::uint64_t> by_postcode;               // postcode << 16 | commune, sorted
  std::array<std::int16_t, 100> province_of_prefix{};
};

// Communes of each old province, in code order, are dealt to its prefixes in order; within a
// prefix they are numbered evenly over 101..999 (a province's own code is prefix 000).
void AssignCommunePostcodes(Tables& t) {
  const AdminUnits& units = AdminUnits::Get();
  t.commune_postcodes.assign(units.communes().size(), 0);
  for (std::size_t op = 0; op < units.old_provinces().size(); ++op) {
    std::vector<std::uint16_t> communes;
    for (std::size_t c = 0; c < units.communes().size(); ++c) {
      if (units.communes()[c].old_province == op) communes.push_back(static_cast<std::uint16_t>(c));
    }
    const auto& prefixes = t.old_prefixes[op];
    const std::size_t k = prefixes.size(), n = communes.size();
    for (std::size_t p = 0; p < k; ++p) {
      const std::size_t first = p * n / k, last = (p + 1) * n / k;
      const std::size_t m = last - first;
      const std::size_t step = m == 0 ? 1 : std::max<std::size_t>(1, 898 / m);
      for (std::size_t j = 0; j < m; ++j) {
        t.commune_postcodes[communes[first + j]] =
            static_cast<std::uint32_t>(prefixes[p] * 1000 + 101 + j * step);
      }
    }
  }
  for (std::size_t c = 0; c < t.commune_postcodes.size(); ++c) {
    t.by_postcode.push_back(static_cast<std::uint64_t>(t.commune_postcodes[c]) << 16 | c);
  }
  std::sort(t.by_postcode.begin(), t.by_postcode.end());
}

const Tables& Get() {
  static const Tables* const kTables = [] {
    auto* t = new Tables();
    t->province_of_prefix.fill(-1);
    const AdminUnits& units = AdminUnits::Get();
    for (const OldProvince& p : units.old_provinces()) {
      std::vector<std::uint8_t> prefixes;
      for (const auto& entry : kPrefixes) {
        if (entry.gso_code != p.code) continue;
        for (std::uint8_t prefix : entry.prefixes) {
          if (prefix == 0) break;
          prefixes.push_back(prefix);
          t->province_of_prefix[prefix] = static_cast<std::int16_t>(p.province);
        }
      }
      t->old_prefixes.push_back(std::move(prefixes));
    }
    AssignCommunePostcodes(*t);
    return t;
  }();
  return *kTables;
}

}  // namespace

std::span<const std::uint8_t> OldProvincePostcodePrefixes(std::uint8_t old_province) {
  return Get().old_prefixes[old_province];
}

std::vector<std::uint8_t> ProvincePostcodePrefixes(std::uint16_t province) {
  std::vector<std::uint8_t> prefixes;
  for (std::uint8_t op : AdminUnits::Get().provinces()[province].old_provinces) {
    for (std::uint8_t prefix : OldProvincePostcodePrefixes(op)) prefixes.push_back(prefix);
  }
  std::sort(prefixes.begin(), prefixes.end());
  return prefixes;
}

std::uint32_t ProvincePostcode(std::uint16_t province) {
  return ProvincePostcodePrefixes(province).front() * 1000u;
}

std::uint32_t CommunePostcode(std::uint16_t commune) { return Get().commune_postcodes[commune]; }

int FindCommuneByPostcode(std::uint32_t postcode) {
  const auto& index = Get().by_postcode;
  auto it =
      std::lower_bound(index.begin(), index.end(), static_cast<std::uint64_t>(postcode) << 16);
  if (it == index.end() || (*it >> 16) != postcode) return -1;
  return static_cast<int>(*it & 0xFFFF);
}

int ProvinceOfPostcodePrefix(int prefix) {
  return prefix < 0 || prefix >= 100 ? -1 : Get().province_of_prefix[prefix];
}

std::string FormatPostcode(std::uint32_t postcode) {
  char text[8];
  std::snprintf(text, sizeof text, "%05u", postcode % 100'000);
  return text;
}

absl::StatusOr<std::uint32_t> ParsePostcode(std::string_view text, std::string_view field) {
  if (text.size() != 5) {
    return core::FieldViolation(
        field, core::Cat("must be 5 digits, not ", CharactersText(CharacterCount(text))));
  }
  if (const std::size_t at = FirstNonDigitPosition(text); at != 0) {
    return core::FieldViolation(field, core::Cat("character ", at, " is not a digit"));
  }
  std::uint32_t value = 0;
  for (char c : text) value = value * 10 + static_cast<std::uint32_t>(c - '0');
  if (ProvinceOfPostcodePrefix(static_cast<int>(value / 1000)) < 0) {
    return core::FieldViolation(
        field, core::Cat("the first two digits ", text.substr(0, 2),
                         " are not the postcode prefix of any province (01 to 98, with gaps)"));
  }
  return value;
}

}  // namespace ndxp::connectors
