// The four call shapes through the remote route (the gateway forwarding to ndxp-connector), with
// the gRPC C++ client, and the same answers byte for byte as the gateway that runs the same
// connectors in-process.
#include <gtest/gtest.h>

#include "ndxp/business/v1/business.grpc.pb.h"
#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/remote/raw_call.h"
#include "tests/integration/remote/remote_cluster.h"

namespace ndxp::testing {
namespace {

namespace pop = ::ndxp::population::v1;
namespace biz = ::ndxp::business::v1;

constexpr const char* kGetCitizen = "/ndxp.population.v1.PopulationService/GetCitizen";
constexpr const char* kGetEnterprise = "/ndxp.business.v1.BusinessRegistryService/GetEnterprise";
constexpr const char* kStreamEnterprises =
    "/ndxp.business.v1.BusinessRegistryService/StreamEnterprises";
constexpr const char* kReconcile = "/ndxp.population.v1.PopulationService/ReconcileCitizens";
constexpr const char* kBatchVerify = "/ndxp.population.v1.PopulationService/BatchVerifyCitizens";

class RemoteCallShapesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Started* remote = RemoteCluster::Get().remote();
    Started* inprocess = RemoteCluster::Get().inprocess();
    ASSERT_NE(remote, nullptr);
    ASSERT_NE(inprocess, nullptr);
    remote_ = ChannelTo(*remote->process);
    inprocess_ = ChannelTo(*inprocess->process);
  }

  // Calls both gateways and expects the same status, details and response bytes; returns the
  // remote gateway's result.
  RawResult CallBoth(const std::string& method, const std::vector<std::string>& requests) {
    RawCallOptions options{.metadata = {{"x-api-key", kTestApiKey}, {"x-ndxp-purpose", "administrative-procedure"}}};
    RawResult remote = RawCall(remote_, method, requests, options);
    RawResult local = RawCall(inprocess_, method, requests, options);
    EXPECT_TRUE(remote.finished && local.finished) << method;
    EXPECT_EQ(remote.status.error_code(), local.status.error_code()) << method;
    EXPECT_EQ(remote.status.error_message(), local.status.error_message()) << method;
    EXPECT_EQ(remote.status.error_details(), local.status.error_details()) << method;
    EXPECT_EQ(remote.responses.size(), local.responses.size()) << method;
    std::size_t differing = 0;
    for (std::size_t i = 0; i < std::min(remote.responses.size(), local.responses.size()); ++i) {
      if (remote.responses[i] != local.responses[i]) ++differing;
    }
    EXPECT_EQ(differing, 0u) << method << ": responses differ between remote and in-process";
    return remote;
  }

  std::shared_ptr<grpc::Channel> remote_;
  std::shared_ptr<grpc::Channel> inprocess_;
};

TEST_F(RemoteCallShapesTest, UnaryAnswersAreByteIdenticalToInProcess) {
  auto citizens = SampleIds("population", 5);
  ASSERT_EQ(citizens.size(), 5u);
  for (const auto& id : citizens) {
    pop::GetCitizenRequest request;
    request.set_personal_id(id);
    RawResult result = CallBoth(kGetCitizen, {request.SerializeAsString()});
    ASSERT_TRUE(result.status.ok()) << result.status.error_message();
    ASSERT_EQ(result.responses.size(), 1u);
    pop::GetCitizenResponse response;
    ASSERT_TRUE(response.ParseFromString(result.responses[0]));
    EXPECT_EQ(response.citizen().personal_id(), id);
  }
  auto enterprises = SampleIds("business", 3);
  ASSERT_EQ(enterprises.size(), 3u);
  for (const auto& code : enterprises) {
    biz::GetEnterpriseRequest request;
    request.set_enterprise_code(code);
    RawResult result = CallBoth(kGetEnterprise, {request.SerializeAsString()});
    ASSERT_TRUE(result.status.ok()) << result.status.error_message();
    biz::GetEnterpriseResponse response;
    ASSERT_EQ(result.responses.size(), 1u);
    ASSERT_TRUE(response.ParseFromString(result.responses[0]));
    EXPECT_EQ(response.enterprise().enterprise_code(), code);
  }
}

TEST_F(RemoteCallShapesTest, ServerStreamIsByteIdenticalToInProcess) {
  for (const char* province : {"48", "79"}) {
    biz::StreamEnterprisesRequest request;
    request.set_province_code(province);
    RawResult result = CallBoth(kStreamEnterprises, {request.SerializeAsString()});
    ASSERT_TRUE(result.status.ok()) << result.status.error_message();
    EXPECT_GT(result.responses.size(), 100u) << province;
    biz::StreamEnterprisesResponse last;
    ASSERT_TRUE(last.ParseFromString(result.responses.back()));
    EXPECT_EQ(last.enterprise().head_office().unit().province_code(), province);
  }
}

TEST_F(RemoteCallShapesTest, ClientStreamIsByteIdenticalToInProcess) {
  auto ids = SampleIds("population", 3);
  ASSERT_EQ(ids.size(), 3u);
  // The records' names (from the in-process gateway), for two matches and one mismatch.
  std::vector<std::string> names;
  for (const auto& id : ids) {
    pop::GetCitizenRequest get;
    get.set_personal_id(id);
    RawResult got = RawCall(inprocess_, kGetCitizen, {get.SerializeAsString()},
                            {.metadata = {{"x-api-key", kTestApiKey}, {"x-ndxp-purpose", "administrative-procedure"}}});
    pop::GetCitizenResponse citizen;
    ASSERT_TRUE(got.status.ok() && got.responses.size() == 1 &&
                citizen.ParseFromString(got.responses[0]));
    names.push_back(citizen.citizen().full_name());
  }
  std::vector<std::string> entries;
  auto add = [&](const std::string& id, const std::string& name) {
    pop::ReconcileCitizensRequest entry;
    entry.mutable_verification()->set_personal_id(id);
    entry.mutable_verification()->set_full_name(name);
    entries.push_back(entry.SerializeAsString());
  };
  add(ids[0], names[0]);
  add(ids[1], names[1]);
  add(ids[2], names[2] + " Sai");
  add("12345", "Nguyễn Văn A");
  RawResult result = CallBoth(kReconcile, entries);
  ASSERT_TRUE(result.status.ok()) << result.status.error_message();
  ASSERT_EQ(result.responses.size(), 1u);
  pop::ReconcileCitizensResponse summary;
  ASSERT_TRUE(summary.ParseFromString(result.responses[0]));
  EXPECT_EQ(summary.total_count(), 4);
  EXPECT_EQ(summary.matched_count(), 2);
  EXPECT_EQ(summary.mismatched_count(), 1);
  EXPECT_EQ(summary.invalid_count(), 1);
}

TEST_F(RemoteCallShapesTest, BidiStreamIsByteIdenticalToInProcess) {
  auto ids = SampleIds("population", 3);
  ASSERT_EQ(ids.size(), 3u);
  std::vector<std::string> items;
  std::vector<std::string> sent = {ids[0], "not-an-id", ids[1], ids[2]};
  for (std::size_t i = 0; i < sent.size(); ++i) {
    pop::BatchVerifyCitizensRequest item;
    item.set_correlation_id("row-" + std::to_string(i));
    item.mutable_verification()->set_personal_id(sent[i]);
    item.mutable_verification()->set_full_name("Nguyễn Văn A");  // something to compare
    items.push_back(item.SerializeAsString());
  }
  RawResult result = CallBoth(kBatchVerify, items);
  ASSERT_TRUE(result.status.ok()) << result.status.error_message();
  ASSERT_EQ(result.responses.size(), sent.size());
  for (std::size_t i = 0; i < sent.size(); ++i) {
    pop::BatchVerifyCitizensResponse answer;
    ASSERT_TRUE(answer.ParseFromString(result.responses[i]));
    EXPECT_EQ(answer.correlation_id(), "row-" + std::to_string(i));
    EXPECT_EQ(answer.status().code(),
              i == 1 ? grpc::StatusCode::INVALID_ARGUMENT : grpc::StatusCode::OK);
  }
}

// With the generated stubs, as an integrator's client would call: the bidi stream answers each
// message before the next is sent (nothing waits for the half-close), and the unary call echoes
// the request id.
TEST_F(RemoteCallShapesTest, GeneratedStubsWorkMessageByMessage) {
  auto ids = SampleIds("population", 2);
  ASSERT_EQ(ids.size(), 2u);
  auto stub = pop::PopulationService::NewStub(remote_);
  {
    auto ctx = AuthedContext();
    ctx->AddMetadata("x-request-id", "it-remote-unary-1");
    pop::GetCitizenRequest request;
    request.set_personal_id(ids[0]);
    pop::GetCitizenResponse response;
    grpc::Status status = stub->GetCitizen(ctx.get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.citizen().personal_id(), ids[0]);
    auto echoed = ctx->GetServerInitialMetadata().find("x-request-id");
    ASSERT_NE(echoed, ctx->GetServerInitialMetadata().end());
    EXPECT_EQ(std::string(echoed->second.data(), echoed->second.size()), "it-remote-unary-1");
  }
  auto ctx = AuthedContext();
  auto stream = stub->BatchVerifyCitizens(ctx.get());
  for (int round = 0; round < 6; ++round) {
    pop::BatchVerifyCitizensRequest item;
    item.set_correlation_id("ping-" + std::to_string(round));
    item.mutable_verification()->set_personal_id(ids[round % 2]);
    item.mutable_verification()->set_full_name("Nguyễn Văn A");  // something to compare
    ASSERT_TRUE(stream->Write(item));
    pop::BatchVerifyCitizensResponse answer;
    ASSERT_TRUE(stream->Read(&answer));  // before the next write: answered one by one
    EXPECT_EQ(answer.correlation_id(), "ping-" + std::to_string(round));
    EXPECT_EQ(answer.status().code(), 0);
  }
  stream->WritesDone();
  grpc::Status status = stream->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
}

}  // namespace
}  // namespace ndxp::testing
