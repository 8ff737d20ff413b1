// The audit log through the real binaries: ndxp-gateway writes it, `ndxpctl audit verify` and
// `ndxpctl audit search` read it.
// - The crash test: concurrent calls with distinct personal ids, kill -9 under load, a restart
//   on the same data directory (recovery): the chain verifies, every call answered OK under
//   strict durability has its record, and the usage ledger agrees with the audit log within its
//   documented window (it may lack the calls that ended in the last flush window, never more, and
//   never counts a call the log does not hold).
// - Tampering: a changed byte, a removed record, two records swapped, a segment re-chained
//   without the signing key: verify fails each time and names it.
// - Search: a citizen's reads, every call shape (unary over gRPC and REST, a stream), with
//   purpose, dossier and procedure; nothing for another citizen or outside the dates.
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "gateway/metering/audit/segment_format.h"
#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/grpc_fixture.h"
#include "tests/integration/metering/ledger_reading.h"
#include "tests/integration/support/gateway_process.h"
#include "tests/integration/support/test_config.h"

namespace ndxp::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace pop = ::ndxp::population::v1;
namespace audit = ::ndxp::metering::audit;
namespace fs = std::filesystem;

constexpr const char* kDossier = "000.00.00.H29-250101-0001";
constexpr const char* kProcedure = "1.001234";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::unique_ptr<grpc::ClientContext> AuditedContext(const std::string& request_id) {
  auto ctx = AuthedContext();
  ctx->AddMetadata("x-request-id", request_id);
  ctx->AddMetadata("x-ndxp-dossier-id", kDossier);
  ctx->AddMetadata("x-ndxp-procedure", kProcedure);
  return ctx;
}

// `ndxpctl ARGS... --config CONFIG --data-dir DIR`: exit code and standard output.
int Ctl(std::vector<std::string> args, const std::string& config, const std::string& data_dir,
        std::string* out) {
  std::vector<std::string> argv = {CtlBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--config", config, "--data-dir", data_dir});
  return RunCommand(argv, out);
}

// Byte offsets of a segment's frames.
std::vector<std::uint64_t> FrameOffsets(const std::string& bytes) {
  std::istringstream in(bytes);
  audit::SegmentScanner scanner(in);
  std::vector<std::uint64_t> out;
  while (scanner.Next() == audit::SegmentScanner::Result::kFrame) out.push_back(scanner.offset());
  out.push_back(bytes.size());
  return out;
}

class AuditLogTest : public ::testing::Test {
 protected:
  void StartGateway(const std::string& audit_yaml) {
    config_ = WriteGatewayConfig(audit_yaml, AccessLogTo::kFile, nullptr);
    if (data_dir_.empty()) data_dir_ = MakeTestDir("ndxp-it-audit");
    Restart();
  }
  void Restart() {
    gateway_ = std::make_unique<GatewayProcess>(
        GatewayProcess::Options{.args = {"--config", config_, "--data-dir", data_dir_}});
    ASSERT_TRUE(gateway_->WaitUntilListening()) << gateway_->Stderr();
    channel_ = grpc::CreateChannel(gateway_->grpc_target(), grpc::InsecureChannelCredentials());
    stub_ = pop::PopulationService::NewStub(channel_);
  }
  void Stop() {
    gateway_->Signal(SIGTERM);
    ASSERT_EQ(gateway_->Wait(30), 0) << gateway_->Stderr();
  }
  grpc::Status GetCitizen(const std::string& id, const std::string& request_id) {
    pop::GetCitizenRequest request;
    request.set_personal_id(id);
    pop::GetCitizenResponse response;
    auto ctx = AuditedContext(request_id);
    return stub_->GetCitizen(ctx.get(), request, &response);
  }
  std::string Verify(int* rc) {
    std::string out;
    *rc = Ctl({"audit", "verify"}, config_, data_dir_, &out);
    return out;
  }
  std::string Search(const std::string& subject, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"audit", "search", "--subject", subject, "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::string out;
    EXPECT_EQ(Ctl(args, config_, data_dir_, &out), 0) << out;
    return out;
  }
  std::string Segment(int n) const {
    return data_dir_ + "/audit/" + audit::SegmentFileName(static_cast<std::uint64_t>(n));
  }

  std::string config_;
  std::string data_dir_;
  std::unique_ptr<GatewayProcess> gateway_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<pop::PopulationService::Stub> stub_;
};

TEST_F(AuditLogTest, AfterKill9EveryCallAnsweredOkUnderStrictHasItsRecordAndTheChainVerifies) {
  constexpr auto kFlushInterval = std::chrono::milliseconds(200);
  constexpr int kClients = 8;
  StartGateway(
      "audit:\n  durability: strict\n  segment_max_bytes: 65536\nledger:\n  flush_interval: "
      "200ms\n");
  const std::vector<std::string> ids = SampleIds("population", 48);
  ASSERT_EQ(ids.size(), 48u);
  struct Answered {
    std::string id;
    std::string request_id;
    std::chrono::steady_clock::time_point at;
  };
  std::mutex mu;
  std::vector<Answered> answered;
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t) {
    clients.emplace_back([&, t] {
      for (int n = 0; !stop.load(); ++n) {
        const std::string& id = ids[(t * 6 + n) % ids.size()];
        const std::string request_id = "crash-" + std::to_string(t) + "-" + std::to_string(n);
        if (GetCitizen(id, request_id).ok()) {
          const auto at = std::chrono::steady_clock::now();
          std::lock_guard<std::mutex> lock(mu);
          answered.push_back({id, request_id, at});
          ok.fetch_add(1);
        }
      }
    });
  }
  // Under load: kill -9 once a few hundred calls were answered.
  const auto bound = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (ok.load() < 400 && std::chrono::steady_clock::now() < bound) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_GE(ok.load(), 400) << gateway_->Stderr();
  const auto killed_at = std::chrono::steady_clock::now();
  gateway_->Signal(SIGKILL);
  ASSERT_EQ(gateway_->Wait(10), 128 + SIGKILL);
  stop.store(true);
  for (auto& c : clients) c.join();
  const std::int64_t in_ledger = CallsInLedger(data_dir_);  // what the kill left on disk

  Restart();  // recovery: the unsealed segment is read, a torn tail cut, then sealed
  EXPECT_THAT(gateway_->Stderr(), HasSubstr("was not sealed"));
  ASSERT_TRUE(GetCitizen(ids[0], "after-restart").ok());
  int rc = -1;
  std::string verified = Verify(&rc);
  EXPECT_EQ(rc, 0) << verified;
  Stop();
  verified = Verify(&rc);
  EXPECT_EQ(rc, 0) << verified;
  EXPECT_THAT(verified, HasSubstr("every chain and seal verifies"));

  std::map<std::string, std::set<std::string>> wanted;  // id -> request ids answered OK
  for (const Answered& a : answered) wanted[a.id].insert(a.request_id);
  std::size_t found = 0;
  std::int64_t records = 0;  // of the calls made before the kill
  for (const std::string& id : std::set<std::string>(ids.begin(), ids.end())) {
    const std::string out = Search(id);
    for (std::size_t at = out.find("\"request_id\": \"crash-"); at != std::string::npos;
         at = out.find("\"request_id\": \"crash-", at + 1)) {
      ++records;
    }
    for (const std::string& request_id : wanted[id]) {
      if (out.find("\"request_id\": \"" + request_id + "\"") != std::string::npos) {
        ++found;
      } else {
        ADD_FAILURE() << "no audit record of " << request_id << ", answered OK before the kill";
      }
    }
  }
  EXPECT_EQ(found, answered.size());

  // The ledger agrees with the audit log within one flush window. Each client has at most one
  // call in flight, so the log holds at most kClients records of calls never answered; the ledger
  // counts no call the log lacks, and lacks at most the calls that ended in the last window
  // (twice the interval: the window, plus the time its write takes).
  const auto window_start = killed_at - 2 * kFlushInterval;
  const auto in_last_window = std::count_if(answered.begin(), answered.end(),
                                            [&](const Answered& a) { return a.at >= window_start; });
  const auto answered_ok = static_cast<std::int64_t>(answered.size());
  EXPECT_LE(records, answered_ok + kClients);
  EXPECT_LE(in_ledger, records) << "the ledger counts calls the audit log does not hold";
  EXPECT_GE(in_ledger, answered_ok - in_last_window)
      << "the ledger lost more than its last flush window: " << answered_ok << " answered, "
      << in_last_window << " in the last window, " << in_ledger << " counted";
}

class AuditTamperTest : public AuditLogTest {
 protected:
  void SetUp() override {
    // Small segments: a few sealed ones to tamper with.
    StartGateway("audit:\n  segment_max_bytes: 4096\n");
    const std::vector<std::string> ids = SampleIds("population", 10);
    for (int i = 0; i < 120; ++i) {
      ASSERT_TRUE(GetCitizen(ids[i % ids.size()], "tamper-" + std::to_string(i)).ok());
    }
    Stop();
    int rc = -1;
    std::string out = Verify(&rc);
    ASSERT_EQ(rc, 0) << out;
    ASSERT_TRUE(fs::exists(Segment(3))) << out;
  }
  // Verify must fail, naming `expected`.
  void ExpectBroken(const std::string& expected) {
    int rc = -1;
    std::string out = Verify(&rc);
    EXPECT_EQ(rc, 1) << out;
    EXPECT_THAT(out, HasSubstr("BROKEN: " + expected));
  }
};

TEST_F(AuditTamperTest, AnEditedByteIsNamed) {
  std::string bytes = ReadFile(Segment(2));
  const std::size_t at = bytes.find("administrative-procedure");
  ASSERT_NE(at, std::string::npos);
  bytes[at] = 'A';
  WriteFile(Segment(2), bytes);
  ExpectBroken("segment-00000002.log: record 1");
  int rc = -1;
  EXPECT_THAT(Verify(&rc), HasSubstr("hash mismatch"));
}

TEST_F(AuditTamperTest, ADeletedRecordIsNamed) {
  std::string bytes = ReadFile(Segment(2));
  std::vector<std::uint64_t> at = FrameOffsets(bytes);
  bytes.erase(at[4], at[5] - at[4]);
  WriteFile(Segment(2), bytes);
  ExpectBroken("segment-00000002.log: record 4: holds record 5: records were removed or reordered");
}

TEST_F(AuditTamperTest, TwoReorderedRecordsAreNamed) {
  std::string bytes = ReadFile(Segment(3));
  std::vector<std::uint64_t> at = FrameOffsets(bytes);
  const std::string a = bytes.substr(at[2], at[3] - at[2]);
  const std::string b = bytes.substr(at[3], at[4] - at[3]);
  bytes.replace(at[2], a.size() + b.size(), b + a);
  WriteFile(Segment(3), bytes);
  ExpectBroken("segment-00000003.log: record 2: holds record 3");
}

TEST_F(AuditTamperTest, ASegmentRechainedWithoutTheKeyFailsItsSeal) {
  // Edit a record and recompute every hash of the segment: the chain holds, the seal does not.
  std::string bytes = ReadFile(Segment(2));
  std::istringstream in(bytes);
  audit::SegmentScanner scanner(in);
  std::vector<std::string> payloads;
  while (scanner.Next() == audit::SegmentScanner::Result::kFrame) payloads.push_back(scanner.payload());
  ndxp::gateway::v1::AuditFrame frame;
  ASSERT_TRUE(frame.ParseFromString(payloads[3]));
  frame.mutable_record()->set_purpose("nothing-to-see");
  payloads[3] = frame.SerializeAsString();
  ndxp::gateway::v1::AuditFrame header;
  ASSERT_TRUE(header.ParseFromString(payloads[0]));
  audit::Hash h{};
  std::copy(header.header().previous_hash().begin(), header.header().previous_hash().end(), h.begin());
  std::string rechained;
  for (const std::string& p : payloads) h = audit::AppendFrame(rechained, h, p);
  WriteFile(Segment(2), rechained);
  ExpectBroken("segment-00000002.log: bad seal");
}

TEST_F(AuditTamperTest, AnUntouchedCopyStillVerifies) {
  int rc = -1;
  std::string out = Verify(&rc);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_THAT(out, HasSubstr("120 record(s)"));
}

TEST_F(AuditLogTest, SearchFindsWhoReadACitizenWhenAndWhy) {
  StartGateway("");  // the defaults: strict
  const std::vector<std::string> ids = SampleIds("population", 2);
  ASSERT_TRUE(GetCitizen(ids[0], "search-unary").ok());
  ASSERT_TRUE(GetCitizen(ids[1], "search-other").ok());
  {
    // A stream: the id inside each request message.
    auto ctx = AuditedContext("search-stream");
    auto stream = stub_->BatchVerifyCitizens(ctx.get());
    for (const std::string& id : {ids[1], ids[0]}) {
      pop::BatchVerifyCitizensRequest item;
      item.set_correlation_id(id);
      item.mutable_verification()->set_personal_id(id);
      ASSERT_TRUE(stream->Write(item));
    }
    stream->WritesDone();
    pop::BatchVerifyCitizensResponse response;
    while (stream->Read(&response)) {
    }
    ASSERT_TRUE(stream->Finish().ok());
  }
  {
    // REST: GET /v1/citizens/{personal_id}.
    std::string out;
    ASSERT_EQ(RunCommand({"curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H",
                          std::string("x-api-key: ") + kTestApiKey, "-H",
                          "x-ndxp-purpose: administrative-procedure", "-H",
                          "x-request-id: search-rest", "-H",
                          std::string("x-ndxp-dossier-id: ") + kDossier,
                          gateway_->http_base() + "/v1/citizens/" + ids[0]},
                         &out),
              0);
    ASSERT_EQ(out, "200");
  }
  std::string found = Search(ids[0]);
  EXPECT_THAT(found, HasSubstr("\"request_id\": \"search-unary\""));
  EXPECT_THAT(found, HasSubstr("\"request_id\": \"search-stream\""));
  EXPECT_THAT(found, HasSubstr("\"request_id\": \"search-rest\""));
  EXPECT_THAT(found, Not(HasSubstr("search-other")));
  EXPECT_THAT(found, HasSubstr("\"client\": \"VN:PROV:79:ONESTOP\""));
  EXPECT_THAT(found, HasSubstr("\"method\": \"/ndxp.population.v1.PopulationService/GetCitizen\""));
  EXPECT_THAT(found,
              HasSubstr("\"method\": \"/ndxp.population.v1.PopulationService/BatchVerifyCitizens\""));
  EXPECT_THAT(found, HasSubstr("\"purpose\": \"administrative-procedure\""));
  EXPECT_THAT(found, HasSubstr(std::string("\"dossier_id\": \"") + kDossier + "\""));
  EXPECT_THAT(found, HasSubstr(std::string("\"procedure\": \"") + kProcedure + "\""));
  EXPECT_THAT(found, HasSubstr("\"outcome\": \"OK\""));
  EXPECT_THAT(Search(ids[1]), HasSubstr("search-stream"));
  EXPECT_THAT(Search("079999999999"), HasSubstr("[]"));
  EXPECT_THAT(Search(ids[0], {"--from", "2001-01-01", "--to", "2001-12-31"}), HasSubstr("[]"));
  // The log holds no id in the clear.
  for (const auto& entry : fs::directory_iterator(data_dir_ + "/audit")) {
    EXPECT_EQ(ReadFile(entry.path().string()).find(ids[0]), std::string::npos) << entry.path();
  }
  std::string table;
  EXPECT_EQ(Ctl({"audit", "search", "--subject", ids[0]}, config_, data_dir_, &table), 0);
  EXPECT_THAT(table, HasSubstr("3 read(s) of this subject's data"));
  std::string bad;
  EXPECT_EQ(Ctl({"audit", "search", "--subject", ids[0], "--from", "yesterday"}, config_,
                data_dir_, &bad),
            2);
}

TEST_F(AuditLogTest, AConfiguredSubjectKeyThatIsMissingStopsTheStartNamingTheKey) {
  config_ = WriteGatewayConfig("audit:\n  subject_key_file: /nonexistent/audit.key\n",
                               AccessLogTo::kFile, nullptr);
  GatewayProcess gateway(GatewayProcess::Options{
      .args = {"--config", config_, "--data-dir", MakeTestDir("ndxp-it-audit")}});
  EXPECT_EQ(gateway.Wait(30), 1);
  EXPECT_THAT(gateway.Stderr(), HasSubstr("audit.subject_key_file: /nonexistent/audit.key"));
}

}  // namespace
}  // namespace ndxp::testing
