#include "connectors/common/bijection.h"

#include "connectors/common/rng.h"

namespace ndxp::connectors {

Bijection::Bijection(std::uint64_t n, std::uint64_t key) : n_(n < 1 ? 1 : n) {
  int bits = 2;
  while (bits < 62 && (std::uint64_t{1} << bits) < n_) bits += 2;
  half_bits_ = bits / 2;
  half_mask_ = (std::uint64_t{1} << half_bits_) - 1;
  std::uint64_t state = key;
  for (auto& k : keys_) k = SplitMix64(state);
}

std::uint64_t Bijection::Round(std::uint64_t half, int round) const {
  return Mix(half, keys_[round]) & half_mask_;
}

std::uint64_t Bijection::Permute(std::uint64_t x) const {
  std::uint64_t left = x >> half_bits_;
  std::uint64_t right = x & half_mask_;
  for (int round = 0; round < 4; ++round) {
    const std::uint64_t next = left ^ Round(right, round);
    left = right;
    right = next;
  }
  return (left << half_bits_) | right;
}

std::uint64_t Bijection::Apply(std::uint64_t x) const {
  // The Feistel permutation is a bijection of [0, 2^bits); walking its cycle from x until the
  // value falls inside [0, n) restricts it to a bijection of [0, n). The domain is at most four
  // times n, so the walk is short on average.
  std::uint64_t y = Permute(x);
  while (y >= n_) y = Permute(y);
  return y;
}

}  // namespace ndxp::connectors
