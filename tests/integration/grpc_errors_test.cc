// Bad input over gRPC is answered with its documented status, and the access log stays clean.
#include <chrono>
#include <condition_variable>
#include <mutex>

#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/grpc_fixture.h"
#include "tests/integration/support/file_watch.h"

namespace ndxp::testing {
namespace {

using population::v1::GetCitizenRequest;
using population::v1::GetCitizenResponse;
using population::v1::PopulationService;

class GrpcErrorsTest : public GatewayTest {
 protected:
  grpc::Status GetCitizen(const std::string& id, const char* key = kTestApiKey) {
    auto stub = PopulationService::NewStub(Channel());
    auto ctx = AuthedContext(key);
    GetCitizenRequest request;
    request.set_personal_id(id);
    GetCitizenResponse response;
    return stub->GetCitizen(ctx.get(), request, &response);
  }

  // A unary call with raw request bytes through the generic stub (any method name, any bytes).
  grpc::Status CallWithBytes(const std::string& method, const std::string& bytes) {
    grpc::GenericStub stub(Channel());
    auto ctx = AuthedContext();
    grpc::Slice slice(bytes);
    grpc::ByteBuffer request(&slice, 1), response;
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
    grpc::Status result;
    stub.UnaryCall(ctx.get(), method, {}, &request, &response, [&](grpc::Status s) {
      std::lock_guard<std::mutex> lock(mu);
      result = s;
      done = true;
      cv.notify_all();
    });
    // The context's 20 s deadline ends the call by then; the wait is bounded past it all the same.
    std::unique_lock<std::mutex> lock(mu);
    if (!cv.wait_for(lock, std::chrono::seconds(30), [&] { return done; })) {
      ADD_FAILURE() << "no answer within 30 s";
      ctx->TryCancel();
      cv.wait(lock, [&] { return done; });  // cancelled: the callback runs at once
    }
    return result;
  }
};

TEST_F(GrpcErrorsTest, MalformedIdIsInvalidArgumentWithAFieldViolation) {
  grpc::Status status = GetCitizen("07920300123");  // 11 digits
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  bool found = false;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad_request;
    if (any.UnpackTo(&bad_request)) {
      ASSERT_EQ(bad_request.field_violations_size(), 1);
      EXPECT_EQ(bad_request.field_violations(0).field(), "personal_id");
      found = true;
    }
  }
  EXPECT_TRUE(found) << "no google.rpc.BadRequest in the status details";
}

TEST_F(GrpcErrorsTest, WellFormedUnknownIdIsNotFound) {
  auto ids = SampleIds("population", 1);
  ASSERT_EQ(ids.size(), 1u);
  std::string unknown = ids[0].substr(0, 6) + "999999";
  if (unknown == ids[0]) unknown = ids[0].substr(0, 6) + "999998";
  EXPECT_EQ(GetCitizen(unknown).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(GrpcErrorsTest, MissingOrWrongApiKeyIsUnauthenticated) {
  auto ids = SampleIds("population", 1);
  EXPECT_EQ(GetCitizen(ids[0], nullptr).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(GetCitizen(ids[0], "ndxp_wrong").error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(GrpcErrorsTest, UnknownMethodIsUnimplemented) {
  EXPECT_EQ(CallWithBytes("/ndxp.population.v1.PopulationService/NoSuchMethod", "").error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
}

TEST_F(GrpcErrorsTest, OversizeMessageIsResourceExhausted) {
  std::string huge(100 * 1024, '1');  // limits.max_request_bytes is 65536 in the test config
  EXPECT_EQ(GetCitizen(huge).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(GrpcErrorsTest, GarbageBytesAreInvalidArgument) {
  EXPECT_EQ(CallWithBytes("/ndxp.population.v1.PopulationService/GetCitizen",
                          "\xff\xff\xff\xff garbage")
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(GrpcErrorsTest, AccessLogHasTheCallButNoPersonalId) {
  auto ids = SampleIds("population", 1);
  auto stub = PopulationService::NewStub(Channel());
  auto ctx = AuthedContext();
  ctx->AddMetadata("x-request-id", "it-access-log-check");
  GetCitizenRequest request;
  request.set_personal_id(ids[0]);
  GetCitizenResponse response;
  ASSERT_TRUE(stub->GetCitizen(ctx.get(), request, &response).ok());
  // The access log is written asynchronously: wait (bounded) until its file has the line.
  std::string line = WaitForLineWith(access_log_path_, {"\"request_id\":\"it-access-log-check\""},
                                     std::chrono::seconds(5));
  ASSERT_FALSE(line.empty()) << "no access-log line for the call";
  EXPECT_NE(line.find("\"client\":\"VN:PROV:79:ONESTOP\""), std::string::npos) << line;
  EXPECT_NE(line.find("/ndxp.population.v1.PopulationService/GetCitizen"), std::string::npos)
      << line;
  EXPECT_TRUE(LinesWith(access_log_path_, {ids[0]}).empty())
      << "a personal id leaked into the access log";
}

}  // namespace
}  // namespace ndxp::testing
