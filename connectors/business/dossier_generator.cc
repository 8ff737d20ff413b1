#include "connectors/business/dossier_generator.h"

#include <algorithm>
#include <iterator>

#include "connectors/common/admin_units.h"
#include "connectors/common/dates.h"
#include "connectors/common/weighted.h"
#include "ndxp/business/v1/business.pb.h"

namespace ndxp::connectors::business {
namespace {

namespace pb = ::ndxp::business::v1;

enum Procedure : std::uint8_t {
  kFounding,
  kChange,
  kChangeNotice,
  kUnit,
  kSuspension,
  kDissolution
};
constexpr std::string_view kProcedures[] = {
    "Đăng ký thành lập doanh nghiệp",
    "Đăng ký thay đổi nội dung đăng ký doanh nghiệp",
    "Thông báo thay đổi nội dung đăng ký doanh nghiệp",
    "Đăng ký hoạt động chi nhánh, văn phòng đại diện",
    "Thông báo tạm ngừng kinh doanh",
    "Đăng ký giải thể doanh nghiệp",
};

enum Note : std::uint8_t {
  kNoNote,
  kReceivedOnline,
  kReceivedAtOffice,
  kAssigned,
  kCorrectionFirst,
  kCorrectionLast = kCorrectionFirst + 4,
  kIssued,
  kUpdated,
  kUnitIssued,
  kSuspended,
  kDissolved,
  kResubmitted,
  kRejectedFirst,
  kRejectedLast = kRejectedFirst + 2,
};
constexpr std::string_view kNotes[] = {
    "",
    "Tiếp nhận hồ sơ qua Cổng thông tin quốc gia về đăng ký doanh nghiệp",
    "Tiếp nhận hồ sơ trực tiếp tại Phòng Đăng ký kinh doanh",
    "Phân công chuyên viên thụ lý hồ sơ",
    "Đề nghị bổ sung bản sao giấy tờ pháp lý của cá nhân đối với người đại diện theo pháp luật",
    "Ngành, nghề kinh doanh chưa ghi theo mã ngành cấp bốn của Hệ thống ngành kinh tế Việt Nam",
    "Tên doanh nghiệp dễ gây nhầm lẫn với tên của doanh nghiệp đã đăng ký",
    "Địa chỉ trụ sở chưa ghi theo đơn vị hành chính cấp xã sau sắp xếp",
    "Thiếu danh sách thành viên hoặc cổ đông sáng lập",
    "Cấp Giấy chứng nhận đăng ký doanh nghiệp",
    "Cập nhật thông tin đăng ký doanh nghiệp",
    "Cấp Giấy chứng nhận đăng ký hoạt động chi nhánh, văn phòng đại diện",
    "Cập nhật tình trạng tạm ngừng kinh doanh",
    "Cập nhật tình trạng pháp lý: đã giải thể",
    "Tiếp nhận hồ sơ sửa đổi, bổ sung",
    "Từ chối: tên doanh nghiệp trùng với tên của doanh nghiệp đã đăng ký",
    "Từ chối: hồ sơ không được sửa đổi, bổ sung trong thời hạn",
    "Từ chối: ngành, nghề thuộc danh mục cấm đầu tư kinh doanh",
};
static_assert(std::size(kNotes) == kRejectedLast + 1);

constexpr int kOpen = 8 * 60, kClose = 17 * 60;  // office hours
const std::int32_t kFirstDossierDay = ToDays({2021, 1, 4});

std::int32_t LastDay() { return AddWorkingDays(ToDays(kSnapshotDate), -1); }

int ProvinceCodeOf(std::uint16_t commune) {
  const AdminUnits& units = AdminUnits::Get();
  return units.provinces()[units.communes()[commune].province].code;
}

}  // namespace

std::string_view DossierProcedure(std::uint8_t procedure) {
  return kProcedures[procedure % std::size(kProcedures)];
}
std::string_view DossierNote(std::uint8_t note) { return kNotes[note % std::size(kNotes)]; }

DossierGenerator::DossierGenerator(std::uint64_t seed, EnterpriseStore& store)
    : rng_(Mix(seed, 0x446F737369657273ULL)), store_(store) {}

absl::Status DossierGenerator::Run() {
  for (std::uint32_t i = 0; i < store_.enterprises_.size(); ++i) AddForEnterprise(i);
  AddApplications();
  return Number();
}

DossierGenerator::Draft DossierGenerator::NewDraft(int province_code, std::uint8_t procedure,
                                                   std::uint32_t enterprise,
                                                   std::uint16_t unit_suffix) {
  Draft draft;
  draft.province_code = province_code;
  draft.procedure = procedure;
  draft.enterprise = enterprise;
  draft.unit_suffix = unit_suffix;
  return draft;
}

void DossierGenerator::AddForEnterprise(std::uint32_t index) {
  const Enterprise& e = store_.enterprises_[index];
  const int province = ProvinceCodeOf(e.commune);
  if (e.registration_day >= kFirstDossierDay) {
    AddFinished(NewDraft(province, kFounding, index), e.registration_day, true, kIssued);
  }
  for (const DependentUnit& u : store_.UnitsOf(e)) {
    if (u.registration_day < kFirstDossierDay) continue;
    AddFinished(NewDraft(ProvinceCodeOf(u.commune), kUnit, index, u.suffix), u.registration_day,
                true, kUnitIssued);
  }
  AddChange(index, province);
  AddStatusChange(index, province);
}

// About one enterprise in five changed its registration since 2021; recent changes are open.
void DossierGenerator::AddChange(std::uint32_t index, int province) {
  const Enterprise& e = store_.enterprises_[index];
  const std::int32_t first = std::max(kFirstDossierDay, e.registration_day + 30);
  if (e.status == pb::OPERATING_STATUS_DISSOLVED || first >= LastDay() || !rng_.Chance(200)) return;
  Draft change = NewDraft(province, rng_.Chance(600) ? kChange : kChangeNotice, index);
  const std::int32_t day = DayBetween(first, LastDay());
  if (day > AddWorkingDays(LastDay(), -5)) {
    AddInProgress(std::move(change));
    return;
  }
  const bool approved = rng_.Chance(930);
  const auto refusal = static_cast<std::uint8_t>(kRejectedFirst + 1 + rng_.Uniform(2));
  AddFinished(std::move(change), day, approved, approved ? std::uint8_t{kUpdated} : refusal);
}

// Suspension and dissolution notices of enterprises in those states.
void DossierGenerator::AddStatusChange(std::uint32_t index, int province) {
  const Enterprise& e = store_.enterprises_[index];
  const std::int32_t settled = std::max(kFirstDossierDay, e.registration_day + 365);
  const bool in_window = settled < LastDay();
  if (e.status == pb::OPERATING_STATUS_SUSPENDED && in_window) {
    AddFinished(NewDraft(province, kSuspension, index), DayBetween(settled, LastDay()), true,
                kSuspended);
  } else if (e.status == pb::OPERATING_STATUS_DISSOLVED && in_window && rng_.Chance(500)) {
    AddFinished(NewDraft(province, kDissolution, index), DayBetween(settled, LastDay()), true,
                kDissolved);
  } else if (e.status == pb::OPERATING_STATUS_DISSOLVING && rng_.Chance(500)) {
    AddInProgress(NewDraft(province, kDissolution, index));
  }
}

// A working day in [first, last] (last a working day).
std::int32_t DossierGenerator::DayBetween(std::int32_t first, std::int32_t last) {
  const auto offset = rng_.Uniform(static_cast<std::uint64_t>(last - first) + 1);
  return std::min(last, AddWorkingDays(first + static_cast<std::int32_t>(offset), 0));
}

// Founding applications that produced no enterprise (yet): refused, or still in progress.
void DossierGenerator::AddApplications() {
  const std::size_t count = store_.enterprises_.size() / 100 + 3;
  for (std::size_t i = 0; i < count; ++i) {
    const Enterprise& like = store_.enterprises_[rng_.Uniform(store_.enterprises_.size())];
    Draft draft = NewDraft(ProvinceCodeOf(like.commune), kFounding);
    draft.code_known = false;
    if (rng_.Chance(500)) {
      AddInProgress(std::move(draft));
      continue;
    }
    const std::int32_t day = DayBetween(kFirstDossierDay, LastDay());
    const auto refusal = static_cast<std::uint8_t>(kRejectedFirst + rng_.Uniform(3));
    AddFinished(std::move(draft), day, false, refusal);
  }
}

void DossierGenerator::AddFinished(Draft draft, std::int32_t final_day, bool approved,
                                   std::uint8_t final_note) {
  static const WeightedTable kCorrections = {75, 20, 5};
  std::vector<Step> steps =
      PlanSteps(approved ? pb::DOSSIER_STATE_APPROVED : pb::DOSSIER_STATE_REJECTED,
                static_cast<int>(kCorrections.Pick(rng_)));
  steps.back().note = final_note;
  Place(draft, steps, final_day);
  drafts_.push_back(std::move(draft));
}

void DossierGenerator::AddInProgress(Draft draft) {
  static constexpr std::uint8_t kStates[] = {
      pb::DOSSIER_STATE_RECEIVED, pb::DOSSIER_STATE_PROCESSING, pb::DOSSIER_STATE_NEEDS_CORRECTION};
  const std::uint8_t state = kStates[rng_.Uniform(3)];
  const int corrections = state == pb::DOSSIER_STATE_NEEDS_CORRECTION ? 1 : 0;
  if (draft.procedure == kFounding) draft.code_known = false;
  Place(draft, PlanSteps(state, corrections),
        AddWorkingDays(LastDay(), -static_cast<int>(rng_.Uniform(4))));
  drafts_.push_back(std::move(draft));
}

// The steps of a history up to `last_state`: received, processing, `corrections` rounds of
// (returned for correction, resubmitted, processing), then the final state.
std::vector<DossierGenerator::Step> DossierGenerator::PlanSteps(std::uint8_t last_state,
                                                                int corrections) {
  std::vector<Step> steps;
  const auto later_today = [&](int lo, int hi, std::uint8_t state, std::uint8_t note) {
    const int minute = steps.back().minute + static_cast<int>(rng_.Between(lo, hi));
    if (minute < kClose) {
      steps.push_back({state, 0, minute, note});
    } else {
      steps.push_back({state, 1, kOpen + static_cast<int>(rng_.Uniform(120)), note});
    }
  };
  const auto some_day = [&](int lo, int hi, std::uint8_t state, std::uint8_t note) {
    steps.push_back({state, static_cast<int>(rng_.Between(lo, hi)),
                     kOpen + static_cast<int>(rng_.Uniform(480)), note});
  };
  steps.push_back({pb::DOSSIER_STATE_RECEIVED, 0, kOpen + static_cast<int>(rng_.Uniform(480)),
                   rng_.Chance(850) ? kReceivedOnline : kReceivedAtOffice});
  if (last_state == pb::DOSSIER_STATE_RECEIVED) return steps;
  later_today(15, 180, pb::DOSSIER_STATE_PROCESSING, kAssigned);
  for (int k = 0; k < corrections; ++k) {
    some_day(1, 2, pb::DOSSIER_STATE_NEEDS_CORRECTION,
             static_cast<std::uint8_t>(kCorrectionFirst + rng_.Uniform(5)));
    if (last_state == pb::DOSSIER_STATE_NEEDS_CORRECTION) return steps;
    some_day(1, 7, pb::DOSSIER_STATE_RECEIVED, kResubmitted);
    later_today(15, 180, pb::DOSSIER_STATE_PROCESSING, kAssigned);
  }
  if (last_state == pb::DOSSIER_STATE_PROCESSING) return steps;
  // Decided one to three working days after the (last) receipt.
  const int waited = steps.back().working_days;
  const int target = static_cast<int>(rng_.Between(1, 3));
  if (target > waited) {
    some_day(target - waited, target - waited, last_state, kNoNote);
  } else {
    later_today(30, 240, last_state, kNoNote);
  }
  return steps;
}

// Dates the steps so that the last one falls on `last_day` (a working day).
void DossierGenerator::Place(Draft& draft, const std::vector<Step>& steps, std::int32_t last_day) {
  int total = 0;
  for (const Step& s : steps) total += s.working_days;
  std::int32_t day = AddWorkingDays(last_day, -total);
  std::int32_t received_day = day;
  for (const Step& s : steps) {
    day = AddWorkingDays(day, s.working_days);
    if (s.state == pb::DOSSIER_STATE_RECEIVED) received_day = day;
    draft.events.push_back({std::int64_t{day} * 1440 + s.minute, s.state, s.note});
  }
  draft.due_day = AddWorkingDays(received_day, 3);
  draft.year = FromDays(static_cast<std::int32_t>(draft.events.front().local_minute / 1440)).year;
}

// Numbers dossiers per (province, year of receipt) in order of receipt, with gaps for the
// dossiers of procedures this register does not model.
absl::Status DossierGenerator::Number() {
  std::stable_sort(drafts_.begin(), drafts_.end(), [](const Draft& x, const Draft& y) {
    if (x.province_code != y.province_code) return x.province_code < y.province_code;
    if (x.year != y.year) return x.year < y.year;
    return x.events.front().local_minute < y.events.front().local_minute;
  });
  for (std::size_t begin = 0, end = 0; begin < drafts_.size(); begin = end) {
    end = begin + 1;
    while (end < drafts_.size() && drafts_[end].province_code == drafts_[begin].province_code &&
           drafts_[end].year == drafts_[begin].year) {
      ++end;
    }
    const std::uint64_t mean = std::clamp<std::uint64_t>(450'000 / (end - begin), 1, 20);
    std::uint64_t sequence = 1 + rng_.Uniform(mean);
    for (std::size_t i = begin; i < end; ++i) {
      if (sequence > 999'998) return absl::ResourceExhaustedError("dossier numbers exhausted");
      Commit(drafts_[i], static_cast<std::uint32_t>(sequence));
      sequence += 1 + rng_.Uniform(2 * mean - 1);
    }
  }
  drafts_.clear();
  return absl::OkStatus();
}

void DossierGenerator::Commit(const Draft& d, std::uint32_t sequence) {
  Dossier dossier;
  dossier.key = DossierKey(d.province_code, d.year, sequence);
  dossier.enterprise = d.enterprise;
  dossier.unit_suffix = d.unit_suffix;
  dossier.procedure = d.procedure;
  dossier.code_known = d.code_known && d.enterprise != kNoIndex;
  dossier.due_day = d.due_day;
  dossier.first_event = static_cast<std::uint32_t>(store_.events_.size());
  dossier.event_count = static_cast<std::uint8_t>(d.events.size());
  store_.events_.insert(store_.events_.end(), d.events.begin(), d.events.end());
  store_.dossiers_.push_back(dossier);
}

}  // namespace ndxp::connectors::business
