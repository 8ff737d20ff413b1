// SIGTERM under load: the gateway stops accepting, lets in-flight calls finish, and exits 0.
#include <signal.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/grpc_fixture.h"

namespace ndxp::testing {
namespace {

using population::v1::PopulationService;

// Client threads that loop until told to stop: stopped and joined on every way out of the test.
struct LoadThreads {
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  void StopAndJoin() {
    stop = true;
    for (auto& t : threads) {
      if (t.joinable()) t.join();
    }
  }
  ~LoadThreads() { StopAndJoin(); }
};

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
  item.mutable_verification()->set_full_name("Nguyễn Văn A");  // something to compare
  population::v1::BatchVerifyCitizensResponse result;
  ASSERT_TRUE(stream->Write(item));
  ASSERT_TRUE(stream->Read(&result));

  // Load: unary calls in a loop on several threads until the gateway stops answering (each loop
  // bounded in count; `load` stops and joins them however the test ends).
  std::atomic<int> ok_calls{0}, unexpected{0};
  std::mutex mu;
  std::condition_variable progress;
  std::vector<std::string> errors;
  LoadThreads load;
  for (int t = 0; t < 4; ++t) {
    load.threads.emplace_back([&, t] {
      // Each thread has its own channel so that a closed one does not hide the others' results.
      auto own = PopulationService::NewStub(
          grpc::CreateChannel(gateway.grpc_target(), grpc::InsecureChannelCredentials()));
      for (int i = 0; i < 100000 && !load.stop.load(); ++i) {
        auto ctx = AuthedContext();
        population::v1::GetCitizenRequest request;
        request.set_personal_id(ids[(t + i) % ids.size()]);
        population::v1::GetCitizenResponse response;
        grpc::Status s = own->GetCitizen(ctx.get(), request, &response);
        std::lock_guard<std::mutex> lock(mu);
        if (s.ok()) {
          ++ok_calls;
        } else if (s.error_code() == grpc::StatusCode::UNAVAILABLE) {
          break;  // the listener has stopped accepting: expected after SIGTERM
        } else {
          ++unexpected;
          errors.push_back(std::to_string(s.error_code()) + " " + s.error_message());
        }
        progress.notify_all();
      }
      std::lock_guard<std::mutex> lock(mu);
      progress.notify_all();
    });
  }
  {
    std::unique_lock<std::mutex> lock(mu);
    ASSERT_TRUE(progress.wait_for(lock, std::chrono::seconds(20),
                                  [&] { return ok_calls.load() >= 200 || unexpected.load() > 0; }))
        << "the load did not reach 200 calls";
  }
  gateway.Signal(SIGTERM);

  // The stream opened earlier still works while draining.
  item.mutable_verification()->set_personal_id(ids[1]);
  ASSERT_TRUE(stream->Write(item));
  ASSERT_TRUE(stream->Read(&result));
  EXPECT_EQ(result.status().code(), 0);
  stream->WritesDone();
  EXPECT_TRUE(stream->Finish().ok());

  EXPECT_EQ(gateway.Wait(30), 0) << gateway.Stderr();
  load.StopAndJoin();
  EXPECT_EQ(unexpected.load(), 0) << (errors.empty() ? "" : errors.front());
  EXPECT_GE(ok_calls.load(), 200);
}

}  // namespace
}  // namespace ndxp::testing
