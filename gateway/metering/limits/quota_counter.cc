#include "gateway/metering/limits/quota_counter.h"

#include <algorithm>

namespace ndxp::metering {

bool QuotaCounter::TryTake(std::uint32_t period, std::uint64_t limit) {
  std::uint64_t packed = packed_.load(std::memory_order_relaxed);
  for (;;) {
    const std::uint32_t current = std::max(PeriodOf(packed), period);
    const std::uint64_t used = PeriodOf(packed) == current ? CountOf(packed) : 0;
    if (used >= limit || used >= kMaxCount) return false;
    if (packed_.compare_exchange_weak(packed, Pack(current, used + 1), std::memory_order_acq_rel,
                                      std::memory_order_relaxed)) {
      return true;
    }
  }
}

void QuotaCounter::GiveBack(std::uint32_t period) {
  std::uint64_t packed = packed_.load(std::memory_order_relaxed);
  for (;;) {
    if (PeriodOf(packed) != period || CountOf(packed) == 0) return;
    if (packed_.compare_exchange_weak(packed, packed - 1, std::memory_order_acq_rel,
                                      std::memory_order_relaxed)) {
      return;
    }
  }
}

std::uint64_t QuotaCounter::Used(std::uint32_t period) const {
  const std::uint64_t packed = packed_.load(std::memory_order_relaxed);
  return PeriodOf(packed) == period ? CountOf(packed) : 0;
}

void QuotaCounter::Seed(std::uint32_t period, std::uint64_t used) {
  used = std::min(used, kMaxCount);
  std::uint64_t packed = packed_.load(std::memory_order_relaxed);
  for (;;) {
    if (PeriodOf(packed) > period) return;
    const std::uint64_t count = PeriodOf(packed) == period ? std::max(CountOf(packed), used) : used;
    if (packed_.compare_exchange_weak(packed, Pack(period, count), std::memory_order_acq_rel,
                                      std::memory_order_relaxed)) {
      return;
    }
  }
}

}  // namespace ndxp::metering
