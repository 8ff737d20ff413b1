#include "gateway/metering/limits/token_bucket.h"

#include <algorithm>
#include <limits>

namespace ndxp::metering {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

// a + b without overflow (saturates at the int64 bounds).
std::int64_t SaturatingAdd(std::int64_t a, std::int64_t b) {
  std::int64_t sum;
  if (__builtin_add_overflow(a, b, &sum)) return b > 0 ? kMax : std::numeric_limits<std::int64_t>::min();
  return sum;
}

}  // namespace

void TokenBucket::Configure(std::uint32_t count, std::chrono::nanoseconds period,
                            std::uint32_t burst) {
  if (count == 0 || period.count() <= 0) {
    interval_ns_.store(0, std::memory_order_relaxed);
    return;
  }
  // Rounded up: never more calls than configured.
  const std::int64_t interval = (period.count() + count - 1) / count;
  const std::int64_t tolerance =
      static_cast<std::int64_t>(std::min<__int128>(static_cast<__int128>(interval) *
                                                       std::max<std::uint32_t>(burst, 1),
                                                   kMax));
  tolerance_ns_.store(tolerance, std::memory_order_relaxed);
  interval_ns_.store(interval, std::memory_order_relaxed);
}

bool TokenBucket::TryTake(std::int64_t now_ns, std::int64_t* wait_ns) {
  const std::int64_t interval = interval_ns_.load(std::memory_order_relaxed);
  if (interval <= 0) return true;
  const std::int64_t tolerance = tolerance_ns_.load(std::memory_order_relaxed);
  std::int64_t tat = tat_.load(std::memory_order_relaxed);
  for (;;) {
    // A bucket idle for any time (even past the int64 range) is simply full: TAT restarts at now.
    const std::int64_t next = SaturatingAdd(std::max(tat, now_ns), interval);
    const __int128 ahead = static_cast<__int128>(next) - now_ns;
    if (ahead > tolerance) {
      if (wait_ns != nullptr) {
        *wait_ns = static_cast<std::int64_t>(std::min<__int128>(ahead - tolerance, kMax));
      }
      return false;
    }
    if (tat_.compare_exchange_weak(tat, next, std::memory_order_acq_rel,
                                   std::memory_order_relaxed)) {
      return true;
    }
  }
}

void TokenBucket::GiveBack() {
  const std::int64_t interval = interval_ns_.load(std::memory_order_relaxed);
  if (interval <= 0) return;
  // A TAT pushed below now means a full bucket, never more: TryTake restarts from now.
  std::int64_t tat = tat_.load(std::memory_order_relaxed);
  while (!tat_.compare_exchange_weak(tat, SaturatingAdd(tat, -interval),
                                     std::memory_order_acq_rel, std::memory_order_relaxed)) {
  }
}

std::uint64_t TokenBucket::Available(std::int64_t now_ns) const {
  const std::int64_t interval = interval_ns_.load(std::memory_order_relaxed);
  if (interval <= 0) return std::numeric_limits<std::uint64_t>::max();
  const std::int64_t tolerance = tolerance_ns_.load(std::memory_order_relaxed);
  const std::int64_t tat = tat_.load(std::memory_order_relaxed);
  const __int128 used = std::max<__int128>(0, static_cast<__int128>(tat) - now_ns);
  const __int128 free_ns = tolerance - used;
  if (free_ns <= 0) return 0;
  return static_cast<std::uint64_t>(free_ns / interval);
}

}  // namespace ndxp::metering
