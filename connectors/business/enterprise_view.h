#pragma once
// The store's compact records rendered as ndxp.business.v1 messages and text.

#include <string>

#include "connectors/business/enterprise_store.h"
#include "ndxp/business/v1/business.pb.h"

namespace ndxp::connectors::business {

// "Công ty TNHH Thương mại Dịch vụ Minh Phát"
std::string CompanyNameText(const Enterprise& e);
// "Chi nhánh Công ty Cổ phần Xây dựng Hoàng Long tại Thành phố Đà Nẵng"
std::string UnitNameText(const EnterpriseStore& store, const DependentUnit& u);
// "DKKD-79-2025-000123"
std::string DossierId(const Dossier& d);

void FillEnterprise(const EnterpriseStore& store, const Enterprise& e,
                    ::ndxp::business::v1::Enterprise* out);
void FillDependentUnit(const EnterpriseStore& store, const DependentUnit& u,
                       ::ndxp::business::v1::Enterprise* out);
void FillDossier(const EnterpriseStore& store, const Dossier& d,
                 ::ndxp::business::v1::RegistrationDossier* out);

}  // namespace ndxp::connectors::business
