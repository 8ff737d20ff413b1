#pragma once
// The handlers of LandService, as plain functions over a store.

#include <absl/status/status.h>

#include "connectors/land/parcel_store.h"
#include "ndxp/land/v1/land.pb.h"

namespace ndxp::connectors::land {

absl::Status GetParcel(const ParcelStore& store, const ::ndxp::land::v1::GetParcelRequest& request,
                       ::ndxp::land::v1::GetParcelResponse& response);
absl::Status FindParcelsByCertificate(
    const ParcelStore& store, const ::ndxp::land::v1::FindParcelsByCertificateRequest& request,
    ::ndxp::land::v1::FindParcelsByCertificateResponse& response);
absl::Status GetLandUsePlan(const ParcelStore& store,
                            const ::ndxp::land::v1::GetLandUsePlanRequest& request,
                            ::ndxp::land::v1::GetLandUsePlanResponse& response);

}  // namespace ndxp::connectors::land
