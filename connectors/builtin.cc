#include "connectors/builtin.h"

#include <algorithm>

#include "connectors/budget/budget_registration.h"
#include "connectors/business/business_registration.h"
#include "connectors/catalog/catalog_registration.h"
#include "connectors/insurance/insurance_registration.h"
#include "connectors/land/land_registration.h"
#include "connectors/legal/legal_registration.h"
#include "connectors/population/population_registration.h"
#include "connectors/postcode/postcode_registration.h"
#include "connectors/price/price_registration.h"
#include "connectors/vehicle/vehicle_registration.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors {
namespace {

// Every built-in connector, in registration order (the rows of the national databases table):
// the one list to add a connector to.
const std::vector<BuiltinRegistration>& Registrations() {
  static const auto* const kAll = new std::vector<BuiltinRegistration>{
      population::Registration(),
      business::Registration(),
      insurance::Registration(),
      land::Registration(),
      legal::Registration(),
      price::Registration(),
      vehicle::Registration(),
      budget::Registration(),
      catalog::Registration(),
      postcode::Registration(),
  };
  return *kAll;
}

const BuiltinRegistration* FindRegistration(std::string_view name) {
  const auto& all = Registrations();
  auto it = std::find_if(all.begin(), all.end(),
                         [name](const BuiltinRegistration& r) { return r.name == name; });
  return it == all.end() ? nullptr : &*it;
}

absl::Status CheckNames(const std::vector<BuiltinSpec>& specs) {
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const std::string& name = specs[i].name;
    if (FindRegistration(name) == nullptr) {
      return absl::InvalidArgumentError(
          core::ToAbsl(core::Cat("unknown built-in connector \"", name, "\"")));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (specs[j].name == name) {
        return absl::InvalidArgumentError(
            core::ToAbsl(core::Cat("built-in connector \"", name, "\" is listed twice")));
      }
    }
  }
  return absl::OkStatus();
}

// Prefixes a generation error with the connector it concerns.
absl::Status Named(std::string_view name, const absl::Status& status) {
  return absl::Status(status.code(),
                      core::ToAbsl(core::Cat(name, ": ", core::ToStd(status.message()))));
}

}  // namespace

std::vector<std::string_view> BuiltinConnectorNames() {
  std::vector<std::string_view> names;
  for (const BuiltinRegistration& r : Registrations()) names.push_back(r.name);
  return names;
}

std::vector<std::string_view> BuiltinServiceNames() {
  std::vector<std::string_view> names;
  for (const BuiltinRegistration& r : Registrations()) {
    names.push_back(std::string_view(r.service().full_name()));
  }
  return names;
}

absl::StatusOr<std::vector<std::unique_ptr<core::Connector>>> MakeBuiltinConnectors(
    const std::vector<BuiltinSpec>& specs) {
  if (absl::Status status = CheckNames(specs); !status.ok()) return status;
  // Stores shared between connectors are generated once, by the first connector that asks.
  SharedStores stores(specs);
  std::vector<std::unique_ptr<core::Connector>> connectors;
  for (const BuiltinSpec& spec : specs) {
    auto connector = FindRegistration(spec.name)->make(stores);
    if (!connector.ok()) return Named(spec.name, connector.status());
    connectors.push_back(*std::move(connector));
  }
  return connectors;
}

}  // namespace ndxp::connectors
