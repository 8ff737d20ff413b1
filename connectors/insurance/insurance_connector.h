#pragma once
// The insurance connector: ndxp.insurance.v1.InsuranceService over an InsuranceStore (whose
// participants are citizens of the population store and whose DN employers are enterprises of
// the business store).

#include <memory>
#include <string>
#include <vector>

#include "connectors/insurance/insurance_store.h"
#include "gateway/core/connector.h"

namespace ndxp::connectors::insurance {

class InsuranceConnector final : public core::Connector {
 public:
  explicit InsuranceConnector(std::shared_ptr<const InsuranceStore> store);

  std::string_view name() const override { return "insurance"; }
  // The service this connector implements (also without an instance: the registration list).
  static const google::protobuf::ServiceDescriptor& ServiceDescriptor();
  const google::protobuf::ServiceDescriptor& service() const override;
  // Every method reads personal data.
  std::vector<core::MethodHandler> Handlers() override;
  // social_insurance_number (primary), personal_id (of an insured citizen), card_code and
  // household_id.
  std::vector<core::SampleKind> SampleKinds() const override;
  std::vector<std::string> SampleIds(std::string_view kind, std::size_t count) const override;
  std::vector<core::MethodExample> Examples() const override;

  const std::shared_ptr<const InsuranceStore>& store() const { return store_; }

 private:
  std::shared_ptr<const InsuranceStore> store_;
};

}  // namespace ndxp::connectors::insurance
