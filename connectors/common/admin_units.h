#pragma once
// Vietnam's administrative units, embedded in the binary (see data/README.md for the origin):
// the 34 provinces and 3,321 communes in force since 1 July 2025, and the 63 provinces and
// 10,047 communes in force until 30 June 2025 with the new commune each went into. Loaded once,
// immutable, shared by every connector. Indexes (uint16_t) are positions in the vectors below,
// which are sorted by code.

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace ndxp::connectors {

enum class CommuneKind : std::uint8_t { kCommune, kWard, kSpecialZone };  // xã, phường, đặc khu
enum class Region : std::uint8_t { kNorth, kCentral, kSouth };

struct Province {                           // in force since 1 July 2025
  int code = 0;                             // 1..96
  std::string_view code_text;               // "79"
  std::string_view name;                    // "Thành phố Hồ Chí Minh"
  std::vector<std::uint16_t> communes;      // its communes, by code
  std::vector<std::uint8_t> old_provinces;  // the pre-2025 provinces it was formed from
};

struct OldProvince {           // in force until 30 June 2025
  int code = 0;                // GSO code 1..96; the personal-id birthplace code is 0 + code
  std::string_view code_text;  // "77"
  std::string_view name;       // "Tỉnh Bà Rịa - Vũng Tàu"
  std::uint16_t province = 0;  // the new province it joined
  std::uint32_t population_thousands = 0;  // approximate (2019), for weighting synthetic data
  std::vector<std::uint16_t> communes;     // new communes whose main predecessor lay here
};

struct Commune {               // in force since 1 July 2025
  std::uint32_t code = 0;      // 5-digit code as a number
  std::string_view code_text;  // "26734"
  std::string_view name;       // "Phường Sài Gòn"
  std::uint16_t province = 0;
  std::uint8_t old_province = 0;  // where its main predecessor lay (its personal-id birthplace)
  CommuneKind kind = CommuneKind::kCommune;
  std::uint32_t first_old_commune = 0;  // old communes going (mainly) into it: a range of
  std::uint32_t old_commune_count = 0;  // old_communes_by_new()
  std::uint32_t first_predecessor = 0;  // old communes going wholly or partly into it:
  std::uint32_t predecessor_count = 0;  // PredecessorsOf()
};

struct OldCommune {  // in force until 30 June 2025
  std::uint32_t code = 0;
  std::string_view code_text;
  std::string_view name;
  std::uint8_t old_province = 0;
  std::uint16_t commune = 0;          // the new commune it (mainly) went into
  std::uint32_t first_successor = 0;  // every new commune it went into, `commune` first:
  std::uint8_t successor_count = 0;   // SuccessorsOf(); more than one when it was split
};

class AdminUnits {
 public:
  // The embedded tables, parsed on first use (thread-safe).
  static const AdminUnits& Get();

  const std::vector<Province>& provinces() const { return provinces_; }
  const std::vector<OldProvince>& old_provinces() const { return old_provinces_; }
  const std::vector<Commune>& communes() const { return communes_; }
  const std::vector<OldCommune>& old_communes() const { return old_communes_; }

  // Index of the province with this two-digit code ("79"), or -1.
  int FindProvince(std::string_view code) const;
  // Index of the pre-2025 province with this GSO code (79), or -1.
  int FindOldProvince(int gso_code) const;
  // Index of the commune with this five-digit code, or -1.
  int FindCommune(std::uint32_t code) const;
  int FindCommune(std::string_view code) const;
  // Old communes that went (mainly) into a new commune.
  std::span<const std::uint32_t> OldCommunesOf(std::uint16_t commune) const;
  // Index of the pre-2025 commune with this five-digit code, or -1.
  int FindOldCommune(std::uint32_t code) const;
  int FindOldCommune(std::string_view code) const;
  // Every old commune (index) that went wholly or partly into a new commune, by code.
  std::span<const std::uint32_t> PredecessorsOf(std::uint16_t commune) const;
  // Every new commune (index) an old commune went into: its main one first, then the others
  // when it was split between several.
  std::span<const std::uint16_t> SuccessorsOf(std::uint32_t old_commune) const;

  // Broad region of a pre-2025 province (north up to Ninh Bình, central down to Lâm Đồng).
  static Region RegionOf(int old_gso_code);

 private:
  AdminUnits();
  void Load();
  void LinkSuccessors(const std::vector<std::string_view>& others);

  std::vector<Province> provinces_;
  std::vector<OldProvince> old_provinces_;
  std::vector<Commune> communes_;
  std::vector<OldCommune> old_communes_;
  std::vector<std::uint32_t> old_communes_by_new_;  // old commune indexes grouped by new commune
  std::vector<std::uint16_t> successors_;           // new communes of each old one, grouped
  std::vector<std::uint32_t> predecessors_;         // old communes of each new one, grouped
  std::array<std::int16_t, 100> province_by_code_{};
  std::array<std::int16_t, 100> old_province_by_code_{};
};

}  // namespace ndxp::connectors
