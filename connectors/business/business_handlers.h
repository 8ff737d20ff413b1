#pragma once
// The handlers of BusinessRegistryService, as plain functions over a store.

#include <absl/status/status.h>
#include <absl/status/statusor.h>

#include <memory>

#include "connectors/business/enterprise_store.h"
#include "gateway/core/connector.h"
#include "ndxp/business/v1/business.pb.h"

namespace ndxp::connectors::business {

absl::Status GetEnterprise(const EnterpriseStore& store,
                           const ::ndxp::business::v1::GetEnterpriseRequest& request,
                           ::ndxp::business::v1::GetEnterpriseResponse& response);
absl::Status VerifyEnterprise(const EnterpriseStore& store,
                              const ::ndxp::business::v1::VerifyEnterpriseRequest& request,
                              ::ndxp::business::v1::VerifyEnterpriseResponse& response);
absl::Status ListEnterprises(const EnterpriseStore& store,
                             const ::ndxp::business::v1::ListEnterprisesRequest& request,
                             ::ndxp::business::v1::ListEnterprisesResponse& response);
absl::Status GetRegistrationDossierStatus(
    const EnterpriseStore& store,
    const ::ndxp::business::v1::GetRegistrationDossierStatusRequest& request,
    ::ndxp::business::v1::GetRegistrationDossierStatusResponse& response);

// StreamEnterprises: validates the filter at once, then yields one enterprise per Next().
absl::StatusOr<std::unique_ptr<core::ResponseStream>> StreamEnterprises(
    std::shared_ptr<const EnterpriseStore> store,
    const ::ndxp::business::v1::StreamEnterprisesRequest& request);

}  // namespace ndxp::connectors::business
