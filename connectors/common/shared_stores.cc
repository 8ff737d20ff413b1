#include "connectors/common/shared_stores.h"

#include <algorithm>

namespace ndxp::connectors {

core::ConnectorSettings SharedStores::SettingsOf(std::string_view connector) const {
  auto it = std::find_if(specs_.begin(), specs_.end(),
                         [connector](const BuiltinSpec& s) { return s.name == connector; });
  return it == specs_.end() ? core::ConnectorSettings{} : it->settings;
}

bool SharedStores::Enabled(std::string_view connector) const {
  return std::any_of(specs_.begin(), specs_.end(),
                     [connector](const BuiltinSpec& s) { return s.name == connector; });
}

}  // namespace ndxp::connectors
