#include "connectors/budget/dossier_desk.h"

#include "connectors/common/budget_unit_code.h"
#include "connectors/common/dates.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"
#include "ndxp/budget/v1/budget.pb.h"
#include "ndxp/business/v1/business.pb.h"

namespace ndxp::connectors::budget {
namespace {

namespace pb = ::ndxp::budget::v1;

int KindDigit(std::uint8_t kind) {
  constexpr int kDigits[] = {0, 1, 2, 3, 7, 8};
  return kind < 6 ? kDigits[kind] : 0;
}

bool SameContent(const CodeRequest& a, const CodeRequest& b) {
  return a.province_code == b.province_code && a.kind == b.kind && a.unit_name == b.unit_name &&
         a.commune == b.commune && a.governing == b.governing && a.enterprise == b.enterprise;
}

}  // namespace

std::int64_t LocalMinutes(absl::Time t) {
  const std::int64_t seconds = absl::ToUnixSeconds(t) + 7 * 3600;
  return seconds >= 0 ? seconds / 60 : (seconds - 59) / 60;
}

DossierDesk::DossierDesk(std::shared_ptr<const BudgetStore> store,
                         std::function<absl::Time()> clock)
    : store_(std::move(store)), clock_(std::move(clock)) {}

std::string DossierDesk::RefusalFor(const CodeRequest& request) const {
  namespace bpb = ::ndxp::business::v1;
  if (request.enterprise != kNone) {
    const auto& e = store_->enterprises().enterprises()[request.enterprise];
    if (const BudgetUnit* unit = store_->FindByEnterprise(e.code)) {
      return core::Cat("Doanh nghiệp đã được cấp mã số đơn vị có quan hệ với ngân sách ",
                       FormatBudgetUnitCode(unit->code));
    }
    if (auto it = by_enterprise_.find(request.enterprise); it != by_enterprise_.end()) {
      return core::Cat("Doanh nghiệp đã được cấp mã số đơn vị có quan hệ với ngân sách ",
                       FormatBudgetUnitCode(dossiers_[it->second].code));
    }
    if (e.status != bpb::OPERATING_STATUS_ACTIVE) {
      return "Doanh nghiệp không còn hoạt động theo Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp";
    }
  }
  if (request.governing != kNone &&
      store_->units()[request.governing].status == pb::UNIT_STATUS_CLOSED) {
    return "Đơn vị cấp trên đã đóng mã số";
  }
  return "";
}

absl::StatusOr<LiveDossier> DossierDesk::Submit(const CodeRequest& request) {
  const absl::Time now = clock_();
  absl::MutexLock lock(&mu_);
  if (auto it = by_request_.find(request.request_id); it != by_request_.end()) {
    const LiveDossier& existing = dossiers_[it->second];
    if (SameContent(existing.request, request)) return existing;
    return core::ErrorWithReason(absl::StatusCode::kAlreadyExists,
                                 core::Cat("request id ", request.request_id,
                                           " was already used for a different code request"),
                                 "REQUEST_ID_REUSED", {{"request_id", request.request_id}});
  }
  if (dossiers_.size() >= kMaxDossiers) {
    return core::ErrorWithReason(
        absl::StatusCode::kResourceExhausted,
        core::Cat("the register of received dossiers is full (", kMaxDossiers, " dossiers)"),
        "DOSSIER_REGISTER_FULL");
  }
  LiveDossier dossier;
  dossier.request = request;
  dossier.received = now;
  if (absl::Status s = Number(dossier); !s.ok()) return s;
  if (absl::Status s = Decide(dossier); !s.ok()) return s;
  const std::size_t index = dossiers_.size();
  dossiers_.push_back(dossier);
  by_request_.emplace(request.request_id, index);
  by_key_.emplace(dossier.key, index);
  if (dossier.code != 0) {
    by_code_.emplace(dossier.code, index);
    if (request.enterprise != kNone) by_enterprise_.emplace(request.enterprise, index);
  }
  return dossier;
}

// The next number of the province and year of receipt (Vietnam's date), after the historical
// dossiers; the due date.
absl::Status DossierDesk::Number(LiveDossier& dossier) {
  const std::int64_t minutes = LocalMinutes(dossier.received);
  const auto day =
      static_cast<std::int32_t>(minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440);
  const int year = FromDays(day).year;
  const int province = dossier.request.province_code;
  const std::uint32_t slot =
      static_cast<std::uint32_t>(province) * 10'000 + static_cast<std::uint32_t>(year);
  auto [seq, inserted] = sequences_.try_emplace(slot, 0);
  if (inserted) seq->second = store_->LastSequence(province, year);
  if (seq->second >= 999'999) {
    return core::ErrorWithReason(absl::StatusCode::kResourceExhausted,
                                 "dossier numbers of this province and year are exhausted",
                                 "DOSSIER_NUMBERS_EXHAUSTED");
  }
  dossier.key = DossierKey(province, year, ++seq->second);
  dossier.due_day = AddWorkingDays(day, 3);
  return absl::OkStatus();
}

// The outcome, fixed now: a refusal, or the next live code of the kind.
absl::Status DossierDesk::Decide(LiveDossier& dossier) {
  dossier.refusal = RefusalFor(dossier.request);
  if (!dossier.refusal.empty()) return absl::OkStatus();
  const int digit = KindDigit(dossier.request.kind);
  const std::uint32_t counter = BudgetStore::kLiveCounterBase + counters_[digit];
  if (counter >= BudgetStore::kSequences) {
    return core::ErrorWithReason(absl::StatusCode::kResourceExhausted,
                                 "no code of this kind is left to issue", "CODES_EXHAUSTED");
  }
  ++counters_[digit];
  dossier.code = store_->CodeFor(digit, counter);
  return absl::OkStatus();
}

std::optional<LiveDossier> DossierDesk::Find(std::uint64_t key) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return std::nullopt;
  return dossiers_[it->second];
}

std::optional<LiveDossier> DossierDesk::FindIssued(std::uint32_t code) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = by_code_.find(code);
  if (it == by_code_.end() || StateOf(dossiers_[it->second]) != LiveState::kDecided) {
    return std::nullopt;
  }
  return dossiers_[it->second];
}

std::optional<LiveDossier> DossierDesk::FindIssuedForEnterprise(std::uint32_t enterprise) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = by_enterprise_.find(enterprise);
  if (it == by_enterprise_.end() || StateOf(dossiers_[it->second]) != LiveState::kDecided) {
    return std::nullopt;
  }
  return dossiers_[it->second];
}

LiveState DossierDesk::StateOf(const LiveDossier& dossier) const {
  const absl::Duration elapsed = clock_() - dossier.received;
  if (elapsed >= kDecisionAfter) return LiveState::kDecided;
  if (elapsed >= kProcessingAfter) return LiveState::kProcessing;
  return LiveState::kReceived;
}

std::size_t DossierDesk::size() const {
  absl::ReaderMutexLock lock(&mu_);
  return dossiers_.size();
}

}  // namespace ndxp::connectors::budget
