#include "connectors/postcode/spatial_index.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace ndxp::connectors::postcode {
namespace {

// The k best (squared distance, id) seen so far, worst first (a max-heap).
struct Best {
  std::size_t k;
  double bound;  // squared search radius, then the worst kept distance once k are kept
  std::vector<std::pair<double, std::uint32_t>> heap;

  void Offer(double d2, std::uint32_t id) {
    if (d2 > bound) return;
    heap.emplace_back(d2, id);
    std::push_heap(heap.begin(), heap.end());
    if (heap.size() > k) {
      std::pop_heap(heap.begin(), heap.end());
      heap.pop_back();
    }
    if (heap.size() == k) bound = std::min(bound, heap.front().first);
  }
};

struct Search {
  const std::vector<SpatialIndex::Entry>& entries;
  GeoPoint query;
  double lon_scale;  // cos(latitude)
  Best best;

  double AxisDelta(const GeoPoint& p, int axis) const {
    return axis == 0 ? static_cast<double>(p.lat_e6 - query.lat_e6)
                     : static_cast<double>(p.lon_e6 - query.lon_e6) * lon_scale;
  }

  void Visit(std::size_t lo, std::size_t hi, int axis) {
    if (lo >= hi) return;
    const std::size_t mid = lo + (hi - lo) / 2;
    const auto& e = entries[mid];
    const double dy = AxisDelta(e.point, 0), dx = AxisDelta(e.point, 1);
    best.Offer(dy * dy + dx * dx, e.id);
    const double delta = axis == 0 ? dy : dx;  // the split point minus the query, on this axis
    // The query's side first; the other side only if the splitting line is within the bound.
    const bool query_below = delta > 0;
    if (query_below) {
      Visit(lo, mid, 1 - axis);
    } else {
      Visit(mid + 1, hi, 1 - axis);
    }
    if (delta * delta <= best.bound) {
      if (query_below) {
        Visit(mid + 1, hi, 1 - axis);
      } else {
        Visit(lo, mid, 1 - axis);
      }
    }
  }
};

}  // namespace

SpatialIndex::SpatialIndex(std::vector<Entry> entries) : entries_(std::move(entries)) {
  Build(0, entries_.size(), 0);
}

void SpatialIndex::Build(std::size_t lo, std::size_t hi, int axis) {
  while (hi - lo > 1) {
    const std::size_t mid = lo + (hi - lo) / 2;
    std::nth_element(entries_.begin() + static_cast<std::ptrdiff_t>(lo),
                     entries_.begin() + static_cast<std::ptrdiff_t>(mid),
                     entries_.begin() + static_cast<std::ptrdiff_t>(hi),
                     [axis](const Entry& a, const Entry& b) {
                       const auto ka = axis == 0 ? a.point.lat_e6 : a.point.lon_e6;
                       const auto kb = axis == 0 ? b.point.lat_e6 : b.point.lon_e6;
                       return ka != kb ? ka < kb : a.id < b.id;
                     });
    Build(lo, mid, 1 - axis);
    lo = mid + 1;
    axis = 1 - axis;
  }
}

std::vector<std::uint32_t> SpatialIndex::Nearest(GeoPoint query, std::int64_t radius_e6,
                                                 std::size_t k) const {
  std::vector<std::uint32_t> ids;
  if (k == 0 || entries_.empty()) return ids;
  constexpr double kRadPerE6 = 3.14159265358979323846 / 180.0 / 1e6;
  const double radius = static_cast<double>(radius_e6);
  Search search{entries_, query, std::cos(query.lat_e6 * kRadPerE6), {k, radius * radius, {}}};
  search.Visit(0, entries_.size(), 0);
  std::sort_heap(search.best.heap.begin(), search.best.heap.end());
  for (const auto& [d2, id] : search.best.heap) ids.push_back(id);
  return ids;
}

}  // namespace ndxp::connectors::postcode
