#pragma once
// Picks an index with probability proportional to integer weights (no floating point, so the
// choice is the same everywhere). Built once; Pick is a binary search over cumulative weights.

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "connectors/common/rng.h"

namespace ndxp::connectors {

class WeightedTable {
 public:
  WeightedTable() = default;
  WeightedTable(std::initializer_list<std::uint32_t> weights) {
    for (std::uint32_t w : weights) Add(w);
  }

  void Add(std::uint64_t weight) {
    total_ += weight;
    cumulative_.push_back(total_);
  }

  // An index in [0, size()); an entry of weight 0 is never picked. Requires total() > 0.
  std::uint32_t Pick(Rng& rng) const {
    const std::uint64_t r = rng.Uniform(total_);
    auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), r);
    return static_cast<std::uint32_t>(it - cumulative_.begin());
  }

  std::size_t size() const { return cumulative_.size(); }
  std::uint64_t total() const { return total_; }

 private:
  std::vector<std::uint64_t> cumulative_;
  std::uint64_t total_ = 0;
};

}  // namespace ndxp::connectors
