// Streaming calls end at their deadline whether or not a message moves, and a call cut short by
// its deadline is recorded as the client saw it: DEADLINE_EXCEEDED, in the access log and in
// ndxp_gateway_requests_total, whatever the method.
//
// Against the old gateway: an idle stream without a deadline of its own ran until the client gave
// up (here: the watchdog cancels it at 12 s, so the status is CANCELLED and the elapsed time over
// 10 s) and was logged OK; a client deadline was logged OK, CANCELLED or DEADLINE_EXCEEDED
// depending on the method.
#include <chrono>

#include <gtest/gtest.h>

#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/listener/listener_support.h"

namespace ndxp::testing {
namespace {

using namespace std::chrono_literals;
using population::v1::PopulationService;

constexpr const char* kDeadlineExceeded = "\"status\":\"DEADLINE_EXCEEDED\"";

class StreamDeadlineTest : public GatewaySuite<StreamDeadlineTest> {
 public:
  static std::string Sections() {
    return "limits:\n  default_deadline: 1s\n  max_deadline: 2s\n"
           "connectors: [{name: population}]\n";
  }

 protected:
  std::unique_ptr<PopulationService::Stub> Stub() {
    return PopulationService::NewStub(OwnChannel(gateway().grpc_target()));
  }

  // A context with the key and a request id, and no deadline (the test adds a watchdog).
  static void Prepare(grpc::ClientContext& ctx, const std::string& request_id) {
    ctx.AddMetadata("x-api-key", kTestApiKey);
    ctx.AddMetadata("x-ndxp-purpose", "administrative-procedure");
    ctx.AddMetadata("x-request-id", request_id);
  }

  // The call's access-log line says DEADLINE_EXCEEDED, and the call was counted so once.
  void ExpectRecordedAsDeadlineExceeded(const std::string& request_id, const std::string& method,
                                        double counted_before) {
    std::string line = WaitForAccessLine(access_log(), request_id);
    ASSERT_FALSE(line.empty()) << "no access-log line for " << request_id;
    EXPECT_NE(line.find(kDeadlineExceeded), std::string::npos) << line;
    std::string series = GrpcRequestsSeries(kTestClient, kPopulation, method, "DEADLINE_EXCEEDED");
    EXPECT_EQ(MetricReaching(gateway().http_port(), series, counted_before + 1), counted_before + 1)
        << series;
  }

  double Counted(const std::string& method) {
    return ScrapeMetric(gateway().http_port(),
                        GrpcRequestsSeries(kTestClient, kPopulation, method, "DEADLINE_EXCEEDED"));
  }
};

// Defect 1: an idle bidi stream (opened, nothing sent) without a deadline of its own.
TEST_F(StreamDeadlineTest, AnIdleBidiStreamEndsAtMaxDeadline) {
  double before = Counted("BatchVerifyCitizens");
  grpc::ClientContext ctx;
  Prepare(ctx, "lt-idle-bidi");
  Watchdog watchdog(&ctx, 12s);
  auto stub = Stub();
  auto start = std::chrono::steady_clock::now();
  auto stream = stub->BatchVerifyCitizens(&ctx);
  population::v1::BatchVerifyCitizensResponse response;
  EXPECT_FALSE(stream->Read(&response));  // nothing sent, nothing answered: blocks until the end
  grpc::Status status = stream->Finish();
  auto elapsed = std::chrono::steady_clock::now() - start;
  watchdog.Done();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << status.error_message();
  EXPECT_LT(elapsed, 10s) << "limits.max_deadline is 2s";
  ExpectRecordedAsDeadlineExceeded("lt-idle-bidi", "BatchVerifyCitizens", before);
}

// Defect 1: an idle client stream (opened, nothing sent, not half-closed).
TEST_F(StreamDeadlineTest, AnIdleClientStreamEndsAtMaxDeadline) {
  double before = Counted("ReconcileCitizens");
  grpc::ClientContext ctx;
  Prepare(ctx, "lt-idle-client-stream");
  Watchdog watchdog(&ctx, 12s);
  auto stub = Stub();
  auto start = std::chrono::steady_clock::now();
  population::v1::ReconcileCitizensResponse summary;
  auto writer = stub->ReconcileCitizens(&ctx, &summary);
  grpc::Status status = writer->Finish();  // waits for the server's status; sends nothing
  auto elapsed = std::chrono::steady_clock::now() - start;
  watchdog.Done();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << status.error_message();
  EXPECT_LT(elapsed, 10s) << "limits.max_deadline is 2s";
  ExpectRecordedAsDeadlineExceeded("lt-idle-client-stream", "ReconcileCitizens", before);
}

// Defect 6: a client stream cut by the client's own deadline (300 ms) after one entry.
TEST_F(StreamDeadlineTest, AClientStreamCutByTheClientDeadlineIsDeadlineExceeded) {
  auto ids = SampleIdsFor(config_path(), "population", 1);
  ASSERT_EQ(ids.size(), 1u);
  double before = Counted("ReconcileCitizens");
  auto ctx = CallContext("lt-cut-client-stream", 300ms);
  auto stub = Stub();
  population::v1::ReconcileCitizensResponse summary;
  auto writer = stub->ReconcileCitizens(ctx.get(), &summary);
  population::v1::ReconcileCitizensRequest entry;
  entry.mutable_verification()->set_personal_id(ids[0]);
  entry.mutable_verification()->set_full_name("Nguyễn Văn A");
  ASSERT_TRUE(writer->Write(entry));
  grpc::Status status = writer->Finish();  // never half-closed: the deadline ends it
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << status.error_message();
  ExpectRecordedAsDeadlineExceeded("lt-cut-client-stream", "ReconcileCitizens", before);
}

// Defect 6: a bidi stream held open (one item answered, then nothing) past the client's 300 ms.
TEST_F(StreamDeadlineTest, ABidiStreamHeldOpenPastTheClientDeadlineIsDeadlineExceeded) {
  auto ids = SampleIdsFor(config_path(), "population", 1);
  ASSERT_EQ(ids.size(), 1u);
  double before = Counted("BatchVerifyCitizens");
  auto ctx = CallContext("lt-cut-bidi", 300ms);
  auto stub = Stub();
  auto stream = stub->BatchVerifyCitizens(ctx.get());
  population::v1::BatchVerifyCitizensRequest item;
  item.mutable_verification()->set_personal_id(ids[0]);
  ASSERT_TRUE(stream->Write(item));
  population::v1::BatchVerifyCitizensResponse response;
  ASSERT_TRUE(stream->Read(&response));  // the stream is live
  EXPECT_FALSE(stream->Read(&response));  // held open: the deadline ends it
  grpc::Status status = stream->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << status.error_message();
  ExpectRecordedAsDeadlineExceeded("lt-cut-bidi", "BatchVerifyCitizens", before);
}

}  // namespace
}  // namespace ndxp::testing
