#pragma once
// A token bucket: `count` calls per `period`, up to `burst` at once, lock-free. It is kept as the
// generic cell rate algorithm: one atomic "theoretical arrival time" (TAT) instead of a token
// count and a refill timestamp, so that taking a token is one compare-and-swap and the bucket
// never needs a refill step. A token comes back every interval = period / count (rounded up, so
// never faster than configured); the bucket is full (burst tokens) when TAT <= now.
//
// Times are nanoseconds on a monotonic clock, given by the caller (tests pass their own).

#include <atomic>
#include <chrono>
#include <cstdint>

namespace ndxp::metering {

class TokenBucket {
 public:
  // No limit until Configure (TryTake always succeeds).
  TokenBucket() = default;
  TokenBucket(std::uint32_t count, std::chrono::nanoseconds period, std::uint32_t burst) {
    Configure(count, period, burst);
  }
  TokenBucket(const TokenBucket&) = delete;
  TokenBucket& operator=(const TokenBucket&) = delete;

  // Sets the rate and burst, keeping the tokens taken so far (a reload that changes the limit
  // does not refill the bucket). count 0 switches the limit off. Any thread.
  void Configure(std::uint32_t count, std::chrono::nanoseconds period, std::uint32_t burst);
  bool enabled() const { return interval_ns_.load(std::memory_order_relaxed) > 0; }

  // Takes one token at `now_ns`. When none is left, returns false and sets *wait_ns to how long
  // until one is back.
  bool TryTake(std::int64_t now_ns, std::int64_t* wait_ns);
  // Returns a token taken by TryTake (a later limit refused the call). Never fills the bucket
  // above its burst.
  void GiveBack();

  // Tokens left at `now_ns` (for tests and diagnostics).
  std::uint64_t Available(std::int64_t now_ns) const;

  // The monotonic clock in nanoseconds.
  static std::int64_t Now() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }

 private:
  std::atomic<std::int64_t> interval_ns_{0};   // one token per interval; 0: no limit
  std::atomic<std::int64_t> tolerance_ns_{0};  // burst * interval
  std::atomic<std::int64_t> tat_{INT64_MIN};   // theoretical arrival time of the next call
};

}  // namespace ndxp::metering
