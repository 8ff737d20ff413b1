#include "connectors/budget/budget_generator.h"

#include <algorithm>

#include "connectors/common/admin_units.h"
#include "connectors/common/dates.h"
#include "ndxp/budget/v1/budget.pb.h"
#include "ndxp/business/v1/business.pb.h"

namespace ndxp::connectors::budget {
namespace {

namespace pb = ::ndxp::budget::v1;

constexpr std::uint32_t kUninhabitedCommune = 20333;  // Đặc khu Hoàng Sa
constexpr int kOpen = 8 * 60, kClose = 17 * 60;       // office hours
// Departments re-formed by the merger of March 2025 (Nội vụ, Xây dựng, Nông nghiệp và Môi
// trường): their codes date from then.
constexpr bool kMerged2025[] = {false, true, false, false, false, true, true, false, false, false};
constexpr int kHealth = 3;  // Sở Y tế

int KindDigit(std::uint8_t kind) {
  switch (kind) {
    case pb::UNIT_KIND_BUDGET_USING:
      return 1;
    case pb::UNIT_KIND_OTHER:
      return 2;
    case pb::UNIT_KIND_ADMINISTRATIVE_BUDGET:
      return 3;
    case pb::UNIT_KIND_INVESTMENT_PREPARATION:
      return 7;
    default:
      return 8;
  }
}

Template Plus(Template t, int i) { return static_cast<Template>(static_cast<int>(t) + i); }

std::uint16_t SeatOf(std::uint16_t province) {
  const AdminUnits& units = AdminUnits::Get();
  for (std::uint16_t c : units.provinces()[province].communes) {
    if (units.communes()[c].kind == CommuneKind::kWard) return c;
  }
  return units.provinces()[province].communes.front();
}

std::int32_t LastDay() { return AddWorkingDays(ToDays(kSnapshotDate), -1); }

}  // namespace

BudgetGenerator::BudgetGenerator(std::uint64_t seed, std::uint64_t scale, BudgetStore& store)
    : scale_(scale), rng_(Mix(seed, 0x4275646765745530ULL)), store_(store) {}

absl::Status BudgetGenerator::Run() {
  const AdminUnits& units = AdminUnits::Get();
  province_budget_.assign(units.provinces().size(), kNone);
  project_board_.assign(units.provinces().size(), kNone);
  committee_.assign(units.communes().size(), kNone);
  for (std::uint16_t p = 0; p < units.provinces().size(); ++p) AddProvince(p);
  AddEnterprises();
  AddProjects();
  if (exhausted_) return absl::ResourceExhaustedError("budget unit codes of a kind exhausted");
  store_.units_.shrink_to_fit();
  store_.BuildIndexes();
  AddDossiers();
  store_.dossiers_.shrink_to_fit();
  return absl::OkStatus();
}

std::uint32_t BudgetGenerator::Add(BudgetUnit unit) {
  const int digit = KindDigit(unit.kind);
  const std::uint32_t counter = counters_[digit]++;
  if (counter >= BudgetStore::kLiveCounterBase) exhausted_ = true;
  unit.code = store_.CodeFor(digit, counter);
  // A unit is coded after the unit it answers to.
  if (unit.governing != kNone) {
    unit.issue_day = std::max(unit.issue_day, store_.units_[unit.governing].issue_day);
  }
  unit.issue_day = AddWorkingDays(unit.issue_day, 0);
  if (unit.issue_day > LastDay()) unit.issue_day = LastDay();
  if (unit.status == 0) unit.status = pb::UNIT_STATUS_ACTIVE;
  store_.units_.push_back(unit);
  return static_cast<std::uint32_t>(store_.units_.size() - 1);
}

void BudgetGenerator::AddProvince(std::uint16_t province) {
  const std::uint16_t seat = SeatOf(province);
  BudgetUnit u;
  u.commune = seat;
  u.level = pb::BUDGET_LEVEL_PROVINCE;
  u.kind = pb::UNIT_KIND_ADMINISTRATIVE_BUDGET;
  u.name = Template::kProvinceBudget;
  u.issue_day = DayBetween({2016, 1, 4}, {2016, 3, 31});
  const std::uint32_t budget = Add(u);
  province_budget_[province] = budget;
  u.kind = pb::UNIT_KIND_BUDGET_USING;
  u.governing = budget;
  u.name = Template::kProvinceOffice;
  u.issue_day = DayBetween({2016, 1, 4}, {2016, 6, 30});
  Add(u);
  std::uint32_t health = kNone;
  for (int d = 0; d <= static_cast<int>(Template::kDepartmentLast) -
                           static_cast<int>(Template::kDepartmentFirst);
       ++d) {
    u.name = Plus(Template::kDepartmentFirst, d);
    u.issue_day = kMerged2025[d] ? DayBetween({2025, 3, 3}, {2025, 3, 14})
                                 : DayBetween({2016, 1, 4}, {2017, 12, 29});
    const std::uint32_t index = Add(u);
    if (d == kHealth) health = index;
  }
  u.name = Template::kProvinceHospital;
  u.governing = health;
  u.issue_day = DayBetween({2016, 1, 4}, {2017, 12, 29});
  Add(u);
  u.name = Template::kProjectBoard;  // the investor of the province's projects
  u.governing = budget;
  u.issue_day = DayBetween({2016, 1, 4}, {2017, 12, 29});
  project_board_[province] = Add(u);
  for (std::uint16_t c : AdminUnits::Get().provinces()[province].communes) AddCommune(c, budget);
}

// Coded with the new communes: the budgets in the fortnight before 1 July 2025, the units just
// after.
void BudgetGenerator::AddCommune(std::uint16_t commune, std::uint32_t province_budget) {
  BudgetUnit u;
  u.commune = commune;
  u.level = pb::BUDGET_LEVEL_COMMUNE;
  u.kind = pb::UNIT_KIND_ADMINISTRATIVE_BUDGET;
  u.name = Template::kCommuneBudget;
  u.governing = province_budget;
  u.issue_day = DayBetween({2025, 6, 16}, {2025, 6, 30});
  const std::uint32_t budget = Add(u);
  u.kind = pb::UNIT_KIND_BUDGET_USING;
  u.governing = budget;
  u.name = Template::kCommuneCommittee;
  u.issue_day = DayBetween({2025, 7, 1}, {2025, 7, 4});
  const std::uint32_t committee = Add(u);
  committee_[commune] = committee;
  if (AdminUnits::Get().communes()[commune].code == kUninhabitedCommune) return;
  u.governing = committee;
  for (Template t : {Template::kPreschool, Template::kPrimarySchool, Template::kLowerSecondary,
                     Template::kHealthStation}) {
    u.name = t;
    u.issue_day = DayBetween({2025, 7, 1}, {2025, 7, 31});
    Add(u);
  }
}

// Public enterprises: single-member LLCs and joint-stock companies registered before 2016 whose
// keyed hash falls in the lowest 2.5%, and at least the kMinPublic eligible ones of lowest hash
// (so that a small register has some).
void BudgetGenerator::AddEnterprises() {
  namespace bpb = ::ndxp::business::v1;
  constexpr std::size_t kMinPublic = 20;
  const AdminUnits& units = AdminUnits::Get();
  const auto& enterprises = store_.enterprises();
  const std::int32_t cutoff = ToDays({2016, 1, 1});
  const std::uint64_t key = Mix(store_.seed(), 0x5075626C6963ULL);
  std::vector<std::pair<std::uint64_t, std::uint32_t>> eligible;  // (hash, enterprise index)
  std::vector<std::uint32_t> chosen;
  for (const business::Enterprise& e : enterprises.enterprises()) {
    const bool form = e.legal_form == bpb::LEGAL_FORM_SINGLE_MEMBER_LLC ||
                      e.legal_form == bpb::LEGAL_FORM_JOINT_STOCK;
    if (!form || e.registration_day >= cutoff) continue;
    const std::uint64_t hash = Mix(key, e.code);
    eligible.emplace_back(hash, enterprises.IndexOf(e));
    if (hash % 1000 < 25) chosen.push_back(enterprises.IndexOf(e));
  }
  if (chosen.size() < kMinPublic) {
    std::sort(eligible.begin(), eligible.end());
    chosen.clear();
    for (std::size_t i = 0; i < std::min(kMinPublic, eligible.size()); ++i) {
      chosen.push_back(eligible[i].second);
    }
    std::sort(chosen.begin(), chosen.end());
  }
  for (std::uint32_t index : chosen) {
    if (counters_[2] >= BudgetStore::kLiveCounterBase) break;
    const business::Enterprise& e = enterprises.enterprises()[index];
    BudgetUnit u;
    u.commune = e.commune;
    u.level = pb::BUDGET_LEVEL_PROVINCE;
    u.kind = pb::UNIT_KIND_OTHER;
    u.name = Template::kEnterprise;
    u.enterprise = index;
    u.governing = province_budget_[units.communes()[e.commune].province];
    const CivilDate from = FromDays(std::max(e.registration_day, ToDays({2016, 1, 4})));
    u.issue_day = DayBetween(from, {2024, 12, 31});
    const bool closed =
        e.status == bpb::OPERATING_STATUS_DISSOLVED || e.status == bpb::OPERATING_STATUS_DISSOLVING;
    u.status = closed ? pb::UNIT_STATUS_CLOSED : pb::UNIT_STATUS_ACTIVE;
    Add(u);
  }
}

void BudgetGenerator::AddProjects() {
  const AdminUnits& units = AdminUnits::Get();
  const int templates =
      static_cast<int>(Template::kProjectLast) - static_cast<int>(Template::kProjectFirst) + 1;
  for (std::uint64_t i = 0; i < scale_; ++i) {
    std::uint16_t commune = 0;
    do {
      commune = static_cast<std::uint16_t>(rng_.Uniform(units.communes().size()));
    } while (units.communes()[commune].code == kUninhabitedCommune);
    BudgetUnit u;
    u.commune = commune;
    const bool implementation = rng_.Chance(600);
    u.kind = implementation ? pb::UNIT_KIND_INVESTMENT_IMPLEMENTATION
                            : pb::UNIT_KIND_INVESTMENT_PREPARATION;
    u.name = Plus(Template::kProjectFirst, static_cast<int>(rng_.Uniform(templates)));
    const bool provincial = rng_.Chance(400);
    u.level = provincial ? pb::BUDGET_LEVEL_PROVINCE : pb::BUDGET_LEVEL_COMMUNE;
    u.governing =
        provincial ? project_board_[units.communes()[commune].province] : committee_[commune];
    // A commune's projects start after the commune itself (1 July 2025); provincial ones earlier.
    u.issue_day = provincial ? DayBetween({2021, 1, 4}, {2025, 11, 28})
                             : DayBetween({2025, 7, 7}, {2025, 11, 28});
    if (implementation && u.issue_day < ToDays({2023, 1, 1}) && rng_.Chance(400)) {
      u.status = pb::UNIT_STATUS_CLOSED;  // completed and settled
    }
    Add(u);
  }
}

std::int32_t BudgetGenerator::DayBetween(CivilDate first, CivilDate last) {
  const std::int32_t a = ToDays(first), b = std::max(a, ToDays(last));
  return a + static_cast<std::int32_t>(rng_.Uniform(static_cast<std::uint64_t>(b - a) + 1));
}

// One dossier per code issued since 2021 (received one or two working days before the issue),
// and refused applications for units that already had a code; numbered per province and year of
// receipt, in order of receipt, with gaps.
void BudgetGenerator::AddDossiers() {
  const std::int32_t first = ToDays({2021, 1, 4});
  std::vector<DossierDraft> drafts;
  for (std::uint32_t i = 0; i < store_.units_.size(); ++i) {
    const BudgetUnit& u = store_.units_[i];
    if (u.issue_day < first) continue;
    drafts.push_back(DraftFor(i, u.issue_day, false));
    // About one unit in forty applied again later and was refused.
    if (rng_.Chance(25)) {
      const std::int32_t later =
          AddWorkingDays(u.issue_day + 30 + static_cast<std::int32_t>(rng_.Uniform(120)), 0);
      if (later <= LastDay()) drafts.push_back(DraftFor(i, later, true));
    }
  }
  std::sort(drafts.begin(), drafts.end(), [](const DossierDraft& a, const DossierDraft& b) {
    if (a.province != b.province) return a.province < b.province;
    if (a.d.received_minute != b.d.received_minute) {
      return a.d.received_minute < b.d.received_minute;
    }
    if (a.d.unit != b.d.unit) return a.d.unit < b.d.unit;
    return a.d.rejected < b.d.rejected;
  });
  Number(drafts);
  std::sort(store_.dossiers_.begin(), store_.dossiers_.end(),
            [](const HistoricalDossier& a, const HistoricalDossier& b) { return a.key < b.key; });
}

// A dossier decided on `decided_day` in office hours, received one or two working days before.
BudgetGenerator::DossierDraft BudgetGenerator::DraftFor(std::uint32_t unit,
                                                        std::int32_t decided_day, bool rejected) {
  const AdminUnits& units = AdminUnits::Get();
  const BudgetUnit& u = store_.units_[unit];
  DossierDraft draft;
  draft.province = units.provinces()[units.communes()[u.commune].province].code;
  const std::int32_t received_day =
      AddWorkingDays(decided_day, -1 - static_cast<int>(rng_.Uniform(2)));
  const int received_at = kOpen + static_cast<int>(rng_.Uniform(kClose - kOpen - 60));
  draft.d.unit = unit;
  draft.d.rejected = rejected;
  draft.d.received_minute = std::int64_t{received_day} * 1440 + received_at;
  draft.d.processing_after = 20 + static_cast<std::int32_t>(rng_.Uniform(200));
  const std::int64_t decided = std::int64_t{decided_day} * 1440 + kOpen + 60 +
                               static_cast<std::int64_t>(rng_.Uniform(7 * 60));
  draft.d.decided_after = static_cast<std::int32_t>(
      std::max<std::int64_t>(decided - draft.d.received_minute, draft.d.processing_after + 30));
  draft.d.due_day = AddWorkingDays(received_day, 3);
  return draft;
}

// Sequences per (province, year) in the drafts' order, one to three apart.
void BudgetGenerator::Number(std::vector<DossierDraft>& drafts) {
  int province = -1, year = 0;
  std::uint32_t sequence = 0;
  for (DossierDraft& draft : drafts) {
    const int y = FromDays(static_cast<std::int32_t>(draft.d.received_minute / 1440)).year;
    if (draft.province != province || y != year) {
      province = draft.province;
      year = y;
      sequence = 0;
    }
    sequence += 1 + static_cast<std::uint32_t>(rng_.Uniform(3));
    draft.d.key = DossierKey(province, year, std::min<std::uint32_t>(sequence, 999'999));
    store_.dossiers_.push_back(draft.d);
  }
}

}  // namespace ndxp::connectors::budget
