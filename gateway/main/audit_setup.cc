#include "gateway/main/audit_setup.h"

#include <spdlog/spdlog.h>

#include "gateway/core/strings.h"
#include "gateway/metering/audit/audit_keys.h"
#include "gateway/metering/audit/audit_stage.h"
#include "gateway/metering/audit/audit_writer.h"
#include "gateway/metering/audit/segment_log.h"

namespace ndxp::main {
namespace {

namespace audit = ::ndxp::metering::audit;
namespace v1 = ::ndxp::gateway::v1;

absl::Duration ToDuration(const google::protobuf::Duration& d) {
  return absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
}

// What must live as long as the stages: the keys, then the writer (closed first).
struct AuditLog {
  std::unique_ptr<audit::SubjectHasher> hasher;
  std::unique_ptr<audit::SealSigner> signer;
  std::unique_ptr<audit::AuditWriter> writer;
  ~AuditLog() {
    if (writer) writer->Close();
  }
};

}  // namespace

absl::StatusOr<AuditParts> SetUpAudit(const v1::GatewayConfig& config, const std::string& data_dir,
                                      const core::RouteTable& routes,
                                      metrics::Registry& registry) {
  const v1::Audit& settings = config.audit();
  auto log = std::make_shared<AuditLog>();
  const std::string subject_key =
      audit::KeyPath(settings.subject_key_file(), data_dir, "audit-hmac.key");
  auto hasher = audit::SubjectHasher::Open(subject_key, settings.subject_key_file().empty(),
                                           "audit.subject_key_file");
  if (!hasher.ok()) return hasher.status();
  log->hasher = std::make_unique<audit::SubjectHasher>(*std::move(hasher));
  const std::string signing_key =
      audit::KeyPath(settings.signing_key_file(), data_dir, "audit-ec.pem");
  auto signer = audit::SealSigner::Open(signing_key, audit::PublicKeyPathFor(signing_key),
                                        settings.signing_key_file().empty(),
                                        "audit.signing_key_file");
  if (!signer.ok()) return signer.status();
  log->signer = *std::move(signer);

  audit::SegmentLog::Recovery recovery;
  auto segments = audit::SegmentLog::Open({.dir = core::Cat(data_dir, "/audit"),
                                           .max_bytes = settings.segment_max_bytes(),
                                           .max_age = ToDuration(settings.segment_max_age())},
                                          *log->signer, &recovery);
  if (!segments.ok()) return segments.status();
  if (!recovery.sealed_segment.empty()) {
    spdlog::warn("audit: {} was not sealed (the gateway stopped without closing it): {} records "
                 "recovered, {} bytes of torn tail cut (kept in its .torn file), sealed now",
                 recovery.sealed_segment, recovery.recovered_records, recovery.torn_bytes);
  }
  const bool strict = settings.durability() != v1::AUDIT_DURABILITY_BATCHED;
  log->writer = std::make_unique<audit::AuditWriter>(
      *std::move(segments),
      audit::AuditWriter::Options{.strict = strict,
                                  .batch_delay = ToDuration(settings.batch_delay()),
                                  .capacity = settings.queue_capacity()},
      registry);
  spdlog::info("audit log in {}/audit ({} durability, {} segment(s) found)", data_dir,
               strict ? "strict" : "batched", recovery.segments);

  AuditParts parts;
  // The stages and the readiness check point into the log; `keep` alone keeps it alive.
  parts.factory = [log = log.get(), &routes](metrics::Registry& registry)
      -> std::unique_ptr<core::StageFactory> {
    return std::make_unique<audit::AuditStageFactory>(routes, *log->writer, *log->hasher, registry);
  };
  parts.readiness = [writer = log->writer.get()] { return writer->Problem(); };
  parts.keep = log;
  return parts;
}

}  // namespace ndxp::main
