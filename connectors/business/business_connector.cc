#include "connectors/business/business_connector.h"

#include "connectors/business/business_handlers.h"
#include "connectors/business/enterprise_view.h"
#include "connectors/common/admin_units.h"
#include "connectors/common/enterprise_code.h"
#include "connectors/common/personal_id.h"
#include "connectors/common/sampling.h"
#include "connectors/common/typed_handler.h"

namespace ndxp::connectors::business {
namespace {

namespace pb = ::ndxp::business::v1;

// A well-formed enterprise code that is never generated: prefix 99 is not issued by any province.
std::string UnknownEnterpriseCode() {
  for (std::uint32_t sequence = 1'234'567;; ++sequence) {
    if (auto code = MakeEnterpriseCode(99, sequence)) return FormatEnterpriseCode(*code);
  }
}

std::string Quoted(std::string_view field, std::string_view value) {
  return std::string(field) + ": \"" + std::string(value) + "\"";
}

}  // namespace

BusinessConnector::BusinessConnector(std::shared_ptr<const EnterpriseStore> store)
    : store_(std::move(store)) {}

const google::protobuf::ServiceDescriptor& BusinessConnector::ServiceDescriptor() {
  return *pb::GetEnterpriseRequest::descriptor()->file()->FindServiceByName(
      "BusinessRegistryService");
}

const google::protobuf::ServiceDescriptor& BusinessConnector::service() const { return ServiceDescriptor(); }

std::vector<core::MethodHandler> BusinessConnector::Handlers() {
  const auto& svc = service();
  auto handler = [&svc](const char* method) { return HandlerOf(svc, method); };
  std::vector<core::MethodHandler> handlers;
  handlers.push_back(handler("GetEnterprise"));
  handlers.back().unary = StoreUnary<&GetEnterprise>(store_);
  handlers.push_back(handler("VerifyEnterprise"));
  handlers.back().unary = StoreUnary<&VerifyEnterprise>(store_);
  handlers.push_back(handler("ListEnterprises"));
  handlers.back().unary = StoreUnary<&ListEnterprises>(store_);
  handlers.push_back(handler("StreamEnterprises"));
  handlers.back().server_stream = MakeServerStream<pb::StreamEnterprisesRequest>(
      [store = store_](const core::CallContext&, const pb::StreamEnterprisesRequest& req) {
        return StreamEnterprises(store, req);
      });
  handlers.push_back(handler("GetRegistrationDossierStatus"));
  handlers.back().unary = StoreUnary<&GetRegistrationDossierStatus>(store_);
  return handlers;
}

std::vector<core::SampleKind> BusinessConnector::SampleKinds() const {
  return {{"enterprise_code", "10-digit enterprise (tax) code", "GetEnterprise", "enterprise_code"},
          {"dossier_id", "registration dossier id DKKD-PP-YYYY-NNNNNN",
           "GetRegistrationDossierStatus", "dossier_id"}};
}

std::vector<std::string> BusinessConnector::SampleIds(std::string_view kind,
                                                      std::size_t count) const {
  std::vector<std::string> ids;
  if (kind == "enterprise_code") {
    const auto enterprises = store_->enterprises();
    for (std::size_t pos : SpreadPositions(enterprises.size(), count)) {
      ids.push_back(FormatEnterpriseCode(enterprises[pos].code));
    }
  } else if (kind == "dossier_id") {
    const auto dossiers = store_->dossiers();
    for (std::size_t pos : SpreadPositions(dossiers.size(), count)) {
      ids.push_back(DossierId(dossiers[pos]));
    }
  }
  return ids;
}

std::vector<core::MethodExample> BusinessConnector::Examples() const {
  const auto enterprises = store_->enterprises();
  const Enterprise& sample = enterprises[enterprises.size() / 2];
  const std::string code = FormatEnterpriseCode(sample.code);
  const std::string unknown = UnknownEnterpriseCode();
  const auto& units = AdminUnits::Get();
  const std::string_view province =
      units.provinces()[units.communes()[sample.commune].province].code_text;

  pb::VerifyEnterpriseRequest verify;
  verify.set_enterprise_code(code);
  verify.set_name(CompanyNameText(sample));
  verify.set_legal_representative_personal_id(
      FormatPersonalId(store_->population().citizens()[sample.representative].id));
  ToProto(FromDays(sample.registration_day), verify.mutable_registration_date());
  pb::VerifyEnterpriseRequest verify_malformed = verify;
  verify_malformed.set_enterprise_code("01001091");
  pb::VerifyEnterpriseRequest verify_unknown = verify;
  verify_unknown.set_enterprise_code(unknown);

  pb::ListEnterprisesRequest list;
  list.set_province_code(std::string(province));
  list.set_page_size(10);
  pb::StreamEnterprisesRequest stream;
  stream.set_province_code(std::string(province));
  ToProto({FromDays(sample.registration_day).year, 1, 1}, stream.mutable_registered_since());

  const Dossier& dossier = store_->dossiers()[store_->dossiers().size() / 2];
  return {
      {"GetEnterprise", Quoted("enterprise_code", code), Quoted("enterprise_code", "0100109107"),
       Quoted("enterprise_code", unknown)},
      {"VerifyEnterprise", ToTextFormat(verify), ToTextFormat(verify_malformed),
       ToTextFormat(verify_unknown)},
      {"ListEnterprises", ToTextFormat(list), Quoted("province_code", "7"), ""},
      {"StreamEnterprises", ToTextFormat(stream), Quoted("province_code", "00"), ""},
      {"GetRegistrationDossierStatus", Quoted("dossier_id", DossierId(dossier)),
       Quoted("dossier_id", "DKKD-79-2025-12"), Quoted("dossier_id", "DKKD-79-2025-999999")},
  };
}

}  // namespace ndxp::connectors::business
