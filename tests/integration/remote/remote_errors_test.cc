// Errors from a remote connector reach the caller unchanged: the same code, message and
// grpc-status-details-bin bytes as from the same connector in-process.
#include <gtest/gtest.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "ndxp/business/v1/business.grpc.pb.h"
#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/remote/raw_call.h"
#include "tests/integration/remote/remote_cluster.h"

namespace ndxp::testing {
namespace {

namespace pop = ::ndxp::population::v1;

constexpr const char* kGetCitizen = "/ndxp.population.v1.PopulationService/GetCitizen";

class RemoteErrorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Started* remote = RemoteCluster::Get().remote();
    Started* inprocess = RemoteCluster::Get().inprocess();
    ASSERT_NE(remote, nullptr);
    ASSERT_NE(inprocess, nullptr);
    remote_ = ChannelTo(*remote->process);
    inprocess_ = ChannelTo(*inprocess->process);
  }

  // The same call on both gateways: same code, message and details bytes. Returns the remote's.
  grpc::Status SameOnBoth(const std::string& method, const std::string& request) {
    RawCallOptions options{.metadata = {{"x-api-key", kTestApiKey}, {"x-ndxp-purpose", "administrative-procedure"}}};
    RawResult remote = RawCall(remote_, method, {request}, options);
    RawResult local = RawCall(inprocess_, method, {request}, options);
    EXPECT_EQ(remote.status.error_code(), local.status.error_code()) << method;
    EXPECT_EQ(remote.status.error_message(), local.status.error_message()) << method;
    EXPECT_EQ(remote.status.error_details(), local.status.error_details())
        << method << ": grpc-status-details-bin differs between remote and in-process";
    EXPECT_EQ(MetadataValue(remote.trailing_metadata, "grpc-status-details-bin").empty(),
              MetadataValue(local.trailing_metadata, "grpc-status-details-bin").empty());
    return remote.status;
  }

  std::string GetCitizenBytes(const std::string& id) {
    pop::GetCitizenRequest request;
    request.set_personal_id(id);
    return request.SerializeAsString();
  }

  std::shared_ptr<grpc::Channel> remote_;
  std::shared_ptr<grpc::Channel> inprocess_;
};

TEST_F(RemoteErrorsTest, MalformedIdIsInvalidArgumentWithTheSameDetails) {
  grpc::Status status = SameOnBoth(kGetCitizen, GetCitizenBytes("07920300123"));  // 11 digits
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  ASSERT_GE(details.details_size(), 2);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info)) << "the first detail is not an ErrorInfo";
  EXPECT_EQ(info.reason(), "INVALID_FIELD");
  google::rpc::BadRequest bad_request;
  bool found = false;
  for (const auto& any : details.details()) found = found || any.UnpackTo(&bad_request);
  ASSERT_TRUE(found) << "no google.rpc.BadRequest in the details";
  ASSERT_EQ(bad_request.field_violations_size(), 1);
  EXPECT_EQ(bad_request.field_violations(0).field(), "personal_id");
}

TEST_F(RemoteErrorsTest, UnknownIdIsNotFoundWithTheSameDetails) {
  auto ids = SampleIds("population", 1);
  ASSERT_EQ(ids.size(), 1u);
  std::string unknown = ids[0].substr(0, 6) + "999999";
  if (unknown == ids[0]) unknown = ids[0].substr(0, 6) + "999998";
  grpc::Status status = SameOnBoth(kGetCitizen, GetCitizenBytes(unknown));
  ASSERT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  ASSERT_GE(details.details_size(), 1);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "CITIZEN_NOT_FOUND");
  EXPECT_EQ(status.error_message().find(unknown), std::string::npos)
      << "the message repeats the personal id";
}

TEST_F(RemoteErrorsTest, StreamErrorIsTheSameAsInProcess) {
  ndxp::business::v1::StreamEnterprisesRequest request;
  request.set_province_code("7");  // not two digits
  grpc::Status status = SameOnBoth("/ndxp.business.v1.BusinessRegistryService/StreamEnterprises",
                                   request.SerializeAsString());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

// The remote route forwards request bytes without parsing them: the connector parses and
// refuses them, with the code the in-process route gives.
TEST_F(RemoteErrorsTest, GarbageBytesAreInvalidArgumentOnBoth) {
  RawCallOptions options{.metadata = {{"x-api-key", kTestApiKey}, {"x-ndxp-purpose", "administrative-procedure"}}};
  RawResult remote = RawCall(remote_, kGetCitizen, {"\xff\xff\xff\xff garbage"}, options);
  RawResult local = RawCall(inprocess_, kGetCitizen, {"\xff\xff\xff\xff garbage"}, options);
  EXPECT_EQ(local.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(remote.status.error_code(), local.status.error_code())
      << remote.status.error_message() << " / " << local.status.error_message();
}

}  // namespace
}  // namespace ndxp::testing
