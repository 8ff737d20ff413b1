#pragma once
// The handlers of PriceService, as plain functions over the generated history and the submitted
// prices.

#include <absl/status/status.h>

#include "connectors/price/price_store.h"
#include "connectors/price/submission_store.h"
#include "gateway/core/call_context.h"
#include "ndxp/price/v1/price.pb.h"

namespace ndxp::connectors::price {

// Bounds of SubmitPrices.
inline constexpr int kMaxSubmissionItems = 500;
inline constexpr std::size_t kMaxRequestIdBytes = 64;
// Longest QueryPriceSeries range, in days.
inline constexpr std::int32_t kMaxSeriesDays = 3'660;
// Dates accepted in requests: from the history's start to a year after the snapshot date.
inline constexpr std::int32_t kHorizonDays = 366;

struct PriceData {
  const PriceStore& history;
  SubmissionStore& submissions;
};

absl::Status GetPrice(const PriceData& data, const ::ndxp::price::v1::GetPriceRequest& request,
                      ::ndxp::price::v1::GetPriceResponse& response);
absl::Status QueryPriceSeries(const PriceData& data,
                              const ::ndxp::price::v1::QueryPriceSeriesRequest& request,
                              ::ndxp::price::v1::QueryPriceSeriesResponse& response);
absl::Status SubmitPrices(const PriceData& data, const core::CallContext& ctx,
                          const ::ndxp::price::v1::SubmitPricesRequest& request,
                          ::ndxp::price::v1::SubmitPricesResponse& response);
absl::Status GetCommodity(const PriceData& data,
                          const ::ndxp::price::v1::GetCommodityRequest& request,
                          ::ndxp::price::v1::GetCommodityResponse& response);
absl::Status ListCommodities(const PriceData& data,
                             const ::ndxp::price::v1::ListCommoditiesRequest& request,
                             ::ndxp::price::v1::ListCommoditiesResponse& response);
absl::Status ListProvincePrices(const PriceData& data,
                                const ::ndxp::price::v1::ListProvincePricesRequest& request,
                                ::ndxp::price::v1::ListProvincePricesResponse& response);

// A province in force by its two-digit code: INVALID_ARGUMENT on `field` otherwise, naming the
// province a pre-2025 code went into.
absl::StatusOr<int> ParseProvinceCode(std::string_view text, std::string_view field);

void FillCommodity(int commodity, ::ndxp::price::v1::Commodity* out);

}  // namespace ndxp::connectors::price
