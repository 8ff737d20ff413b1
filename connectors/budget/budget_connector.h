#pragma once
// The budget connector: ndxp.budget.v1.BudgetUnitService over a BudgetStore (public enterprises
// from the business store) and a DossierDesk for the code requests received through the gateway.

#include <absl/time/time.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "connectors/budget/budget_store.h"
#include "connectors/budget/dossier_desk.h"
#include "gateway/core/connector.h"

namespace ndxp::connectors::budget {

class BudgetConnector final : public core::Connector {
 public:
  // `clock` moves the received dossiers through their states (absl::Now by default).
  explicit BudgetConnector(
      std::shared_ptr<const BudgetStore> store,
      std::function<absl::Time()> clock = [] { return absl::Now(); });

  std::string_view name() const override { return "budget"; }
  // The service this connector implements (also without an instance: the registration list).
  static const google::protobuf::ServiceDescriptor& ServiceDescriptor();
  const google::protobuf::ServiceDescriptor& service() const override;
  // No method reads personal data.
  std::vector<core::MethodHandler> Handlers() override;
  // budget_unit_code (primary), enterprise_code (of a public enterprise) and dossier_id.
  std::vector<core::SampleKind> SampleKinds() const override;
  std::vector<std::string> SampleIds(std::string_view kind, std::size_t count) const override;
  std::vector<core::MethodExample> Examples() const override;

  const std::shared_ptr<const BudgetStore>& store() const { return store_; }
  DossierDesk& desk() const { return *desk_; }

 private:
  std::shared_ptr<const BudgetStore> store_;
  std::shared_ptr<DossierDesk> desk_;
};

}  // namespace ndxp::connectors::budget
