#include "connectors/land/geometry.h"

#include <cmath>
#include <cstdio>

#include "connectors/common/geo.h"
#include "connectors/common/rng.h"

namespace ndxp::connectors::land {
namespace {

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
  // The shared geography (connectors/common/geo.h): the same place as the commune's addresses.
  const GeoPoint centre = connectors::CommuneCentre(commune);
  return LatLon{centre.lat_e6 / 1e6, centre.lon_e6 / 1e6};
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
