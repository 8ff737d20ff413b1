#include "connectors/price/price_store.h"

#include <algorithm>

#include "connectors/common/admin_units.h"
#include "connectors/common/dates.h"
#include "connectors/common/rng.h"

namespace ndxp::connectors::price {
namespace {

// Seasonal profiles: per-mille of the amplitude in the middle of each month.
constexpr std::int16_t kProfiles[][12] = {
    {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
    {600, 1000, -200, -400, -500, -500, -400, -200, 0, 0, 200, 500},     // Tết
    {300, 400, -200, -600, -200, 300, 200, -400, -500, 0, 300, 400},     // harvests
    {-300, 0, -200, -100, 200, 500, 800, 1000, 900, 600, -200, -600},    // rainy season
    {600, 300, 700, 800, 400, -200, -600, -800, -800, -400, 200, 700},   // dry season building
};

// Per-mille of a profile on a day, interpolated between mid-months.
int SeasonPerMille(Season season, std::int32_t day) {
  const auto& p = kProfiles[static_cast<int>(season)];
  const CivilDate d = FromDays(day);
  const int m = d.month - 1;
  if (d.day >= 15) {
    const int next = (m + 1) % 12;
    return p[m] + (p[next] - p[m]) * (d.day - 15) / 30;
  }
  const int prev = (m + 11) % 12;
  return p[prev] + (p[m] - p[prev]) * (d.day + 15) / 30;
}

// Provinces paying the zone-2 fuel price (far from depots): the northern mountains, the central
// highlands and the far south.
bool FuelZone2(int province_code) {
  switch (province_code) {
    case 4: case 8: case 11: case 12: case 14: case 15: case 20: case 51: case 52: case 66:
    case 68: case 96:
      return true;
    default:
      return false;
  }
}

// Retail electricity, first tier, and the dates of EVN's adjustments.
struct Tariff {
  CivilDate from;
  std::int32_t vnd;
};
constexpr Tariff kElectricity[] = {{{2019, 3, 20}, 1'678}, {{2023, 5, 4}, 1'728},
                                   {{2023, 11, 9}, 1'806}, {{2024, 10, 11}, 1'893},
                                   {{2025, 5, 10}, 1'984}};

std::int32_t Round(std::int64_t value, std::int32_t step) {
  value = (value + step / 2) / step * step;
  return static_cast<std::int32_t>(std::clamp<std::int64_t>(value, step, 2'000'000'000));
}

}  // namespace

class PriceGenerator {
 public:
  PriceGenerator(std::uint64_t seed, std::uint64_t days, PriceStore& store)
      : seed_(seed), days_(static_cast<std::int32_t>(days)), store_(store) {}

  void Run() {
    const auto commodities = Commodities();
    const auto& provinces = AdminUnits::Get().provinces();
    store_.provinces_ = provinces.size();
    store_.end_day_ = ToDays(kSnapshotDate);
    store_.start_day_ = store_.end_day_ - days_ + 1;
    for (const Commodity& c : commodities) {
      std::int32_t first = store_.start_day_;
      while (!PriceStore::IsObservationDay(c, first)) ++first;
      store_.first_day_.push_back(first);
      const std::int32_t period = c.weekday == 0 ? 1 : 7;
      store_.counts_.push_back(static_cast<std::uint32_t>((store_.end_day_ - first) / period + 1));
    }
    std::size_t total = 0;
    for (std::uint32_t n : store_.counts_) total += n * provinces.size();
    store_.prices_.reserve(total);
    for (std::size_t c = 0; c < commodities.size(); ++c) {
      national_.clear();
      if (commodities[c].model == PriceModel::kFuel) National(static_cast<int>(c));
      for (std::size_t p = 0; p < provinces.size(); ++p) {
        store_.series_first_.push_back(static_cast<std::uint32_t>(store_.prices_.size()));
        Series(static_cast<int>(c), static_cast<int>(p), provinces[p].code);
      }
    }
  }

 private:
  std::int32_t Period(const Commodity& c) const { return c.weekday == 0 ? 1 : 7; }

  // Trend and season in basis points on a day.
  std::int64_t Drift(const Commodity& c, std::int32_t day) const {
    static const std::int32_t kAnchor = ToDays({2024, 1, 1});
    std::int64_t trend = std::int64_t{c.trend_bp} * (day - kAnchor) / 365;
    trend = std::clamp<std::int64_t>(trend, -5'000, 15'000);
    return trend + std::int64_t{c.season_bp} * SeasonPerMille(c.season, day) / 1000;
  }

  // One walk shared by every province (fuel, gold, the dollar).
  void National(int ci) {
    const Commodity& c = Commodities()[static_cast<std::size_t>(ci)];
    Rng rng(Mix(Mix(seed_, 0x5072696365ULL), static_cast<std::uint64_t>(ci)));
    std::int64_t walk = 0;
    const std::uint32_t n = store_.counts_[static_cast<std::size_t>(ci)];
    for (std::uint32_t i = 0; i < n; ++i) {
      walk += rng.Between(-c.volatility_bp, c.volatility_bp);
      walk -= walk / 40;
      const std::int32_t day = store_.first_day_[static_cast<std::size_t>(ci)] + static_cast<std::int32_t>(i) * Period(c);
      national_.push_back(10'000 + Drift(c, day) + walk);
    }
  }

  void Series(int ci, int pi, int province_code) {
    const Commodity& c = Commodities()[static_cast<std::size_t>(ci)];
    Rng rng(Mix(Mix(seed_, static_cast<std::uint64_t>(ci) << 8 | static_cast<std::uint64_t>(pi)),
                0x53657269657300ULL));
    std::int64_t offset = c.regional_bp == 0 ? 0 : rng.Between(-c.regional_bp, c.regional_bp);
    if ((province_code == 1 || province_code == 79) && c.model == PriceModel::kMarket) {
      offset += c.regional_bp / 3;  // the two metropolises pay more
    }
    if (c.model == PriceModel::kFuel && c.code[0] == '0' && c.code[1] == '5') {
      offset = FuelZone2(province_code) ? 200 : 0;
    }
    const std::uint32_t n = store_.counts_[static_cast<std::size_t>(ci)];
    const std::int32_t first = store_.first_day_[static_cast<std::size_t>(ci)];
    const std::int32_t period = Period(c);
    // An administered tariff changes once or twice over the history, by 5-15%.
    std::int32_t change_day[2] = {first + static_cast<std::int32_t>(rng.Uniform(n)) * period,
                                  first + static_cast<std::int32_t>(rng.Uniform(n)) * period};
    const std::int64_t change_bp[2] = {rng.Between(500, 1'500), rng.Chance(400) ? rng.Between(500, 1'000) : 0};
    std::int64_t walk = 0;
    const std::int64_t step = c.weekday == 0 ? c.volatility_bp : c.volatility_bp * 5 / 2;
    for (std::uint32_t i = 0; i < n; ++i) {
      const std::int32_t day = first + static_cast<std::int32_t>(i) * period;
      std::int64_t price = 0;
      switch (c.model) {
        case PriceModel::kMarket:
          walk += rng.Between(-step, step);
          walk -= walk / 30;
          price = std::int64_t{c.base_vnd} * (10'000 + offset + Drift(c, day) + walk) / 10'000;
          break;
        case PriceModel::kFuel:
          price = std::int64_t{c.base_vnd} * (national_[i] + offset) / 10'000;
          break;
        case PriceModel::kScheduled:
          for (const Tariff& t : kElectricity) {
            if (day >= ToDays(t.from)) price = t.vnd;
          }
          break;
        case PriceModel::kAdministered: {
          std::int64_t bp = 10'000 + offset;
          for (int k = 0; k < 2; ++k) {
            if (day >= change_day[k]) bp += change_bp[k];
          }
          price = std::int64_t{c.base_vnd} * bp / 10'000;
          break;
        }
      }
      store_.prices_.push_back(Round(price, c.step_vnd));
    }
  }

  std::uint64_t seed_;
  std::int32_t days_;
  PriceStore& store_;
  std::vector<std::int64_t> national_;
};

absl::StatusOr<std::shared_ptr<const PriceStore>> PriceStore::Generate(std::uint64_t seed,
                                                                       std::uint64_t days) {
  if (days == 0) days = kDefaultScale;
  if (days < 14) return absl::InvalidArgumentError("scale must be at least 14 days of history");
  if (days > kMaxScale) return absl::InvalidArgumentError("scale must be at most 3,660 days of history");
  std::shared_ptr<PriceStore> store(new PriceStore());
  store->seed_ = seed;
  PriceGenerator(seed, days, *store).Run();
  return std::shared_ptr<const PriceStore>(std::move(store));
}

bool PriceStore::IsObservationDay(const Commodity& c, std::int32_t day) {
  return c.weekday == 0 || DayOfWeek(day) + 1 == c.weekday;
}

std::int32_t PriceStore::ObservationDay(const Commodity& c, std::int32_t day) {
  if (c.weekday == 0) return day;
  return day - (DayOfWeek(day) + 1 - c.weekday + 7) % 7;
}

std::int32_t PriceStore::LastDay(int commodity) const {
  const Commodity& c = Commodities()[static_cast<std::size_t>(commodity)];
  return ObservationDay(c, end_day_);
}

std::optional<std::int64_t> PriceStore::Generated(int commodity, int province,
                                                  std::int32_t day) const {
  const Commodity& c = Commodities()[static_cast<std::size_t>(commodity)];
  const std::int32_t first = FirstDay(commodity);
  if (day < first || day > end_day_ || !IsObservationDay(c, day)) return std::nullopt;
  const std::int32_t period = c.weekday == 0 ? 1 : 7;
  const std::size_t i = static_cast<std::size_t>((day - first) / period);
  return prices_[series_first_[Series(commodity, province)] + i];
}

std::uint64_t PriceStore::Fingerprint() const {
  std::uint64_t h = Mix(seed_, prices_.size());
  h = Mix(h, static_cast<std::uint32_t>(start_day_));
  for (std::int32_t p : prices_) h = Mix(h, static_cast<std::uint32_t>(p));
  return h;
}

}  // namespace ndxp::connectors::price
