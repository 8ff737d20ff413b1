#pragma once
// A static two-dimensional k-d tree over points in millionths of a degree, stored implicitly:
// one array of (point, id) reordered so that every range [lo, hi) has its median at the middle
// and the two halves split on alternate axes (latitude first). No node objects, no pointers: 12
// bytes per point. Nearest-neighbour queries use the local flat-earth metric at the query's
// latitude (longitude differences scaled by cos(latitude)), exact enough within the 50 km radius
// the service allows; callers compute the reported distance on the sphere.

#include <cstdint>
#include <vector>

#include "connectors/common/geo.h"

namespace ndxp::connectors::postcode {

class SpatialIndex {
 public:
  struct Entry {
    GeoPoint point;
    std::uint32_t id = 0;
  };

  SpatialIndex() = default;
  explicit SpatialIndex(std::vector<Entry> entries);

  // Up to `k` ids nearest to `query` within `radius_e6` (millionths of a degree of latitude),
  // nearest first.
  std::vector<std::uint32_t> Nearest(GeoPoint query, std::int64_t radius_e6, std::size_t k) const;

  std::size_t size() const { return entries_.size(); }
  std::size_t MemoryBytes() const { return entries_.capacity() * sizeof(Entry); }

 private:
  void Build(std::size_t lo, std::size_t hi, int axis);
  std::vector<Entry> entries_;
};

}  // namespace ndxp::connectors::postcode
