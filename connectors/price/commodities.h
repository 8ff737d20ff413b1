#pragma once
// The catalogue of goods and services whose prices the National Price Database follows: the
// goods under price stabilisation of Luật Giá 2023 (petrol and oil, electricity, LPG, urea and NPK
// fertiliser, salt, milk for children under six, sugar, paddy and rice) and the common market
// items local price offices report (pork, beef, poultry, eggs, vegetables, cement, steel, sand,
// gold, the dollar, public services). Codes "GG.NNN" (group, item) are this connector's own
// (decision 0144); each entry says how its synthetic series behave.

#include <absl/status/statusor.h>

#include <cstdint>
#include <span>
#include <string_view>

namespace ndxp::connectors::price {

// How a series moves.
enum class PriceModel : std::uint8_t {
  kMarket,     // a random walk per province around a trend and a seasonal profile
  kFuel,       // one national walk, adjusted on Thursdays; remote provinces (zone 2) pay ~2% more
  kScheduled,  // one national tariff changed on known dates (retail electricity)
  kAdministered,  // a tariff per province, changed rarely (water, parking, hospital fees)
};

enum class Season : std::uint8_t { kNone, kTet, kHarvest, kRainy, kDrySeason };

struct Commodity {
  std::string_view code;  // "01.002"
  std::string_view name;  // "Gạo tẻ thường"
  std::string_view unit;  // "đồng/kg"
  std::int32_t base_vnd;  // national mean price on 1 January 2024
  std::int32_t step_vnd;  // prices are multiples of it
  std::int16_t trend_bp;  // drift per year, basis points
  std::int16_t season_bp;  // seasonal amplitude, basis points
  std::int16_t volatility_bp;  // largest step of the walk per observation, basis points
  std::int16_t regional_bp;  // largest difference of a province from the mean, basis points
  std::uint8_t weekday;      // 0: observed daily; 1..7: weekly on that ISO weekday
  PriceModel model;
  Season season;
  bool stabilised;  // under price stabilisation (bình ổn giá)
};

struct CommodityGroup {
  std::string_view code;  // "01"
  std::string_view name;  // "Lương thực"
};

std::span<const Commodity> Commodities();  // sorted by code
std::span<const CommodityGroup> CommodityGroups();

// Parses "GG.NNN": INVALID_ARGUMENT on `field` naming the wrong part; the index of the commodity,
// or -1 when the code is well formed but not in the catalogue.
absl::StatusOr<int> ParseCommodityCode(std::string_view text, std::string_view field);

// The group of a commodity (a CommodityGroups() index).
int GroupOf(const Commodity& commodity);

}  // namespace ndxp::connectors::price
