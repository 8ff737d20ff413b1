// The four gRPC call shapes through the real gateway, with a gRPC C++ client.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "ndxp/business/v1/business.grpc.pb.h"
#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/grpc_fixture.h"

namespace ndxp::testing {
namespace {

using population::v1::PopulationService;

class GrpcCallShapesTest : public GatewayTest {};

TEST_F(GrpcCallShapesTest, UnaryGetCitizenReturnsTheRecordAndEchoesTheRequestId) {
  auto ids = SampleIds("population", 3);
  ASSERT_EQ(ids.size(), 3u);
  auto stub = PopulationService::NewStub(Channel());
  for (const auto& id : ids) {
    auto ctx = AuthedContext();
    ctx->AddMetadata("x-request-id", "it-unary-1");
    population::v1::GetCitizenRequest request;
    request.set_personal_id(id);
    population::v1::GetCitizenResponse response;
    grpc::Status status = stub->GetCitizen(ctx.get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.citizen().personal_id(), id);
    EXPECT_FALSE(response.citizen().full_name().empty());
    EXPECT_TRUE(response.citizen().has_date_of_birth());
    EXPECT_FALSE(response.citizen().household_id().empty());
    auto echoed = ctx->GetServerInitialMetadata().find("x-request-id");
    ASSERT_NE(echoed, ctx->GetServerInitialMetadata().end());
    EXPECT_EQ(std::string(echoed->second.data(), echoed->second.size()), "it-unary-1");
  }
}

TEST_F(GrpcCallShapesTest, ServerStreamingStreamEnterprisesYieldsOnlyTheProvince) {
  auto stub = business::v1::BusinessRegistryService::NewStub(Channel());
  auto ctx = AuthedContext();
  business::v1::StreamEnterprisesRequest request;
  request.set_province_code("79");
  auto reader = stub->StreamEnterprises(ctx.get(), request);
  business::v1::StreamEnterprisesResponse item;
  int count = 0;
  while (reader->Read(&item)) {
    ++count;
    EXPECT_EQ(item.enterprise().head_office().unit().province_code(), "79");
  }
  grpc::Status status = reader->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_GT(count, 10);
}

TEST_F(GrpcCallShapesTest, ClientStreamingReconcileCitizensCountsEveryOutcome) {
  auto ids = SampleIds("population", 3);
  auto stub = PopulationService::NewStub(Channel());
  // The record's names, to send two matching entries and one mismatch.
  std::vector<std::string> names;
  for (const auto& id : ids) {
    auto ctx = AuthedContext();
    population::v1::GetCitizenRequest get;
    get.set_personal_id(id);
    population::v1::GetCitizenResponse got;
    ASSERT_TRUE(stub->GetCitizen(ctx.get(), get, &got).ok());
    names.push_back(got.citizen().full_name());
  }
  auto ctx = AuthedContext();
  population::v1::ReconcileCitizensResponse summary;
  auto writer = stub->ReconcileCitizens(ctx.get(), &summary);
  auto send = [&](const std::string& id, const std::string& name) {
    population::v1::ReconcileCitizensRequest entry;
    entry.mutable_verification()->set_personal_id(id);
    entry.mutable_verification()->set_full_name(name);
    ASSERT_TRUE(writer->Write(entry));
  };
  send(ids[0], names[0]);
  send(ids[1], names[1]);
  send(ids[2], names[2] + " Sai");
  send("12345", "Nguyễn Văn A");
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(summary.total_count(), 4);
  EXPECT_EQ(summary.matched_count(), 2);
  EXPECT_EQ(summary.mismatched_count(), 1);
  EXPECT_EQ(summary.invalid_count(), 1);
  EXPECT_EQ(summary.not_found_count(), 0);
}

TEST_F(GrpcCallShapesTest, BidiBatchVerifyAnswersEachItemInOrder) {
  auto ids = SampleIds("population", 2);
  auto stub = PopulationService::NewStub(Channel());
  auto ctx = AuthedContext();
  auto stream = stub->BatchVerifyCitizens(ctx.get());
  std::vector<std::string> sent = {ids[0], "not-an-id", ids[1]};
  for (std::size_t i = 0; i < sent.size(); ++i) {
    population::v1::BatchVerifyCitizensRequest item;
    item.set_correlation_id("row-" + std::to_string(i));
    item.mutable_verification()->set_personal_id(sent[i]);
    item.mutable_verification()->set_full_name("Nguyễn Văn A");  // something to compare
    ASSERT_TRUE(stream->Write(item));
    population::v1::BatchVerifyCitizensResponse result;
    ASSERT_TRUE(stream->Read(&result));
    EXPECT_EQ(result.correlation_id(), "row-" + std::to_string(i));
    EXPECT_EQ(result.status().code(), i == 1 ? grpc::StatusCode::INVALID_ARGUMENT : grpc::StatusCode::OK);
  }
  stream->WritesDone();
  population::v1::BatchVerifyCitizensResponse extra;
  EXPECT_FALSE(stream->Read(&extra));
  grpc::Status status = stream->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(GrpcCallShapesTest, ClientsThatAbandonBusyStreamsDoNotStallTheGateway) {
  auto ids = SampleIds("population", 1);
  auto stub = PopulationService::NewStub(Channel());
  // Each round writes without reading until the gateway's queue is full, then cancels: the
  // gateway's pending writes fail while its read of the next message also ends. "Full" is seen
  // from the client: its writes stop completing (flow control), which the canceller waits for.
  for (int round = 0; round < 12; ++round) {
    auto ctx = AuthedContext();
    auto stream = stub->BatchVerifyCitizens(ctx.get());
    std::mutex mu;
    std::condition_variable cv;
    int written = 0;
    bool writing = true;
    std::thread canceller([&] {
      std::unique_lock<std::mutex> lock(mu);
      // Until no write has completed for 100 ms (blocked), or the writer is done (at most 5000).
      for (int seen = -1; writing && written != seen;) {
        seen = written;
        cv.wait_for(lock, std::chrono::milliseconds(100),
                    [&] { return !writing || written != seen; });
      }
      ctx->TryCancel();
    });
    population::v1::BatchVerifyCitizensRequest item;
    item.mutable_verification()->set_personal_id(ids[0]);
    for (int i = 0; i < 5000 && stream->Write(item); ++i) {
      std::lock_guard<std::mutex> lock(mu);
      ++written;
      cv.notify_all();
    }
    {
      std::lock_guard<std::mutex> lock(mu);
      writing = false;
      cv.notify_all();
    }
    canceller.join();
    EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  // The gateway still serves (a stuck call would hold one of its two worker threads each).
  auto ctx = AuthedContext();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  population::v1::GetCitizenRequest request;
  request.set_personal_id(ids[0]);
  population::v1::GetCitizenResponse response;
  grpc::Status status = stub->GetCitizen(ctx.get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

}  // namespace
}  // namespace ndxp::testing
