#include "connectors/land/geometry.h"

#include <cmath>
#include <cstdio>

#include "connectors/common/admin_units.h"
#include "connectors/common/rng.h"

namespace ndxp::connectors::land {
namespace {

// Approximate centres (provincial capitals) of the 63 pre-2025 provinces, in 1e-3 degrees.
struct Centre {
  std::uint8_t code;
  std::int32_t lat, lon;
};
constexpr Centre kCentres[] = {
    {1, 21028, 105854},  {2, 22823, 104983},  {4, 22666, 106258},  {6, 22147, 105835},
    {8, 21823, 105218},  {10, 22486, 103970}, {11, 21386, 103023}, {12, 22396, 103458},
    {14, 21327, 103914}, {15, 21705, 104875}, {17, 20813, 105338}, {19, 21594, 105848},
    {20, 21853, 106761}, {22, 20951, 107080}, {24, 21273, 106194}, {25, 21322, 105402},
    {26, 21309, 105605}, {27, 21186, 106076}, {30, 20940, 106333}, {31, 20845, 106688},
    {33, 20646, 106051}, {34, 20447, 106342}, {35, 20541, 105914}, {36, 20434, 106177},
    {37, 20251, 105975}, {38, 19807, 105776}, {40, 18679, 105681}, {42, 18343, 105906},
    {44, 17468, 106622}, {45, 16750, 107185}, {46, 16463, 107590}, {48, 16054, 108202},
    {49, 15573, 108474}, {51, 15120, 108792}, {52, 13782, 109219}, {54, 13088, 109092},
    {56, 12238, 109196}, {58, 11565, 108988}, {60, 10928, 108102}, {62, 14350, 108000},
    {64, 13983, 108000}, {66, 12667, 108050}, {67, 12004, 107690}, {68, 11940, 108458},
    {70, 11751, 106723}, {72, 11310, 106098}, {74, 10980, 106652}, {75, 10957, 106843},
    {77, 10346, 107084}, {79, 10776, 106701}, {80, 10535, 106413}, {82, 10360, 106360},
    {83, 10241, 106376}, {84, 9935, 106345},  {86, 10254, 105972}, {87, 10455, 105633},
    {89, 10386, 105435}, {91, 10012, 105081}, {92, 10045, 105747}, {93, 9784, 105470},
    {94, 9603, 105980},  {95, 9294, 105724},  {96, 9177, 105150},
};

constexpr double kMetresPerDegreeLat = 110'574.0;
constexpr double kMetresPerDegreeLonAtEquator = 111'320.0;
constexpr double kPi = 3.14159265358979323846;

// cos(latitude) by its Taylor series (|x| < 0.42 rad in Vietnam: error below 1e-7).
double CosDegrees(double degrees) {
  const double x = degrees * kPi / 180.0;
  const double x2 = x * x;
  return 1.0 - x2 / 2.0 + x2 * x2 / 24.0 - x2 * x2 * x2 / 720.0;
}

// A signed offset in [-range, range] from 16 bits of a hash.
double Offset(std::uint64_t bits, double range) {
  return (static_cast<double>(bits & 0xFFFF) / 32'767.5 - 1.0) * range;
}

void Append(std::string& out, const LatLon& p) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "[%.7f,%.7f]", p.longitude, p.latitude);
  out += buf;
}

}  // namespace

LatLon CommuneCentre(std::uint16_t commune) {
  const AdminUnits& units = AdminUnits::Get();
  const Commune& c = units.communes()[commune];
  const int old_code = units.old_provinces()[c.old_province].code;
  LatLon centre{16.0, 107.0};
  for (const Centre& k : kCentres) {
    if (k.code == old_code) centre = {k.lat / 1000.0, k.lon / 1000.0};
  }
  const std::uint64_t h = Mix(0x436F6D6D756E65ULL, c.code);
  const double range = c.kind == CommuneKind::kWard ? 0.10 : 0.30;
  centre.latitude += Offset(h, range);
  centre.longitude += Offset(h >> 16, range);
  return centre;
}

ParcelShape ShapeOf(std::uint64_t key, std::uint16_t commune, double area_m2, bool residential) {
  const std::uint64_t h = Mix(0x50617263656CULL, key);
  ParcelShape shape;
  shape.centroid = CommuneCentre(commune);
  shape.centroid.latitude += Offset(h, 0.02);
  shape.centroid.longitude += Offset(h >> 16, 0.02);
  // Depth / width: 2..5 for street-front residential lots, 1..2.5 for other land.
  const double aspect = residential ? 2.0 + static_cast<double>((h >> 32) % 31) / 10.0
                                    : 1.0 + static_cast<double>((h >> 32) % 16) / 10.0;
  const double width = std::sqrt(area_m2 / aspect);
  const double depth = area_m2 / width;
  const double shear =
      static_cast<double>(static_cast<std::int64_t>((h >> 40) % 21) - 10) / 40.0 * width;
  // Orientation: a unit vector from two small integers (no trigonometry).
  double ux = static_cast<double>(static_cast<std::int64_t>((h >> 48) % 201) - 100);
  double uy = static_cast<double>(static_cast<std::int64_t>((h >> 56) % 101) + 20);
  const double norm = std::sqrt(ux * ux + uy * uy);
  ux /= norm;
  uy /= norm;
  const double local[4][2] = {{-width / 2 - shear / 2, -depth / 2},
                              {width / 2 - shear / 2, -depth / 2},
                              {width / 2 + shear / 2, depth / 2},
                              {-width / 2 + shear / 2, depth / 2}};
  const double lon_metres = kMetresPerDegreeLonAtEquator * CosDegrees(shape.centroid.latitude);
  for (int i = 0; i < 4; ++i) {
    const double east = local[i][0] * ux - local[i][1] * uy;
    const double north = local[i][0] * uy + local[i][1] * ux;
    shape.corners[i] = {shape.centroid.latitude + north / kMetresPerDegreeLat,
                        shape.centroid.longitude + east / lon_metres};
  }
  return shape;
}

std::string PolygonGeoJson(const ParcelShape& shape) {
  std::string out = R"({"type":"Polygon","coordinates":[[)";
  for (int i = 0; i < 4; ++i) {
    Append(out, shape.corners[i]);
    out += ',';
  }
  Append(out, shape.corners[0]);
  out += "]]}";
  return out;
}

}  // namespace ndxp::connectors::land
