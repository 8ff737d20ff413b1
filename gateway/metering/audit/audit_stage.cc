#include "gateway/metering/audit/audit_stage.h"

#include <spdlog/spdlog.h>

#include "gateway/core/status.h"

namespace ndxp::metering::audit {
namespace {

namespace v1 = ::ndxp::gateway::v1;

absl::Status BacklogFull() {
  return core::ErrorWithReason(absl::StatusCode::kUnavailable,
                               "the audit log is behind; calls that read personal data are "
                               "refused until it catches up, retry later",
                               "AUDIT_BACKLOG_FULL");
}

std::int64_t StartUnixMicros(const core::CallContext& context) {
  const auto since = std::chrono::steady_clock::now() - context.start;
  return absl::ToUnixMicros(absl::Now() - absl::FromChrono(since));
}

std::int64_t Micros(std::chrono::steady_clock::duration d) {
  return std::chrono::duration_cast<std::chrono::microseconds>(d).count();
}

}  // namespace

AuditStage::AuditStage(const core::Route& route, SubjectFields subjects, AuditWriter& writer,
                       const SubjectHasher& hasher, Refusals refusals)
    : route_(route),
      subjects_(std::move(subjects)),
      writer_(writer),
      hasher_(hasher),
      refusals_(refusals) {}

core::Verdict AuditStage::OnRequest(core::Call& call) {
  if (!writer_.Reserve()) {
    if (writer_.failed()) {
      refusals_.log_failed.Inc();
      return core::Verdict::Stop(AuditLogFailedError());
    }
    refusals_.backlog_full.Inc();
    return core::Verdict::Stop(BacklogFull());
  }
  call.context().audit.reserved = true;
  return core::Verdict::Continue();
}

std::unique_ptr<PendingRecord> AuditStage::MakeRecord(const core::CallContext& context,
                                                      v1::AuditRecordKind kind) const {
  auto pending = std::make_unique<PendingRecord>();
  v1::AuditRecord& record = pending->record;
  record.set_kind(kind);
  record.set_time_unix_micros(StartUnixMicros(context));
  record.set_request_id(context.request_id);
  record.set_client(std::string(context.client_id()));
  record.set_method(route_.full_method);
  record.set_purpose(context.purpose);
  record.set_dossier_id(context.dossier_id);
  record.set_procedure(context.procedure_id);
  for (const auto& subject : context.audit.subjects) {
    record.add_subjects(reinterpret_cast<const char*>(subject.data()), subject.size());
  }
  return pending;
}

absl::Status AuditStage::OnRequestMessage(core::Call& call,
                                          const google::protobuf::Message& request) {
  if (request.GetDescriptor() != route_.request_prototype->GetDescriptor()) return absl::OkStatus();
  core::CallContext& context = call.context();
  absl::Status status;
  subjects_.ForEach(request, [&](std::string_view subject) {
    if (!status.ok()) return;
    if (context.subject_id.empty()) context.subject_id = std::string(subject);
    if (context.audit.subjects.size() >= kMaxSubjectsPerRecord) {
      // A long stream: what it read so far goes to a continuation record, in a place of its own.
      if (!writer_.Reserve()) {
        (writer_.failed() ? refusals_.log_failed : refusals_.backlog_full).Inc();
        status = writer_.failed() ? AuditLogFailedError() : BacklogFull();
        return;
      }
      auto pending = MakeRecord(context, v1::AUDIT_RECORD_KIND_CONTINUATION);
      pending->record.set_part(++context.audit.parts);
      writer_.Enqueue(std::move(pending));
      context.audit.subjects.clear();
    }
    context.audit.subjects.push_back(hasher_.Of(subject));
  });
  return status;
}

bool AuditStage::HoldsAnswerOf(const core::Call& call) const {
  return call.context().audit.reserved && !call.context().audit.recorded;
}

core::Verdict AuditStage::OnAnswer(core::Call& call, absl::StatusCode code) {
  core::CallContext& context = call.context();
  auto pending = MakeRecord(context, v1::AUDIT_RECORD_KIND_CALL);
  pending->record.set_outcome(std::string(absl::StatusCodeToString(code)));
  pending->record.set_latency_micros(Micros(std::chrono::steady_clock::now() - context.start));
  pending->record.set_part(context.audit.parts);
  context.audit.recorded = true;
  context.audit.subjects.clear();
  if (!writer_.strict()) {
    writer_.Enqueue(std::move(pending));
    return core::Verdict::Continue();
  }
  pending->hold = &call;
  writer_.Enqueue(std::move(pending));  // the writer releases the answer once it is synced
  return core::Verdict::Pending();
}

void AuditStage::OnEnd(const core::Call& call, bool passed) {
  const core::CallContext& context = call.context();
  if (!context.audit.reserved || context.audit.recorded) return;
  if (!context.admitted) {
    writer_.Unreserve();  // refused by a later stage: nothing was read
    return;
  }
  auto pending = MakeRecord(context, v1::AUDIT_RECORD_KIND_CALL);
  pending->record.set_outcome(std::string(absl::StatusCodeToString(context.code)));
  pending->record.set_latency_micros(Micros(context.end - context.start));
  pending->record.set_part(context.audit.parts);
  writer_.Enqueue(std::move(pending));
}

AuditStageFactory::AuditStageFactory(const core::RouteTable& routes, AuditWriter& writer,
                                     const SubjectHasher& hasher, metrics::Registry& registry) {
  auto& refusals = registry.AddCounter(
      "ndxp_gateway_audit_refusals_total",
      "Calls that read personal data refused because the audit log could not take their record, "
      "by reason (backlog_full, log_failed).",
      {"reason"});
  AuditStage::Refusals counters{refusals.WithLabels({"backlog_full"}), refusals.WithLabels({"log_failed"})};
  stages_.resize(routes.size());
  for (const auto& route : routes.routes()) {
    if (!route->reads_personal_data) continue;
    SubjectFields subjects = SubjectFields::Of(*route->request_prototype->GetDescriptor());
    if (subjects.empty()) {
      spdlog::warn("audit: {} reads personal data but its request {} marks no audit_subject "
                   "field; its audit records have no subject",
                   route->full_method, route->request_prototype->GetDescriptor()->full_name());
    }
    stages_[route->index] =
        std::make_unique<AuditStage>(*route, std::move(subjects), writer, hasher, counters);
  }
}

core::Stage* AuditStageFactory::ForRoute(const core::Route* route) {
  if (route == nullptr || route->index >= stages_.size()) return nullptr;
  return stages_[route->index].get();
}

}  // namespace ndxp::metering::audit
