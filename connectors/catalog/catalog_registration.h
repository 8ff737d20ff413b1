#pragma once
// The catalog connector's registration. Its data is reference data in connectors/common
// (catalogs.h, admin_units.h), which other connectors call directly: there is no shared store.

#include "connectors/common/shared_stores.h"

namespace ndxp::connectors::catalog {

BuiltinRegistration Registration();

}  // namespace ndxp::connectors::catalog
