#pragma once
// A keyed bijection of [0, n): distinct inputs give distinct outputs that look random. Used to
// turn per-key counters into identifiers that are unique by construction (no set of issued ids is
// needed) yet not sequential. A four-round Feistel network over the smallest even power of two
// >= n, with cycle walking to stay inside [0, n).

#include <cstdint>

namespace ndxp::connectors {

class Bijection {
 public:
  // n >= 1, n <= 2^62.
  Bijection(std::uint64_t n, std::uint64_t key);

  // The image of x (x < n), itself < n.
  std::uint64_t Apply(std::uint64_t x) const;

  std::uint64_t size() const { return n_; }

 private:
  std::uint64_t Round(std::uint64_t half, int round) const;
  std::uint64_t Permute(std::uint64_t x) const;

  std::uint64_t n_;
  int half_bits_;
  std::uint64_t half_mask_;
  std::uint64_t keys_[4];
};

}  // namespace ndxp::connectors
