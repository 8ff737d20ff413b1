#include "connectors/budget/budget_connector.h"

#include "connectors/budget/budget_handlers.h"
#include "connectors/budget/budget_view.h"
#include "connectors/common/admin_units.h"
#include "connectors/common/budget_unit_code.h"
#include "connectors/common/enterprise_code.h"
#include "connectors/common/sampling.h"
#include "connectors/common/typed_handler.h"
#include "ndxp/budget/v1/budget.pb.h"

namespace ndxp::connectors::budget {
namespace {

namespace pb = ::ndxp::budget::v1;

std::string Quoted(std::string_view field, std::string_view value) {
  return std::string(field) + ": \"" + std::string(value) + "\"";
}

// A code never issued: the last counter of kind 1 lies beyond the generated register
// (kLiveCounterBase) and beyond what the desk's bound lets it issue.
std::string UnknownCode(const BudgetStore& store) {
  return FormatBudgetUnitCode(store.CodeFor(1, BudgetStore::kSequences - 1));
}

}  // namespace

BudgetConnector::BudgetConnector(std::shared_ptr<const BudgetStore> store,
                                 std::function<absl::Time()> clock)
    : store_(std::move(store)), desk_(std::make_shared<DossierDesk>(store_, std::move(clock))) {}

const google::protobuf::ServiceDescriptor& BudgetConnector::ServiceDescriptor() {
  return *pb::GetBudgetUnitRequest::descriptor()->file()->FindServiceByName("BudgetUnitService");
}

const google::protobuf::ServiceDescriptor& BudgetConnector::service() const {
  return ServiceDescriptor();
}

std::vector<core::MethodHandler> BudgetConnector::Handlers() {
  const auto& svc = service();
  auto handler = [&svc](const char* method) {
    core::MethodHandler h;
    h.method = svc.FindMethodByName(method);
    return h;
  };
  std::vector<core::MethodHandler> handlers;
  handlers.push_back(handler("GetBudgetUnit"));
  handlers.back().unary = MakeUnary<pb::GetBudgetUnitRequest, pb::GetBudgetUnitResponse>(
      [store = store_, desk = desk_](const core::CallContext&, const pb::GetBudgetUnitRequest& req,
                                     pb::GetBudgetUnitResponse& resp) {
        return GetBudgetUnit(*store, *desk, req, resp);
      });
  handlers.push_back(handler("SubmitCodeRequest"));
  handlers.back().unary = MakeUnary<pb::SubmitCodeRequestRequest, pb::SubmitCodeRequestResponse>(
      [store = store_, desk = desk_](const core::CallContext&,
                                     const pb::SubmitCodeRequestRequest& req,
                                     pb::SubmitCodeRequestResponse& resp) {
        return SubmitCodeRequest(*store, *desk, req, resp);
      });
  handlers.push_back(handler("GetDossierStatus"));
  handlers.back().unary = MakeUnary<pb::GetDossierStatusRequest, pb::GetDossierStatusResponse>(
      [store = store_, desk = desk_](const core::CallContext&,
                                     const pb::GetDossierStatusRequest& req,
                                     pb::GetDossierStatusResponse& resp) {
        return GetDossierStatus(*store, *desk, req, resp);
      });
  return handlers;
}

std::vector<core::SampleKind> BudgetConnector::SampleKinds() const {
  return {{"budget_unit_code", "7-digit budget-relationship unit code with its check digit",
           "GetBudgetUnit", "budget_unit_code"},
          {"enterprise_code", "10-digit enterprise code of a public enterprise with a budget code",
           "GetBudgetUnit", "enterprise_code"},
          {"dossier_id", "code-request dossier id MSNS-PP-YYYY-NNNNNN", "GetDossierStatus",
           "dossier_id"}};
}

std::vector<std::string> BudgetConnector::SampleIds(std::string_view kind,
                                                    std::size_t count) const {
  std::vector<std::string> ids;
  const BudgetStore& store = *store_;
  if (kind == "budget_unit_code") {
    for (std::size_t pos : SpreadPositions(store.units().size(), count)) {
      ids.push_back(FormatBudgetUnitCode(store.units()[pos].code));
    }
  } else if (kind == "enterprise_code") {
    const auto list = store.enterprise_units();
    for (std::size_t pos : SpreadPositions(list.size(), count)) {
      const BudgetUnit& u = store.units()[list[pos]];
      ids.push_back(FormatEnterpriseCode(store.enterprises().enterprises()[u.enterprise].code));
    }
  } else if (kind == "dossier_id") {
    for (std::size_t pos : SpreadPositions(store.dossiers().size(), count)) {
      ids.push_back(DossierId(store.dossiers()[pos].key));
    }
  }
  return ids;
}

std::vector<core::MethodExample> BudgetConnector::Examples() const {
  const BudgetStore& store = *store_;
  const AdminUnits& units = AdminUnits::Get();
  const BudgetUnit& sample = store.units()[store.units().size() / 2];
  const std::string code = FormatBudgetUnitCode(sample.code);
  std::string wrong_check = code;
  wrong_check[6] = static_cast<char>('0' + (code[6] - '0' + 1) % 10);
  const std::string unknown = UnknownCode(store);

  // A primary school for the commune of a People's Committee, governed by it.
  const BudgetUnit* committee = &store.units()[0];
  for (const BudgetUnit& u : store.units()) {
    if (u.name == Template::kCommuneCommittee && u.status == pb::UNIT_STATUS_ACTIVE) {
      committee = &u;
      break;
    }
  }
  const Commune& commune = units.communes()[committee->commune];
  pb::SubmitCodeRequestRequest submit;
  submit.set_request_id("example-school-1");
  submit.set_province_code(std::string(units.provinces()[commune.province].code_text));
  submit.set_kind(pb::UNIT_KIND_BUDGET_USING);
  submit.set_unit_name("Trường Tiểu học Lê Quý Đôn");
  submit.set_commune_code(std::string(commune.code_text));
  submit.set_governing_unit_code(FormatBudgetUnitCode(committee->code));
  pb::SubmitCodeRequestRequest malformed = submit;
  malformed.set_request_id("example-school-malformed");
  malformed.set_commune_code("1234");
  pb::SubmitCodeRequestRequest absent = submit;
  absent.set_request_id("example-school-unknown");
  absent.set_governing_unit_code(unknown);

  const HistoricalDossier& dossier = store.dossiers()[store.dossiers().size() / 2];
  return {
      {"GetBudgetUnit", Quoted("budget_unit_code", code), Quoted("budget_unit_code", wrong_check),
       Quoted("budget_unit_code", unknown)},
      {"SubmitCodeRequest", ToTextFormat(submit), ToTextFormat(malformed), ToTextFormat(absent)},
      {"GetDossierStatus", Quoted("dossier_id", DossierId(dossier.key)),
       Quoted("dossier_id", "MSNS-79-2025-12"), Quoted("dossier_id", "MSNS-79-2025-999999")},
  };
}

}  // namespace ndxp::connectors::budget
