// SIGTERM under load: the gateway stops accepting, lets in-flight calls finish, and exits 0.
#include <signal.h>

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/grpc_fixture.h"

namespace ndxp::testing {
namespace {

using population::v1::PopulationService;

TEST(DrainTest, SigtermUnderLoadDrainsInFlightCallsAndExitsZero) {
  std::string access_log;
  std::string config = WriteTestConfig(&access_log);
  GatewayProcess gateway({.args = {"--config", config}});
  ASSERT_TRUE(gateway.WaitUntilListening()) << gateway.Stderr();
  auto ids = SampleIds("population", 4);
  auto channel = grpc::CreateChannel(gateway.grpc_target(), grpc::InsecureChannelCredentials());
  auto stub = PopulationService::NewStub(channel);

  // A stream opened before the signal must be allowed to finish its work after it.
  auto stream_ctx = AuthedContext();
  auto stream = stub->BatchVerifyCitizens(stream_ctx.get());
  population::v1::BatchVerifyCitizensRequest item;
  item.mutable_verification()->set_personal_id(ids[0]);
  population::v1::BatchVerifyCitizensResponse result;
  ASSERT_TRUE(stream->Write(item));
  ASSERT_TRUE(stream->Read(&result));

  // Load: unary calls in a loop on several threads until the gateway stops answering.
  std::atomic<bool> stop{false};
  std::atomic<int> ok_calls{0}, unexpected{0};
  std::mutex mu;
  std::vector<std::string> errors;
  std::vector<std::thread> load;
  for (int t = 0; t < 4; ++t) {
    load.emplace_back([&, t] {
      // Each thread has its own channel so that a closed one does not hide the others' results.
      auto own = PopulationService::NewStub(
          grpc::CreateChannel(gateway.grpc_target(), grpc::InsecureChannelCredentials()));
      for (int i = 0; i < 100000 && !stop.load(); ++i) {
        auto ctx = AuthedContext();
        population::v1::GetCitizenRequest request;
        request.set_personal_id(ids[(t + i) % ids.size()]);
        population::v1::GetCitizenResponse response;
        grpc::Status s = own->GetCitizen(ctx.get(), request, &response);
        if (s.ok()) {
          ++ok_calls;
        } else if (s.error_code() == grpc::StatusCode::UNAVAILABLE) {
          return;  // the listener has stopped accepting: expected after SIGTERM
        } else {
          ++unexpected;
          std::lock_guard<std::mutex> lock(mu);
          errors.push_back(std::to_string(s.error_code()) + " " + s.error_message());
        }
      }
    });
  }
  while (ok_calls.load() < 200) std::this_thread::yield();
  gateway.Signal(SIGTERM);

  // The stream opened earlier still works while draining.
  item.mutable_verification()->set_personal_id(ids[1]);
  ASSERT_TRUE(stream->Write(item));
  ASSERT_TRUE(stream->Read(&result));
  EXPECT_EQ(result.status().code(), 0);
  stream->WritesDone();
  EXPECT_TRUE(stream->Finish().ok());

  EXPECT_EQ(gateway.Wait(30), 0) << gateway.Stderr();
  stop = true;
  for (auto& t : load) t.join();
  EXPECT_EQ(unexpected.load(), 0) << (errors.empty() ? "" : errors.front());
  EXPECT_GE(ok_calls.load(), 200);
}

}  // namespace
}  // namespace ndxp::testing
