#pragma once
// A quota's count of admitted calls in its current period (a day or a month), lock-free: the
// period number and the count share one 64-bit atomic, so that a new period starts from zero in
// the same compare-and-swap that takes its first call.
//
// Periods only move forward: a call that computed the previous period (it read the clock just
// before midnight, and another thread already counted the new day) counts in the newer one.

#include <atomic>
#include <cstdint>

namespace ndxp::metering {

class QuotaCounter {
 public:
  // Counts up to 2^40 - 1 calls (config::kMaxQuota is below); periods up to 2^24 - 1.
  static constexpr int kCountBits = 40;
  static constexpr std::uint64_t kMaxCount = (std::uint64_t{1} << kCountBits) - 1;

  QuotaCounter() = default;
  QuotaCounter(const QuotaCounter&) = delete;
  QuotaCounter& operator=(const QuotaCounter&) = delete;

  // Takes one call in `period` if fewer than `limit` were taken in it (a later period than the
  // counter's starts from zero).
  bool TryTake(std::uint32_t period, std::uint64_t limit);
  // Returns a call taken in `period` (a later limit refused it); nothing once the period is over.
  void GiveBack(std::uint32_t period);
  // Calls taken in `period`: 0 when the counter is on an earlier period.
  std::uint64_t Used(std::uint32_t period) const;
  // Starts `period` at `used` calls (what the ledger says were served), unless the counter is on
  // a later period; keeps the larger count when it is on `period` already.
  void Seed(std::uint32_t period, std::uint64_t used);

 private:
  static std::uint64_t Pack(std::uint32_t period, std::uint64_t count) {
    return (std::uint64_t{period} << kCountBits) | (count & kMaxCount);
  }
  static std::uint32_t PeriodOf(std::uint64_t packed) {
    return static_cast<std::uint32_t>(packed >> kCountBits);
  }
  static std::uint64_t CountOf(std::uint64_t packed) { return packed & kMaxCount; }

  std::atomic<std::uint64_t> packed_{0};
};

}  // namespace ndxp::metering
