#pragma once
// Synthetic positions and boundaries of parcels. A commune's position is the shared geography's
// (connectors/common/geo.h: approximate, the embedded units carry no coordinates); a parcel lies
// near its commune's position, its boundary a parallelogram of the
// parcel's area (narrow street-front lots for residential land, broader fields for farm land).
// Everything is computed from integers with IEEE basic operations and sqrt only (no sin, cos from
// the C library), so the text is the same on every platform. See docs/decisions/0132.

#include <cstdint>
#include <string>

namespace ndxp::connectors::land {

struct LatLon {
  double latitude = 0;
  double longitude = 0;
};

// Approximate centre of a commune (AdminUnits index), in degrees: common/geo.h's CommuneCentre.
LatLon CommuneCentre(std::uint16_t commune);

struct ParcelShape {
  LatLon centroid;
  LatLon corners[4];  // counter-clockwise, not closed
};

// The shape of a parcel from its key, commune, area (m²) and whether it is a residential lot.
ParcelShape ShapeOf(std::uint64_t key, std::uint16_t commune, double area_m2, bool residential);

// GeoJSON (RFC 7946) Polygon geometry: {"type":"Polygon","coordinates":[[[lon,lat],...]]}, the
// ring closed, coordinates to 7 decimals.
std::string PolygonGeoJson(const ParcelShape& shape);

}  // namespace ndxp::connectors::land
