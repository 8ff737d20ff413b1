#pragma once
// The data that several built-in connectors share, generated once per start.
//
// One connector's data refers to another's (business representatives are population citizens, an
// insured person is a citizen, a vehicle's owner is a citizen or an enterprise), so the stores are
// generated once and shared by every connector that reads them, with the settings (seed, scale)
// of the connector that owns them, or that connector's defaults when it is not enabled. A store's
// owner gives a function that fetches it (e.g. population::SharedCitizens(stores)); any connector
// may call it. Used while the connectors are built, on one thread; not thread-safe.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <typeindex>
#include <vector>

#include <absl/status/statusor.h>

#include "gateway/core/connector.h"

namespace ndxp::connectors {

struct BuiltinSpec {
  std::string name;                 // e.g. "population"
  core::ConnectorSettings settings; // seed, scale (0 = the connector's default)
};

class SharedStores {
 public:
  explicit SharedStores(std::vector<BuiltinSpec> specs) : specs_(std::move(specs)) {}

  // The settings the named connector is built with: its spec's, else the defaults.
  core::ConnectorSettings SettingsOf(std::string_view connector) const;
  // Whether the named connector is among those being built.
  bool Enabled(std::string_view connector) const;

  // The store of type Store, made by `make` the first time it is asked for and shared after.
  // A failure is returned (and not cached) to every caller.
  template <class Store>
  absl::StatusOr<std::shared_ptr<const Store>> Get(
      const std::function<absl::StatusOr<std::shared_ptr<const Store>>()>& make) {
    auto it = stores_.find(std::type_index(typeid(Store)));
    if (it != stores_.end()) return std::static_pointer_cast<const Store>(it->second);
    absl::StatusOr<std::shared_ptr<const Store>> made = make();
    if (made.ok()) stores_.emplace(std::type_index(typeid(Store)), *made);
    return made;
  }

 private:
  std::vector<BuiltinSpec> specs_;
  std::map<std::type_index, std::shared_ptr<const void>> stores_;
};

// How a built-in connector is registered: its name, its service (known without building it, for
// configuration checks) and how it is built from the shared stores.
struct BuiltinRegistration {
  std::string_view name;
  const google::protobuf::ServiceDescriptor& (*service)();
  absl::StatusOr<std::unique_ptr<core::Connector>> (*make)(SharedStores& stores);
};

}  // namespace ndxp::connectors
