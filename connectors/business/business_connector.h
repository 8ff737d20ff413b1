#pragma once
// The business-registry connector: ndxp.business.v1.BusinessRegistryService over an
// EnterpriseStore (whose legal representatives are citizens of the population store).

#include <memory>
#include <string>
#include <vector>

#include "connectors/business/enterprise_store.h"
#include "gateway/core/connector.h"

namespace ndxp::connectors::business {

class BusinessConnector final : public core::Connector {
 public:
  explicit BusinessConnector(std::shared_ptr<const EnterpriseStore> store);

  std::string_view name() const override { return "business"; }
  // The service this connector implements (also without an instance: the registration list).
  static const google::protobuf::ServiceDescriptor& ServiceDescriptor();
  const google::protobuf::ServiceDescriptor& service() const override;
  // Methods returning a legal representative's name or personal id read personal data;
  // GetRegistrationDossierStatus does not.
  std::vector<core::MethodHandler> Handlers() override;
  // enterprise_code (primary: ten digits) and dossier_id (DKKD-PP-YYYY-NNNNNN).
  std::vector<core::SampleKind> SampleKinds() const override;
  std::vector<std::string> SampleIds(std::string_view kind, std::size_t count) const override;
  // ListEnterprises and StreamEnterprises have no "unknown" example: a valid province without
  // enterprises is an empty result, not NOT_FOUND.
  std::vector<core::MethodExample> Examples() const override;

  const std::shared_ptr<const EnterpriseStore>& store() const { return store_; }

 private:
  std::shared_ptr<const EnterpriseStore> store_;
};

}  // namespace ndxp::connectors::business
