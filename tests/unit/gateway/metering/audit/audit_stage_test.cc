// The audit stage with its writer: subjects read from every call shape's request messages (top
// level, nested, several fields, a long stream's continuation records), the strict hold released
// only once the record is on disk, batched records written within the delay, a full queue
// refusing calls UNAVAILABLE, a call refused later giving its place back, a call that ends
// without an answer still recorded, a write error replacing the held answer and failing the log.
#include "gateway/metering/audit/audit_stage.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include <absl/synchronization/mutex.h>

#include "gateway/core/status.h"
#include "gateway/metering/audit/audit_verify.h"
#include "ndxp/business/v1/business.pb.h"
#include "ndxp/population/v1/population.pb.h"
#include "tests/unit/gateway/metering/audit/audit_test_support.h"

namespace ndxp::metering::audit {
namespace {

namespace v1 = ::ndxp::gateway::v1;
using testing::ReadFile;
using testing::TempDir;

class Observer : public core::CallObserver {
 public:
  void OnAdmitted() override { admitted = true; }
  void OnRefused(const absl::Status& s) override { refused = s; }
  bool admitted = false;
  absl::Status refused;
};

// Runs `check` when the answer is released, then records it.
class Sink : public core::AnswerSink {
 public:
  std::function<void()> check;
  void OnAnswerReleased(const absl::Status& replaced) override {
    if (check) check();
    absl::MutexLock lock(&mu_);
    released_ = true;
    replaced_ = replaced;
  }
  bool Wait(absl::Duration bound = absl::Seconds(10)) {
    absl::MutexLock lock(&mu_);
    auto done = [this] { return released_; };
    return mu_.AwaitWithTimeout(absl::Condition(&done), bound);
  }
  bool released() {
    absl::MutexLock lock(&mu_);
    return released_;
  }
  absl::Status replaced() {
    absl::MutexLock lock(&mu_);
    return replaced_;
  }

 private:
  absl::Mutex mu_;
  bool released_ = false;
  absl::Status replaced_;
};

class Refuser : public core::Stage {
 public:
  std::string_view name() const override { return "quota"; }
  core::Verdict OnRequest(core::Call&) override {
    return core::Verdict::Stop(absl::ResourceExhaustedError("over quota"));
  }
};

core::Route MakeRoute(const google::protobuf::Message& request, std::string method) {
  core::Route route;
  route.full_method = std::move(method);
  route.reads_personal_data = true;
  route.request_prototype = &request;
  return route;
}

class AuditStageTest : public ::testing::Test {
 protected:
  AuditStageTest()
      : keys_(testing::MakeKeys(dir_.path())),
        hasher_(std::string(32, 'k')),
        route_(MakeRoute(population::v1::GetCitizenRequest::default_instance(),
                         "/ndxp.population.v1.PopulationService/GetCitizen")) {}
  ~AuditStageTest() override { Close(); }

  void StartWriter(bool strict, std::uint32_t capacity = 1024,
                   absl::Duration batch_delay = absl::Milliseconds(100)) {
    auto log = SegmentLog::Open({.dir = AuditDir()}, *keys_.signer);
    ASSERT_TRUE(log.ok()) << log.status();
    writer_ = std::make_unique<AuditWriter>(
        *std::move(log),
        AuditWriter::Options{.strict = strict, .batch_delay = batch_delay, .capacity = capacity},
        registry_);
    auto& refusals = registry_.AddCounter("test_refusals_total", "t", {"reason"});
    stage_ = std::make_unique<AuditStage>(
        route_, SubjectFields::Of(*route_.request_prototype->GetDescriptor()), *writer_, hasher_,
        AuditStage::Refusals{refusals.WithLabels({"backlog_full"}),
                             refusals.WithLabels({"log_failed"})});
    chain_ = core::Chain({stage_.get()});
  }
  void Close() {
    if (writer_) writer_->Close();
  }
  std::string AuditDir() const { return dir_.path() + "/audit"; }
  std::vector<v1::AuditRecord> Records() {
    std::vector<v1::AuditRecord> out;
    ForEachAuditRecord(AuditDir(), [&](const v1::AuditRecord& r) { out.push_back(r); },
                       [](const std::string& w) { ADD_FAILURE() << w; });
    return out;
  }
  std::unique_ptr<core::Call> NewCall(const std::string& request_id, Observer& observer) {
    auto call = std::make_unique<core::Call>(chain_, observer, headers_);
    call->context().request_id = request_id;
    call->context().purpose = "administrative-procedure";
    call->context().dossier_id = "000.00.00.H29-250101-0001";
    call->context().procedure_id = "1.001234";
    call->context().route = &route_;
    return call;
  }
  void Read(core::Call& call, const std::string& personal_id) {
    population::v1::GetCitizenRequest request;
    request.set_personal_id(personal_id);
    ASSERT_TRUE(stage_->OnRequestMessage(call, request).ok());
  }

  TempDir dir_;
  testing::Keys keys_;
  SubjectHasher hasher_;
  core::Route route_;
  metrics::Registry registry_;
  std::unique_ptr<AuditWriter> writer_;
  std::unique_ptr<AuditStage> stage_;
  core::Chain chain_;
  core::NoRequestHeaders headers_;
};

TEST(SubjectFieldsTest, MarkedFieldsOfEveryRequestShape) {
  EXPECT_EQ(SubjectFields::Of(*population::v1::GetCitizenRequest::descriptor()).Describe(),
            "personal_id");
  EXPECT_EQ(SubjectFields::Of(*population::v1::GetHouseholdRequest::descriptor()).Describe(),
            "household_id");
  EXPECT_EQ(SubjectFields::Of(*population::v1::BatchVerifyCitizensRequest::descriptor()).Describe(),
            "verification.personal_id");
  EXPECT_EQ(SubjectFields::Of(*population::v1::ReconcileCitizensRequest::descriptor()).Describe(),
            "verification.personal_id");
  EXPECT_EQ(SubjectFields::Of(*business::v1::VerifyEnterpriseRequest::descriptor()).Describe(),
            "enterprise_code, legal_representative_personal_id");
  EXPECT_TRUE(SubjectFields::Of(*business::v1::ListEnterprisesRequest::descriptor()).empty());

  business::v1::VerifyEnterpriseRequest request;
  request.set_enterprise_code("0100109106");
  request.set_legal_representative_personal_id("079203001234");
  std::vector<std::string> seen;
  SubjectFields::Of(*request.GetDescriptor()).ForEach(request, [&](std::string_view s) {
    seen.emplace_back(s);
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"0100109106", "079203001234"}));

  population::v1::BatchVerifyCitizensRequest item;  // no verification set: nothing
  seen.clear();
  SubjectFields::Of(*item.GetDescriptor()).ForEach(item, [&](std::string_view s) { seen.emplace_back(s); });
  EXPECT_TRUE(seen.empty());
}

TEST_F(AuditStageTest, StrictReleasesTheAnswerOnlyOnceTheRecordIsOnDisk) {
  StartWriter(true);
  Observer observer;
  auto call = NewCall("req-strict", observer);
  call->Start();
  ASSERT_TRUE(observer.admitted);
  Read(*call, "079203001234");
  EXPECT_EQ(call->context().subject_id, "079203001234");
  Sink sink;
  bool on_disk_at_release = false;
  sink.check = [&] {
    for (const auto& r : Records()) on_disk_at_release |= r.request_id() == "req-strict";
  };
  call->HoldAnswer(absl::StatusCode::kOk, sink);
  ASSERT_TRUE(sink.Wait());
  EXPECT_TRUE(on_disk_at_release);
  EXPECT_TRUE(sink.replaced().ok());
  call->End(absl::StatusCode::kOk);  // recorded already: no second record
  Close();
  auto records = Records();
  ASSERT_EQ(records.size(), 1u);
  const v1::AuditRecord& r = records[0];
  EXPECT_EQ(r.kind(), v1::AUDIT_RECORD_KIND_CALL);
  EXPECT_EQ(r.method(), "/ndxp.population.v1.PopulationService/GetCitizen");
  EXPECT_EQ(r.purpose(), "administrative-procedure");
  EXPECT_EQ(r.dossier_id(), "000.00.00.H29-250101-0001");
  EXPECT_EQ(r.procedure(), "1.001234");
  EXPECT_EQ(r.outcome(), "OK");
  ASSERT_EQ(r.subjects_size(), 1);
  const Hash h = hasher_.Of("079203001234");
  EXPECT_EQ(r.subjects(0), std::string(h.begin(), h.end()));
  EXPECT_EQ(ReadFile(AuditDir() + "/segment-00000001.log").find("079203001234"), std::string::npos)
      << "the personal id is in the log in the clear";
  EXPECT_TRUE(VerifyAuditLog(AuditDir(), *keys_.verifier).ok);
}

TEST_F(AuditStageTest, BatchedLetsTheAnswerGoAndWritesWithinTheDelay) {
  StartWriter(false, 1024, absl::Milliseconds(100));
  Observer observer;
  auto call = NewCall("req-batched", observer);
  call->Start();
  Read(*call, "001099000001");
  Sink sink;
  call->HoldAnswer(absl::StatusCode::kNotFound, sink);
  EXPECT_TRUE(sink.released());  // inline: batched does not hold
  call->End(absl::StatusCode::kNotFound);
  const absl::Time bound = absl::Now() + absl::Seconds(10);
  while (Records().empty() && absl::Now() < bound) absl::SleepFor(absl::Milliseconds(10));
  auto records = Records();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].outcome(), "NOT_FOUND");
}

TEST_F(AuditStageTest, AFullQueueRefusesUnavailableUntilItDrains) {
  StartWriter(true, 16);
  Observer observers[17];
  std::vector<std::unique_ptr<core::Call>> calls;
  for (int i = 0; i < 16; ++i) {
    calls.push_back(NewCall("req-" + std::to_string(i), observers[i]));
    calls.back()->Start();
    ASSERT_TRUE(observers[i].admitted);
  }
  auto refused = NewCall("req-refused", observers[16]);
  refused->Start();
  EXPECT_FALSE(observers[16].admitted);
  EXPECT_EQ(observers[16].refused.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(core::ErrorReason(observers[16].refused), "AUDIT_BACKLOG_FULL");
  EXPECT_NE(registry_.Render().find("ndxp_gateway_audit_backlog 16"), std::string::npos);
  refused->End(absl::StatusCode::kUnavailable);
  // The 16 end (their records are written), and places come back.
  for (auto& call : calls) call->End(absl::StatusCode::kCancelled);
  const absl::Time bound = absl::Now() + absl::Seconds(10);
  while (Records().size() < 16 && absl::Now() < bound) absl::SleepFor(absl::Milliseconds(10));
  Observer later;
  std::unique_ptr<core::Call> again;
  while (absl::Now() < bound) {
    later = Observer();
    again = NewCall("req-later", later);
    again->Start();
    if (later.admitted) break;
    again->End(absl::StatusCode::kUnavailable);
    absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_TRUE(later.admitted);
  again->End(absl::StatusCode::kCancelled);
  Close();
  auto records = Records();
  EXPECT_EQ(records.size(), 17u);  // the refused call has none
  for (const auto& r : records) EXPECT_NE(r.request_id(), "req-refused");
  EXPECT_EQ(records[0].outcome(), "CANCELLED");  // ended without an answer: recorded at its end
}

TEST_F(AuditStageTest, ACallRefusedByALaterStageGivesItsPlaceBackAndHasNoRecord) {
  StartWriter(true, 16);
  Refuser quota;
  chain_ = core::Chain({stage_.get(), &quota});
  for (int i = 0; i < 40; ++i) {  // more than the capacity: places come back
    Observer observer;
    auto call = NewCall("req-" + std::to_string(i), observer);
    call->Start();
    EXPECT_EQ(observer.refused.code(), absl::StatusCode::kResourceExhausted) << i;
    call->End(absl::StatusCode::kResourceExhausted);
  }
  EXPECT_NE(registry_.Render().find("ndxp_gateway_audit_backlog 0"), std::string::npos);
  Close();
  EXPECT_TRUE(Records().empty());
}

TEST_F(AuditStageTest, ALongStreamWritesContinuationRecordsThenItsCallRecord) {
  route_ = MakeRoute(population::v1::ReconcileCitizensRequest::default_instance(),
                     "/ndxp.population.v1.PopulationService/ReconcileCitizens");
  StartWriter(true);
  Observer observer;
  auto call = NewCall("req-stream", observer);
  call->Start();
  for (int i = 0; i < 150; ++i) {
    population::v1::ReconcileCitizensRequest item;
    item.mutable_verification()->set_personal_id("0792030" + std::to_string(10000 + i));
    ASSERT_TRUE(stage_->OnRequestMessage(*call, item).ok());
  }
  EXPECT_EQ(call->context().subject_id, "079203010000");
  Sink sink;
  call->HoldAnswer(absl::StatusCode::kOk, sink);
  ASSERT_TRUE(sink.Wait());
  call->End(absl::StatusCode::kOk);
  Close();
  auto records = Records();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].kind(), v1::AUDIT_RECORD_KIND_CONTINUATION);
  EXPECT_EQ(records[0].part(), 1u);
  EXPECT_EQ(records[0].subjects_size(), 64);
  EXPECT_EQ(records[1].kind(), v1::AUDIT_RECORD_KIND_CONTINUATION);
  EXPECT_EQ(records[1].part(), 2u);
  EXPECT_EQ(records[2].kind(), v1::AUDIT_RECORD_KIND_CALL);
  EXPECT_EQ(records[2].part(), 2u);
  EXPECT_EQ(records[2].subjects_size(), 150 - 128);
  EXPECT_EQ(records[2].outcome(), "OK");
  const Hash last = hasher_.Of("079203010149");
  EXPECT_EQ(records[2].subjects(21), std::string(last.begin(), last.end()));
}

TEST_F(AuditStageTest, AWriteErrorReplacesTheHeldAnswerAndFailsTheLog) {
  StartWriter(true);
  // The next segment's file cannot be made: a directory is in its place.
  ASSERT_EQ(::mkdir((AuditDir() + "/segment-00000001.log").c_str(), 0700), 0);
  Observer observer;
  auto call = NewCall("req-fails", observer);
  call->Start();
  Sink sink;
  call->HoldAnswer(absl::StatusCode::kOk, sink);
  ASSERT_TRUE(sink.Wait());
  EXPECT_EQ(sink.replaced().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(core::ErrorReason(sink.replaced()), "AUDIT_LOG_FAILED");
  call->End(absl::StatusCode::kUnavailable);
  EXPECT_TRUE(writer_->failed());
  EXPECT_NE(writer_->Problem().find("audit log failed"), std::string::npos);
  EXPECT_NE(registry_.Render().find("ndxp_gateway_audit_write_errors_total 1"), std::string::npos);
  Observer next;
  auto refused = NewCall("req-next", next);
  refused->Start();
  EXPECT_EQ(core::ErrorReason(next.refused), "AUDIT_LOG_FAILED");
  refused->End(absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace ndxp::metering::audit
