#pragma once
// The price connector's registration, and its shared generated history (other connectors may
// read prices, e.g. land-tax computations).

#include <memory>

#include "connectors/common/shared_stores.h"
#include "connectors/price/price_store.h"

namespace ndxp::connectors::price {

// The history, generated once with the price connector's settings (its defaults when it is not
// enabled).
absl::StatusOr<std::shared_ptr<const PriceStore>> SharedPrices(SharedStores& stores);

BuiltinRegistration Registration();

}  // namespace ndxp::connectors::price
