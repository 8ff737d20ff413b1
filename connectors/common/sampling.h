#pragma once
// Sample identifiers for `ndxpctl data sample`: positions spread evenly over a store, so that a
// sample covers the data (provinces, years) and is the same for the same data.

#include <cstddef>
#include <vector>

namespace ndxp::connectors {

// min(count, size) positions in [0, size), evenly spaced, each in the middle of its stride.
inline std::vector<std::size_t> SpreadPositions(std::size_t size, std::size_t count) {
  if (count > size) count = size;
  std::vector<std::size_t> positions;
  positions.reserve(count);
  for (std::size_t i = 0; i < count; ++i) positions.push_back((2 * i + 1) * size / (2 * count));
  return positions;
}

}  // namespace ndxp::connectors
