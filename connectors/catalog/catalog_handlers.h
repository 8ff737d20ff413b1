#pragma once
// The handlers of CatalogService, as plain functions. The data is embedded reference data; the
// page-token codec is keyed from the connector's seed.

#include <absl/status/status.h>

#include "connectors/common/paging.h"
#include "ndxp/catalog/v1/catalog.pb.h"

namespace ndxp::connectors::catalog {

absl::Status ListCatalogs(const PageTokenCodec& codec,
                          const ::ndxp::catalog::v1::ListCatalogsRequest& request,
                          ::ndxp::catalog::v1::ListCatalogsResponse& response);
absl::Status GetCatalog(const PageTokenCodec& codec,
                        const ::ndxp::catalog::v1::GetCatalogRequest& request,
                        ::ndxp::catalog::v1::GetCatalogResponse& response);
absl::Status GetAdministrativeUnit(const ::ndxp::catalog::v1::GetAdministrativeUnitRequest& request,
                                   ::ndxp::catalog::v1::GetAdministrativeUnitResponse& response);
absl::Status ResolveAdministrativeUnit(
    const ::ndxp::catalog::v1::ResolveAdministrativeUnitRequest& request,
    ::ndxp::catalog::v1::ResolveAdministrativeUnitResponse& response);

// The day a request's as_of_date names (unset: the snapshot date), or INVALID_ARGUMENT on
// `field` saying what is wrong with it.
absl::StatusOr<std::int32_t> AsOfDay(const google::type::Date& date, std::string_view field);

}  // namespace ndxp::connectors::catalog
