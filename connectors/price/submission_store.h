#pragma once
// Prices submitted through SubmitPrices, kept in memory beside the immutable generated history:
// an ordered map from key (commodity, province, observation day) to the price and who sent it,
// behind one mutex (writes exclusive, reads shared). Bounded: at most kMaxEntries prices; a
// submission that would pass the bound is refused whole (RESOURCE_EXHAUSTED). Lost on restart,
// like the rest of the synthetic data (decision 0145).

#include <absl/base/thread_annotations.h>
#include <absl/status/statusor.h>
#include <absl/synchronization/mutex.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "connectors/price/price_store.h"

namespace ndxp::connectors::price {

struct Provenance {
  std::string client_id;
  std::string request_id;
};

struct Submitted {
  std::int32_t day = 0;
  std::int64_t price_vnd = 0;
  std::shared_ptr<const Provenance> provenance;
};

// One validated price of a SubmitPrices request.
struct PriceItem {
  int commodity = 0;
  int province = 0;
  std::int32_t day = 0;  // an observation day of the commodity
  std::int64_t price_vnd = 0;
};

enum class Outcome : std::uint8_t { kCreated, kUnchanged };

class SubmissionStore {
 public:
  static constexpr std::size_t kMaxEntries = 100'000;

  explicit SubmissionStore(std::shared_ptr<const PriceStore> history)
      : history_(std::move(history)) {}

  // Applies every item or none: ALREADY_EXISTS (reason PRICE_ALREADY_RECORDED, naming the key
  // and the item's index) when a key holds another price, in the history or submitted before;
  // RESOURCE_EXHAUSTED (SUBMISSION_STORE_FULL) past the bound. Items must be valid and free of
  // conflicting duplicates.
  absl::StatusOr<std::vector<Outcome>> Apply(const std::vector<PriceItem>& items,
                                             std::shared_ptr<const Provenance> provenance);

  std::optional<Submitted> Find(int commodity, int province, std::int32_t day) const;
  // The latest submitted price on or before `day`.
  std::optional<Submitted> Latest(int commodity, int province, std::int32_t day) const;
  // Submitted prices with days in [from, to], oldest first, at most `limit`.
  std::vector<Submitted> Range(int commodity, int province, std::int32_t from, std::int32_t to,
                               std::size_t limit) const;

  std::size_t size() const { return size_.load(std::memory_order_acquire); }

 private:
  static std::uint64_t Key(int commodity, int province, std::int32_t day) {
    return static_cast<std::uint64_t>(commodity) << 48 | static_cast<std::uint64_t>(province) << 32 |
           static_cast<std::uint32_t>(day - kDayBase);
  }
  static constexpr std::int32_t kDayBase = -1'000'000;  // keeps days positive in the key

  struct Entry {
    std::int64_t price_vnd = 0;
    std::shared_ptr<const Provenance> provenance;
  };

  std::shared_ptr<const PriceStore> history_;
  mutable absl::Mutex mu_;
  std::map<std::uint64_t, Entry> entries_ ABSL_GUARDED_BY(mu_);
  std::atomic<std::size_t> size_{0};  // entries_.size(), read without the lock
};

}  // namespace ndxp::connectors::price
