#pragma once
// The audit stage: one record in the audit log for every admitted call to a method that reads
// personal data (core::Route::reads_personal_data), with who called, why (purpose, dossier,
// procedure), about whom (the request's audit_subject fields, as keyed hashes), the outcome and
// the latency. Decisions 0031 and 0032.
// - OnRequest takes a place in the audit queue; none left (or the log failed): UNAVAILABLE with
//   ErrorInfo AUDIT_BACKLOG_FULL (or AUDIT_LOG_FAILED), counted in
//   ndxp_gateway_audit_refusals_total{reason}.
// - OnRequestMessage hashes the subjects of every request message (the first also goes to
//   CallContext::subject_id); a stream's subjects beyond 64 go to a continuation record.
// - OnAnswer queues the call's record; strict: the answer waits (Pending) until it is synced,
//   batched: it goes at once.
// - OnEnd: an admitted call that ended without OnAnswer (cancelled, cut by its deadline, an
//   error before its target answered) gets its record here, with the code the caller saw; a
//   call refused by a later stage gives its place back.

#include <memory>
#include <string_view>
#include <vector>

#include "gateway/core/call.h"
#include "gateway/core/route_table.h"
#include "gateway/core/stage.h"
#include "gateway/metering/audit/audit_keys.h"
#include "gateway/metering/audit/audit_subjects.h"
#include "gateway/metering/audit/audit_writer.h"
#include "gateway/metrics/registry.h"

namespace ndxp::metering::audit {

class AuditStage final : public core::Stage {
 public:
  struct Refusals {
    metrics::Counter& backlog_full;
    metrics::Counter& log_failed;
  };
  AuditStage(const core::Route& route, SubjectFields subjects, AuditWriter& writer,
             const SubjectHasher& hasher, Refusals refusals);

  std::string_view name() const override { return "audit"; }
  core::Verdict OnRequest(core::Call& call) override;

  bool inspects_requests() const override { return !subjects_.empty(); }
  absl::Status OnRequestMessage(core::Call& call, const google::protobuf::Message& request) override;

  bool holds_answers() const override { return true; }
  bool HoldsAnswerOf(const core::Call& call) const override;
  core::Verdict OnAnswer(core::Call& call, absl::StatusCode code) override;

  void OnEnd(const core::Call& call, bool passed) override;

 private:
  std::unique_ptr<PendingRecord> MakeRecord(const core::CallContext& context,
                                            ndxp::gateway::v1::AuditRecordKind kind) const;

  const core::Route& route_;
  const SubjectFields subjects_;
  AuditWriter& writer_;
  const SubjectHasher& hasher_;
  Refusals refusals_;
};

// A stage for each route that reads personal data; none elsewhere. Logs a warning at start for
// each such route whose request marks no audit_subject field (its records have no subject).
class AuditStageFactory final : public core::StageFactory {
 public:
  AuditStageFactory(const core::RouteTable& routes, AuditWriter& writer,
                    const SubjectHasher& hasher, metrics::Registry& registry);
  std::string_view name() const override { return "audit"; }
  core::Stage* ForRoute(const core::Route* route) override;

 private:
  std::vector<std::unique_ptr<AuditStage>> stages_;  // by route index; null: not audited
};

}  // namespace ndxp::metering::audit
