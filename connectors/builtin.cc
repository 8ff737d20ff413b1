#include "connectors/builtin.h"

#include <algorithm>

#include "connectors/business/business_connector.h"
#include "connectors/population/population_connector.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors {
namespace {

constexpr std::string_view kPopulation = "population";
constexpr std::string_view kBusiness = "business";

const BuiltinSpec* FindSpec(const std::vector<BuiltinSpec>& specs, std::string_view name) {
  auto it = std::find_if(specs.begin(), specs.end(),
                         [name](const BuiltinSpec& s) { return s.name == name; });
  return it == specs.end() ? nullptr : &*it;
}

absl::Status CheckNames(const std::vector<BuiltinSpec>& specs) {
  const auto names = BuiltinConnectorNames();
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const std::string& name = specs[i].name;
    if (std::find(names.begin(), names.end(), name) == names.end()) {
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

std::vector<std::string_view> BuiltinConnectorNames() { return {kPopulation, kBusiness}; }

std::vector<std::string_view> BuiltinServiceNames() {
  return {std::string_view(population::PopulationConnector::ServiceDescriptor().full_name()),
          std::string_view(business::BusinessConnector::ServiceDescriptor().full_name())};
}

absl::StatusOr<std::vector<std::unique_ptr<core::Connector>>> MakeBuiltinConnectors(
    const std::vector<BuiltinSpec>& specs) {
  if (absl::Status status = CheckNames(specs); !status.ok()) return status;
  const BuiltinSpec* population_spec = FindSpec(specs, kPopulation);
  const BuiltinSpec* business_spec = FindSpec(specs, kBusiness);

  // The citizens are generated once and shared: business representatives are population
  // citizens, with the population's own settings, or its defaults when it is not enabled.
  std::shared_ptr<const population::CitizenStore> citizens;
  if (population_spec != nullptr || business_spec != nullptr) {
    const core::ConnectorSettings settings =
        population_spec != nullptr ? population_spec->settings : core::ConnectorSettings{};
    auto store = population::CitizenStore::Generate(settings.seed, settings.scale);
    if (!store.ok()) return Named(kPopulation, store.status());
    citizens = *std::move(store);
  }
  std::shared_ptr<const business::EnterpriseStore> enterprises;
  if (business_spec != nullptr) {
    auto store = business::EnterpriseStore::Generate(business_spec->settings.seed,
                                                     business_spec->settings.scale, citizens);
    if (!store.ok()) return Named(kBusiness, store.status());
    enterprises = *std::move(store);
  }

  std::vector<std::unique_ptr<core::Connector>> connectors;
  for (const BuiltinSpec& spec : specs) {
    if (spec.name == kPopulation) {
      connectors.push_back(std::make_unique<population::PopulationConnector>(citizens));
    } else if (spec.name == kBusiness) {
      connectors.push_back(std::make_unique<business::BusinessConnector>(enterprises));
    }
  }
  return connectors;
}

}  // namespace ndxp::connectors
