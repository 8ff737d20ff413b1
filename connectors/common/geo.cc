#include "connectors/common/geo.h"

#include <cmath>
#include <vector>

#include "connectors/common/admin_units.h"
#include "connectors/common/rng.h"

namespace ndxp::connectors {
namespace {

struct ProvinceGeo {
  int gso_code;
  int lat_e2;  // centre, hundredths of a degree
  int lon_e2;
  int radius_e2;  // radius of the disc the province's communes are placed in
};

// Approximate centres of the 63 pre-2025 provinces (their populated core, often the capital) and
// a radius that keeps the disc mostly inside the province. From memory; good to about 0.1°.
constexpr ProvinceGeo kProvinces[] = {
    {1, 2103, 10585, 18},  {2, 2275, 10490, 25},  {4, 2266, 10625, 22},  {6, 2215, 10583, 18},
    {8, 2190, 10522, 20},  {10, 2230, 10410, 22}, {11, 2160, 10305, 25}, {12, 2230, 10330, 22},
    {14, 2125, 10390, 30}, {15, 2170, 10450, 22}, {17, 2075, 10530, 20}, {19, 2165, 10582, 16},
    {20, 2185, 10670, 22}, {22, 2110, 10720, 22}, {24, 2130, 10630, 18}, {25, 2135, 10515, 18},
    {26, 2133, 10560, 10}, {27, 2117, 10607, 8},  {30, 2093, 10633, 12}, {31, 2084, 10668, 12},
    {33, 2080, 10605, 9},  {34, 2045, 10634, 11}, {35, 2054, 10592, 8},  {36, 2030, 10617, 12},
    {37, 2023, 10597, 12}, {38, 1990, 10550, 35}, {40, 1915, 10500, 40}, {42, 1820, 10575, 22},
    {44, 1750, 10640, 25}, {45, 1675, 10700, 22}, {46, 1646, 10759, 20}, {48, 1605, 10820, 10},
    {49, 1550, 10800, 35}, {51, 1500, 10870, 22}, {52, 1410, 10890, 25}, {54, 1315, 10900, 22},
    {56, 1225, 10905, 22}, {58, 1160, 10880, 18}, {60, 1105, 10800, 30}, {62, 1450, 10790, 30},
    {64, 1375, 10810, 35}, {66, 1275, 10810, 35}, {67, 1220, 10765, 25}, {68, 1165, 10810, 30},
    {70, 1170, 10690, 25}, {72, 1140, 10615, 20}, {74, 1115, 10665, 12}, {75, 1095, 10700, 22},
    {77, 1055, 10725, 15}, {79, 1078, 10665, 14}, {80, 1065, 10625, 20}, {82, 1038, 10625, 15},
    {83, 1020, 10640, 14}, {84, 978, 10630, 14},  {86, 1020, 10600, 12}, {87, 1060, 10560, 20},
    {89, 1045, 10515, 18}, {91, 1000, 10520, 28}, {92, 1005, 10570, 12}, {93, 978, 10560, 12},
    {94, 958, 10595, 15},  {95, 925, 10560, 15},  {96, 905, 10505, 20},
};
static_assert(sizeof(kProvinces) / sizeof(kProvinces[0]) == 63);

struct IslandGeo {
  std::uint32_t commune_code;
  int lat_e2, lon_e2, radius_e2;
};

// The 13 special zones (đặc khu) are islands, away from their province's mainland disc: their
// approximate positions and extents, from memory.
constexpr IslandGeo kIslands[] = {
    {6994, 2107, 10742, 10},   // Vân Đồn
    {7192, 2098, 10777, 4},    // Cô Tô
    {11914, 2080, 10697, 6},   // Cát Hải
    {11948, 2013, 10772, 2},   // Bạch Long Vĩ
    {19742, 1716, 10734, 2},   // Cồn Cỏ
    {20333, 1650, 11160, 20},  // Hoàng Sa
    {21548, 1538, 10912, 2},   // Lý Sơn
    {22736, 864, 11192, 30},   // Trường Sa
    {23272, 1052, 10893, 3},   // Phú Quý
    {26732, 868, 10661, 5},    // Côn Đảo
    {31078, 1022, 10396, 15},  // Phú Quốc
    {31105, 930, 10348, 3},    // Thổ Châu
    {31108, 981, 10463, 5},    // Kiên Hải
};

const IslandGeo* IslandOf(std::uint32_t commune_code) {
  for (const IslandGeo& island : kIslands) {
    if (island.commune_code == commune_code) return &island;
  }
  return nullptr;
}

const ProvinceGeo& GeoOf(std::uint8_t old_province) {
  static const auto* const kByIndex = [] {
    auto* by_index = new std::vector<const ProvinceGeo*>();
    const AdminUnits& units = AdminUnits::Get();
    for (const OldProvince& p : units.old_provinces()) {
      const ProvinceGeo* found = &kProvinces[0];
      for (const ProvinceGeo& g : kProvinces) {
        if (g.gso_code == p.code) found = &g;
      }
      by_index->push_back(found);
    }
    return by_index;
  }();
  return *(*kByIndex)[old_province];
}

std::int64_t ISqrt(std::int64_t v) {
  std::int64_t r = static_cast<std::int64_t>(std::sqrt(static_cast<double>(v)));
  while (r * r > v) --r;
  while ((r + 1) * (r + 1) <= v) ++r;
  return r;
}

struct CommuneGeo {
  std::vector<GeoPoint> centres;
  std::vector<std::int32_t> radii;
};

// A point in the disc of `radius` around `centre`, by rejection from the square (integers only).
GeoPoint PointInDisc(Rng& rng, GeoPoint centre, std::int32_t radius) {
  for (;;) {
    const std::int64_t dy = rng.Between(-radius, radius);
    const std::int64_t dx = rng.Between(-radius, radius);
    if (dx * dx + dy * dy <= static_cast<std::int64_t>(radius) * radius) {
      return {centre.lat_e6 + static_cast<std::int32_t>(dy),
              centre.lon_e6 + static_cast<std::int32_t>(dx)};
    }
  }
}

const CommuneGeo& Communes() {
  static const CommuneGeo* const kGeo = [] {
    auto* geo = new CommuneGeo();
    const AdminUnits& units = AdminUnits::Get();
    for (std::size_t i = 0; i < units.communes().size(); ++i) {
      const Commune& c = units.communes()[i];
      const std::int32_t province_radius = OldProvinceRadius(c.old_province);
      const auto n =
          static_cast<std::int64_t>(units.old_provinces()[c.old_province].communes.size());
      // Communes share the province's disc: each gets about its area's share, 20% more.
      const auto radius = static_cast<std::int32_t>(province_radius * 6 / 5 / ISqrt(n < 1 ? 1 : n));
      if (const IslandGeo* island = IslandOf(c.code)) {
        geo->centres.push_back({island->lat_e2 * 10'000, island->lon_e2 * 10'000});
        geo->radii.push_back(island->radius_e2 * 10'000);
        continue;
      }
      Rng rng(Mix(c.code, 0x47656F43656E74ULL));
      const std::int32_t disc =
          c.kind == CommuneKind::kWard ? province_radius / 3 : province_radius;
      geo->centres.push_back(PointInDisc(rng, OldProvinceCentre(c.old_province), disc));
      geo->radii.push_back(radius < 2'000 ? 2'000 : radius);
    }
    return geo;
  }();
  return *kGeo;
}

}  // namespace

GeoPoint OldProvinceCentre(std::uint8_t old_province) {
  const ProvinceGeo& g = GeoOf(old_province);
  return {g.lat_e2 * 10'000, g.lon_e2 * 10'000};
}

std::int32_t OldProvinceRadius(std::uint8_t old_province) {
  return GeoOf(old_province).radius_e2 * 10'000;
}

GeoPoint CommuneCentre(std::uint16_t commune) { return Communes().centres[commune]; }

std::int32_t CommuneRadius(std::uint16_t commune) { return Communes().radii[commune]; }

double DistanceMeters(GeoPoint a, GeoPoint b) {
  constexpr double kEarthRadius = 6'371'008.8;
  constexpr double kRad = 3.14159265358979323846 / 180.0 / 1e6;
  const double lat1 = a.lat_e6 * kRad, lat2 = b.lat_e6 * kRad;
  const double dlat = lat2 - lat1, dlon = (b.lon_e6 - a.lon_e6) * kRad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1) * std::cos(lat2) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadius * std::asin(std::sqrt(h < 1 ? h : 1.0));
}

}  // namespace ndxp::connectors
