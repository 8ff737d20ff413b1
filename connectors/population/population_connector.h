#pragma once
// The population connector: ndxp.population.v1.PopulationService over a CitizenStore.

#include <memory>
#include <string>
#include <vector>

#include "connectors/population/citizen_store.h"
#include "gateway/core/connector.h"

namespace ndxp::connectors::population {

class PopulationConnector final : public core::Connector {
 public:
  explicit PopulationConnector(std::shared_ptr<const CitizenStore> store);

  std::string_view name() const override { return "population"; }
  // The service this connector implements (also without an instance: the registration list).
  static const google::protobuf::ServiceDescriptor& ServiceDescriptor();
  const google::protobuf::ServiceDescriptor& service() const override;
  // Every method reads personal data.
  std::vector<core::MethodHandler> Handlers() override;
  // personal_id (primary) and household_id.
  std::vector<core::SampleKind> SampleKinds() const override;
  std::vector<std::string> SampleIds(std::string_view kind, std::size_t count) const override;
  // BatchVerifyCitizens and ReconcileCitizens report a malformed or unknown id per item (in the
  // item's status, or in the summary's counts) and never fail the call, so their malformed and
  // unknown examples are empty (not applicable).
  std::vector<core::MethodExample> Examples() const override;

  const std::shared_ptr<const CitizenStore>& store() const { return store_; }

 private:
  std::shared_ptr<const CitizenStore> store_;
};

}  // namespace ndxp::connectors::population
