#include "connectors/budget/budget_view.h"

#include <cstdio>

#include "connectors/common/admin_units.h"
#include "connectors/common/budget_unit_code.h"
#include "connectors/common/dates.h"
#include "connectors/common/enterprise_code.h"
#include "connectors/common/street_address.h"

namespace ndxp::connectors::budget {
namespace {

namespace pb = ::ndxp::budget::v1;

constexpr std::string_view kReceivedNote = "Tiếp nhận hồ sơ đăng ký mã số qua Cổng dịch vụ công";
constexpr std::string_view kProcessingNote = "Phân công chuyên viên thụ lý hồ sơ";
constexpr std::string_view kIssuedNote =
    "Cấp Giấy chứng nhận mã số đơn vị có quan hệ với ngân sách";

void AddEvent(pb::CodeDossier* out, pb::DossierState state, std::int64_t local_minute,
              std::string_view note) {
  pb::DossierEvent* event = out->add_history();
  event->set_state(state);
  event->set_time(FormatLocalTimestamp(local_minute));
  event->set_note(std::string(note));
  out->set_state(state);
}

std::string ProvinceCodeText(int code) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d", code % 100);
  return text;
}

void FillGoverning(const BudgetStore& store, std::uint32_t governing, pb::BudgetUnit* out) {
  if (governing == kNone) return;
  const BudgetUnit& g = store.units()[governing];
  out->set_governing_unit_code(FormatBudgetUnitCode(g.code));
  out->set_governing_unit_name(store.NameOf(g));
}

}  // namespace

std::string DossierId(std::uint64_t key) {
  char text[32];
  std::snprintf(
      text, sizeof text, "MSNS-%02u-%04u-%06u", static_cast<unsigned>(key / 10'000'000'000ULL),
      static_cast<unsigned>(key / 1'000'000 % 10'000), static_cast<unsigned>(key % 1'000'000));
  return text;
}

void FillBudgetUnit(const BudgetStore& store, const BudgetUnit& unit, pb::BudgetUnit* out) {
  out->set_budget_unit_code(FormatBudgetUnitCode(unit.code));
  out->set_name(store.NameOf(unit));
  out->set_kind(static_cast<pb::UnitKind>(unit.kind));
  out->set_level(static_cast<pb::BudgetLevel>(unit.level));
  connectors::FillUnit(unit.commune, out->mutable_unit());
  FillGoverning(store, unit.governing, out);
  if (unit.enterprise != kNone) {
    out->set_enterprise_code(
        FormatEnterpriseCode(store.enterprises().enterprises()[unit.enterprise].code));
  }
  ToProto(FromDays(unit.issue_day), out->mutable_issue_date());
  out->set_status(static_cast<pb::UnitStatus>(unit.status));
}

void FillIssuedUnit(const BudgetStore& store, const LiveDossier& dossier, pb::BudgetUnit* out) {
  const CodeRequest& r = dossier.request;
  out->set_budget_unit_code(FormatBudgetUnitCode(dossier.code));
  out->set_name(r.unit_name);
  out->set_kind(static_cast<pb::UnitKind>(r.kind));
  const bool commune_level =
      r.governing != kNone && store.units()[r.governing].level == pb::BUDGET_LEVEL_COMMUNE;
  out->set_level(commune_level ? pb::BUDGET_LEVEL_COMMUNE : pb::BUDGET_LEVEL_PROVINCE);
  connectors::FillUnit(r.commune, out->mutable_unit());
  FillGoverning(store, r.governing, out);
  if (r.enterprise != kNone) {
    out->set_enterprise_code(
        FormatEnterpriseCode(store.enterprises().enterprises()[r.enterprise].code));
  }
  const std::int64_t issued = LocalMinutes(dossier.received + DossierDesk::kDecisionAfter);
  ToProto(FromDays(static_cast<std::int32_t>(issued / 1440)), out->mutable_issue_date());
  out->set_status(pb::UNIT_STATUS_ACTIVE);
}

void FillDossier(const BudgetStore& store, const HistoricalDossier& d, pb::CodeDossier* out) {
  const BudgetUnit& unit = store.units()[d.unit];
  out->set_dossier_id(DossierId(d.key));
  out->set_province_code(ProvinceCodeText(static_cast<int>(d.key / 10'000'000'000ULL)));
  out->set_unit_name(store.NameOf(unit));
  out->set_kind(static_cast<pb::UnitKind>(unit.kind));
  AddEvent(out, pb::DOSSIER_STATE_RECEIVED, d.received_minute, kReceivedNote);
  AddEvent(out, pb::DOSSIER_STATE_PROCESSING, d.received_minute + d.processing_after,
           kProcessingNote);
  if (d.rejected) {
    AddEvent(out, pb::DOSSIER_STATE_REJECTED, d.received_minute + d.decided_after,
             "Từ chối: đơn vị đã được cấp mã số đơn vị có quan hệ với ngân sách " +
                 FormatBudgetUnitCode(unit.code));
  } else {
    AddEvent(out, pb::DOSSIER_STATE_ISSUED, d.received_minute + d.decided_after, kIssuedNote);
    out->set_budget_unit_code(FormatBudgetUnitCode(unit.code));
  }
  ToProto(FromDays(d.due_day), out->mutable_due_date());
}

void FillDossier(const BudgetStore&, const DossierDesk& desk, const LiveDossier& d,
                 pb::CodeDossier* out) {
  const CodeRequest& r = d.request;
  out->set_dossier_id(DossierId(d.key));
  out->set_request_id(r.request_id);
  out->set_province_code(ProvinceCodeText(r.province_code));
  out->set_unit_name(r.unit_name);
  out->set_kind(static_cast<pb::UnitKind>(r.kind));
  const std::int64_t received = LocalMinutes(d.received);
  AddEvent(out, pb::DOSSIER_STATE_RECEIVED, received, kReceivedNote);
  const LiveState state = desk.StateOf(d);
  if (state != LiveState::kReceived) {
    AddEvent(out, pb::DOSSIER_STATE_PROCESSING,
             LocalMinutes(d.received + DossierDesk::kProcessingAfter), kProcessingNote);
  }
  if (state == LiveState::kDecided) {
    const std::int64_t decided = LocalMinutes(d.received + DossierDesk::kDecisionAfter);
    if (d.refusal.empty()) {
      AddEvent(out, pb::DOSSIER_STATE_ISSUED, decided, kIssuedNote);
      out->set_budget_unit_code(FormatBudgetUnitCode(d.code));
    } else {
      AddEvent(out, pb::DOSSIER_STATE_REJECTED, decided, "Từ chối: " + d.refusal);
    }
  }
  ToProto(FromDays(d.due_day), out->mutable_due_date());
}

}  // namespace ndxp::connectors::budget
