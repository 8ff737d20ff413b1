#pragma once
// The code-request dossiers received through the gateway (SubmitCodeRequest), kept in memory with
// a bound (kMaxDossiers; a later issue persists dossier systems in SQLite). A dossier is numbered
// after the historical ones of its province and year, and moves through its states with time:
// RECEIVED at submission, PROCESSING after kProcessingAfter, then ISSUED (the code is visible to
// GetBudgetUnit from then) or REJECTED after kDecisionAfter (decision 0124: the office is
// simulated in minutes so that an integrator sees a dossier finish). The outcome and the code are
// fixed at submission. Submissions are serialised by a mutex; reads take it shared.

#include <absl/base/thread_annotations.h>
#include <absl/container/flat_hash_map.h>
#include <absl/status/statusor.h>
#include <absl/synchronization/mutex.h>
#include <absl/time/time.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "connectors/budget/budget_store.h"

namespace ndxp::connectors::budget {

// A validated code request.
struct CodeRequest {
  std::string request_id;
  int province_code = 0;
  std::uint8_t kind = 0;  // ndxp.budget.v1.UnitKind
  std::string unit_name;
  std::uint16_t commune = 0;
  std::uint32_t governing = kNone;   // unit index in the store
  std::uint32_t enterprise = kNone;  // enterprise index in the business store
};

struct LiveDossier {
  CodeRequest request;
  std::uint64_t key = 0;  // DossierKey
  absl::Time received;
  std::int32_t due_day = 0;
  std::uint32_t code = 0;  // the code issued; 0 when refused
  std::string refusal;     // why it is refused; empty when issued
};

enum class LiveState { kReceived, kProcessing, kDecided };

class DossierDesk {
 public:
  static constexpr std::size_t kMaxDossiers = 10'000;
  static constexpr absl::Duration kProcessingAfter = absl::Minutes(2);
  static constexpr absl::Duration kDecisionAfter = absl::Minutes(10);

  // `clock` gives the current time (absl::Now in the gateway; a fake one in tests).
  DossierDesk(std::shared_ptr<const BudgetStore> store, std::function<absl::Time()> clock);

  // Files a request: a new dossier, or the one filed before with the same request id and the
  // same content. ALREADY_EXISTS (reason REQUEST_ID_REUSED, naming the request id) when the id
  // was used with other content; RESOURCE_EXHAUSTED (DOSSIER_REGISTER_FULL) at the bound.
  absl::StatusOr<LiveDossier> Submit(const CodeRequest& request);

  std::optional<LiveDossier> Find(std::uint64_t key) const;
  // The dossier whose code is `code` or whose enterprise is `enterprise`, once issued.
  std::optional<LiveDossier> FindIssued(std::uint32_t code) const;
  std::optional<LiveDossier> FindIssuedForEnterprise(std::uint32_t enterprise) const;

  LiveState StateOf(const LiveDossier& dossier) const;
  absl::Time Now() const { return clock_(); }
  std::size_t size() const;

 private:
  // Why a request is refused ("" when a code is issued); `mu_` held.
  std::string RefusalFor(const CodeRequest& request) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  absl::Status Number(LiveDossier& dossier) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status Decide(LiveDossier& dossier) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  std::shared_ptr<const BudgetStore> store_;
  std::function<absl::Time()> clock_;
  mutable absl::Mutex mu_;
  std::vector<LiveDossier> dossiers_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, std::size_t> by_request_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::uint64_t, std::size_t> by_key_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::uint32_t, std::size_t> by_code_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::uint32_t, std::size_t> by_enterprise_ ABSL_GUARDED_BY(mu_);
  // Last sequence per province code * 10000 + year.
  absl::flat_hash_map<std::uint32_t, std::uint32_t> sequences_ ABSL_GUARDED_BY(mu_);
  std::uint32_t counters_[10] ABSL_GUARDED_BY(mu_) = {};
};

// Minutes since 1970-01-01 00:00 in Vietnam's time (UTC+7).
std::int64_t LocalMinutes(absl::Time t);

}  // namespace ndxp::connectors::budget
