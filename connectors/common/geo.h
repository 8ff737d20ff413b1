#pragma once
// Approximate geography for synthetic data: a centre and a radius for each pre-2025 province
// (written from memory of the provinces' positions, to about 0.1 degree; not survey data), a
// fixed centre for every commune in force placed inside its old province's disc (wards nearer
// the centre than rural communes; the 13 island special zones at their islands), and distances
// on the sphere. Positions are integers in
// millionths of a degree (WGS 84), so generation stays integer-only (decision 0101).

#include <cstdint>

namespace ndxp::connectors {

struct GeoPoint {
  std::int32_t lat_e6 = 0;  // latitude, millionths of a degree
  std::int32_t lon_e6 = 0;  // longitude, millionths of a degree
  friend bool operator==(const GeoPoint&, const GeoPoint&) = default;
};

// Centre and radius (millionths of a degree) of a pre-2025 province (an AdminUnits index).
GeoPoint OldProvinceCentre(std::uint8_t old_province);
std::int32_t OldProvinceRadius(std::uint8_t old_province);

// The centre of a commune in force (an AdminUnits index) and the radius its addresses lie in.
// The same for every seed: it is reference data, not part of a synthetic data set.
GeoPoint CommuneCentre(std::uint16_t commune);
std::int32_t CommuneRadius(std::uint16_t commune);

// Great-circle distance in metres (haversine, mean Earth radius 6,371,008.8 m).
double DistanceMeters(GeoPoint a, GeoPoint b);

}  // namespace ndxp::connectors
