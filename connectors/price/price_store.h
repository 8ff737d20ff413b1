#pragma once
// The generated history of the National Price Database: for every commodity of the catalogue and
// every province in force, a series of observations (daily or weekly) ending on the snapshot
// date, as one dense vector of prices. Immutable once generated and read without locks;
// submitted prices live apart, in a SubmissionStore.

#include <absl/status/statusor.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "connectors/price/commodities.h"

namespace ndxp::connectors::price {

class PriceStore {
 public:
  // Days of history (scale): two years by default, at most ten.
  static constexpr std::uint64_t kDefaultScale = 730;
  static constexpr std::uint64_t kMaxScale = 3'660;

  static absl::StatusOr<std::shared_ptr<const PriceStore>> Generate(std::uint64_t seed,
                                                                    std::uint64_t days);

  // The observation day of `day` for a commodity: itself for daily series, else the latest day
  // on or before it that falls on the commodity's weekday.
  static std::int32_t ObservationDay(const Commodity& commodity, std::int32_t day);
  static bool IsObservationDay(const Commodity& commodity, std::int32_t day);

  // The generated price of (commodity, province index) on an observation day, if any.
  std::optional<std::int64_t> Generated(int commodity, int province, std::int32_t day) const;
  // First and last generated observation days of a commodity's series (all provinces alike).
  std::int32_t FirstDay(int commodity) const { return first_day_[static_cast<std::size_t>(commodity)]; }
  std::int32_t LastDay(int commodity) const;
  // First day of the history (any commodity).
  std::int32_t history_start() const { return start_day_; }
  std::int32_t history_end() const { return end_day_; }

  std::size_t observation_count() const { return prices_.size(); }
  std::uint64_t seed() const { return seed_; }
  std::uint64_t Fingerprint() const;

 private:
  friend class PriceGenerator;
  PriceStore() = default;
  std::size_t Series(int commodity, int province) const {
    return static_cast<std::size_t>(commodity) * provinces_ + static_cast<std::size_t>(province);
  }

  std::uint64_t seed_ = 0;
  std::int32_t start_day_ = 0, end_day_ = 0;
  std::size_t provinces_ = 0;
  std::vector<std::int32_t> first_day_;      // per commodity
  std::vector<std::uint32_t> counts_;        // per commodity: observations per series
  std::vector<std::uint32_t> series_first_;  // per series: offset into prices_
  std::vector<std::int32_t> prices_;         // đồng
};

}  // namespace ndxp::connectors::price
