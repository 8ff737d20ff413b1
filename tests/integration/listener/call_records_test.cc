// What the gateway records and answers for calls it refuses or rejects, on its default listener
// settings: refused calls are recorded under the method they called, request ids that could hold
// a personal id are replaced, error details come in a fixed order; and, as the control of
// connection_limits_test.cc, a second call on a busy channel runs at once.
#include <chrono>
#include <condition_variable>
#include <mutex>

#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/listener/listener_support.h"
#include "tests/integration/support/file_watch.h"

namespace ndxp::testing {
namespace {

using namespace std::chrono_literals;
using population::v1::GetCitizenRequest;
using population::v1::GetCitizenResponse;
using population::v1::PopulationService;

class CallRecordsTest : public GatewaySuite<CallRecordsTest> {
 public:
  static std::string Sections() { return "connectors: [{name: population, scale: 5000}]\n"; }

 protected:
  std::unique_ptr<PopulationService::Stub> Stub() {
    return PopulationService::NewStub(OwnChannel(gateway().grpc_target()));
  }
  double Scrape(const std::string& series) { return ScrapeMetric(gateway().http_port(), series); }
};

// Defect 7: refused before routing used to be recorded as method "unknown".
TEST_F(CallRecordsTest, ACallWithoutAnApiKeyIsRecordedUnderTheMethodItCalled) {
  auto ids = SampleIdsFor(config_path(), "population", 1);
  ASSERT_EQ(ids.size(), 1u);
  std::string series = GrpcRequestsSeries("", kPopulation, "GetCitizen", "UNAUTHENTICATED");
  double before = Scrape(series);
  grpc::ClientContext ctx;  // no x-api-key
  ctx.AddMetadata("x-request-id", "lt-no-key");
  ctx.set_deadline(std::chrono::system_clock::now() + 10s);
  GetCitizenRequest request;
  request.set_personal_id(ids[0]);
  GetCitizenResponse response;
  grpc::Status status = Stub()->GetCitizen(&ctx, request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();

  std::string line = WaitForAccessLine(access_log(), "lt-no-key");
  ASSERT_FALSE(line.empty()) << "no access-log line for the call";
  EXPECT_NE(line.find("\"method\":\"/ndxp.population.v1.PopulationService/GetCitizen\""),
            std::string::npos)
      << line;
  EXPECT_NE(line.find("\"status\":\"UNAUTHENTICATED\""), std::string::npos) << line;
  EXPECT_EQ(MetricReaching(gateway().http_port(), series, before + 1), before + 1) << series;
}

// Defect 7, the other side: a method that is not routed is counted as "unknown" (bounded labels).
TEST_F(CallRecordsTest, AnUnknownMethodIsCountedUnderMethodUnknown) {
  std::string series = GrpcRequestsSeries(kTestClient, "unknown", "unknown", "UNIMPLEMENTED");
  double before = Scrape(series);
  grpc::GenericStub stub(OwnChannel(gateway().grpc_target()));
  auto ctx = CallContext("lt-unknown-method", 10s);
  grpc::Slice empty("");
  grpc::ByteBuffer request(&empty, 1), response;
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  grpc::Status status;
  stub.UnaryCall(ctx.get(), "/ndxp.population.v1.PopulationService/NoSuchMethod", {}, &request,
                 &response, [&](grpc::Status s) {
                   std::lock_guard<std::mutex> lock(mu);
                   status = s;
                   done = true;
                   cv.notify_all();
                 });
  {
    std::unique_lock<std::mutex> lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, 15s, [&] { return done; })) << "no answer";
  }
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED) << status.error_message();
  std::string line = WaitForAccessLine(access_log(), "lt-unknown-method");
  ASSERT_FALSE(line.empty()) << "no access-log line for the call";
  EXPECT_NE(line.find("\"method\":\"unknown\""), std::string::npos) << line;
  EXPECT_EQ(MetricReaching(gateway().http_port(), series, before + 1), before + 1) << series;
}

// Defect 8: digits joined by separators are a personal id all the same.
TEST_F(CallRecordsTest, ARequestIdHoldingAPersonalIdWithSeparatorsIsReplaced) {
  auto ids = SampleIdsFor(config_path(), "population", 1);
  ASSERT_EQ(ids.size(), 1u);
  const std::string given = "079-203-001-234";
  auto ctx = CallContext(given, 10s);
  GetCitizenRequest request;
  request.set_personal_id(ids[0]);
  GetCitizenResponse response;
  grpc::Status status = Stub()->GetCitizen(ctx.get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::string replaced = ServerHeader(*ctx, "x-request-id");
  ASSERT_FALSE(replaced.empty()) << "no x-request-id in the response";
  EXPECT_NE(replaced, given);
  EXPECT_EQ(replaced.find("079"), std::string::npos) << replaced;

  // The call is logged under the replacement, and the given id appears nowhere in the log.
  ASSERT_FALSE(WaitForAccessLine(access_log(), replaced).empty()) << "no line for " << replaced;
  EXPECT_TRUE(LinesWith(access_log(), {given}).empty());
  EXPECT_TRUE(LinesWith(access_log(), {"079203001234"}).empty());
  EXPECT_TRUE(LinesWith(access_log(), {ids[0]}).empty()) << "a personal id in the access log";
}

// Defect 9: clients read details[0]; its type must not depend on the call.
TEST_F(CallRecordsTest, ErrorDetailsComeInTheSameOrderOnEveryCall) {
  auto stub = Stub();
  std::vector<std::string> first;
  for (int i = 0; i < 20; ++i) {
    auto ctx = CallContext("", 10s);
    GetCitizenRequest request;
    request.set_personal_id("07920300123");  // 11 digits
    GetCitizenResponse response;
    grpc::Status status = stub->GetCitizen(ctx.get(), request, &response);
    ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
    std::vector<std::string> types = DetailTypes(status);  // grpc-status-details-bin
    ASSERT_GE(types.size(), 2u) << "expected ErrorInfo and BadRequest";
    EXPECT_EQ(types[0], "type.googleapis.com/google.rpc.ErrorInfo") << "call " << i;
    if (i == 0) first = types;
    EXPECT_EQ(types, first) << "call " << i << " changed the order";
  }
}

// The control of MaxConcurrentStreamsTest: on the default limit (256), a second call on a channel
// with a stream open runs at once.
TEST_F(CallRecordsTest, ASecondCallOnABusyChannelRunsAtOnceByDefault) {
  auto ids = SampleIdsFor(config_path(), "population", 1);
  ASSERT_EQ(ids.size(), 1u);
  auto stub = Stub();
  auto held_ctx = CallContext("lt-default-held", 20s);
  auto held = stub->BatchVerifyCitizens(held_ctx.get());
  population::v1::BatchVerifyCitizensRequest item;
  item.mutable_verification()->set_personal_id(ids[0]);
  population::v1::BatchVerifyCitizensResponse answer;
  ASSERT_TRUE(held->Write(item));
  ASSERT_TRUE(held->Read(&answer));  // open and live

  auto ctx = CallContext("lt-default-second", 2s);
  GetCitizenRequest request;
  request.set_personal_id(ids[0]);
  GetCitizenResponse response;
  grpc::Status status = stub->GetCitizen(ctx.get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();

  held->WritesDone();
  EXPECT_TRUE(held->Finish().ok());
}

}  // namespace
}  // namespace ndxp::testing
