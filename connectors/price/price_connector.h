#pragma once
// The price connector: ndxp.price.v1.PriceService over the generated history (immutable, shared)
// and the prices submitted to this instance (its own SubmissionStore).

#include <memory>
#include <string>
#include <vector>

#include "connectors/price/price_store.h"
#include "connectors/price/submission_store.h"
#include "gateway/core/connector.h"

namespace ndxp::connectors::price {

class PriceConnector final : public core::Connector {
 public:
  explicit PriceConnector(std::shared_ptr<const PriceStore> history);

  std::string_view name() const override { return "price"; }
  // The service this connector implements (also without an instance: the registration list).
  static const google::protobuf::ServiceDescriptor& ServiceDescriptor();
  const google::protobuf::ServiceDescriptor& service() const override;
  // No method reads personal data. SubmitPrices writes (under the submission store's mutex);
  // the others read the history without locks.
  std::vector<core::MethodHandler> Handlers() override;
  // commodity_code (primary, GetCommodity) and province_code (ListProvincePrices).
  std::vector<core::SampleKind> SampleKinds() const override;
  std::vector<std::string> SampleIds(std::string_view kind, std::size_t count) const override;
  // The valid SubmitPrices example re-sends a recorded price (UNCHANGED), so it can run any
  // number of times; ListCommodities and ListProvincePrices have no "unknown" example.
  std::vector<core::MethodExample> Examples() const override;

  const PriceStore& history() const { return *history_; }
  SubmissionStore& submissions() const { return *submissions_; }

 private:
  std::shared_ptr<const PriceStore> history_;
  std::shared_ptr<SubmissionStore> submissions_;
};

}  // namespace ndxp::connectors::price
