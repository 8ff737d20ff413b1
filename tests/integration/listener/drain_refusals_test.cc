// Calls refused while draining are not in flight: with shutdown.drain_timeout 20s and clients
// calling in a loop, SIGTERM ends the process well before the timeout, and the clients see only
// OK and UNAVAILABLE with reason DRAINING.
//
// Against the old gateway, which counted refused calls as in flight, the drain waited its whole
// 20 s: Wait(10) returns -1 and the test fails. The looping clients stop (and close their
// channels) after a few refusals; AnIdleClientConnectionDoesNotHoldTheDrainUp covers a client
// whose channel stays open.
#include <signal.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/listener/listener_support.h"

namespace ndxp::testing {
namespace {

using namespace std::chrono_literals;
using population::v1::GetCitizenRequest;
using population::v1::GetCitizenResponse;
using population::v1::PopulationService;

constexpr int kClients = 2;
// Each client stops after this many refusals (the gateway refuses for at least 500 ms before its
// listener closes, far longer than these take).
constexpr int kRefusalsEach = 5;

TEST(DrainRefusalsTest, RefusedCallsDoNotHoldTheDrainUp) {
  StartedGateway gw = StartGateway(
      "shutdown:\n  drain_timeout: 20s\nconnectors: [{name: population, scale: 2000}]\n");
  GatewayProcess& gateway = *gw.process;
  ASSERT_TRUE(gateway.WaitUntilListening()) << gateway.Stderr();
  auto ids = SampleIdsFor(gw.config_path, "population", 1);
  ASSERT_EQ(ids.size(), 1u);

  std::mutex mu;
  std::condition_variable cv;
  int ok = 0, refused = 0;
  std::vector<std::string> unexpected;
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&] {
      auto stub = PopulationService::NewStub(OwnChannel(gateway.grpc_target()));
      int mine_refused = 0;
      for (int i = 0; i < 200000 && mine_refused < kRefusalsEach; ++i) {
        auto ctx = CallContext("", 5s);
        GetCitizenRequest request;
        request.set_personal_id(ids[0]);
        GetCitizenResponse response;
        grpc::Status s = stub->GetCitizen(ctx.get(), request, &response);
        std::lock_guard<std::mutex> lock(mu);
        if (s.ok()) {
          ++ok;
        } else if (s.error_code() == grpc::StatusCode::UNAVAILABLE &&
                   ErrorInfoReason(s) == "DRAINING") {
          ++refused;
          ++mine_refused;
        } else {
          unexpected.push_back(std::to_string(s.error_code()) + " " + s.error_message());
          break;
        }
        cv.notify_all();
      }
      std::lock_guard<std::mutex> lock(mu);
      cv.notify_all();
    });
  }
  {
    // No ASSERT before the clients are joined: SIGTERM is what ends their loops.
    std::unique_lock<std::mutex> lock(mu);
    EXPECT_TRUE(cv.wait_for(lock, 20s, [&] { return ok >= 200 || !unexpected.empty(); }))
        << "the clients' calls did not get going";
  }

  auto signalled = std::chrono::steady_clock::now();
  gateway.Signal(SIGTERM);
  int rc = gateway.Wait(10);
  auto took = std::chrono::steady_clock::now() - signalled;
  for (auto& t : clients) t.join();

  EXPECT_EQ(rc, 0) << "not exited 10 s after SIGTERM (drain_timeout 20s)\n" << gateway.Stderr();
  EXPECT_LT(took, 5s);
  EXPECT_TRUE(unexpected.empty()) << unexpected.front();
  EXPECT_GE(refused, 1) << "no call was refused while draining, so the test showed nothing";
  std::printf("[ measure ] %d OK, %d refused DRAINING; exited %lld ms after SIGTERM\n", ok,
              refused,
              static_cast<long long>(
                  std::chrono::duration_cast<std::chrono::milliseconds>(took).count()));
}

// Clients keep their channels: a connection with no call in flight must not hold the drain up
// either. A stream admitted before SIGTERM runs on while draining; once it ends, nothing is in
// flight, and the process should exit then, with the client's channel (idle) still open.
TEST(DrainRefusalsTest, AnIdleClientConnectionDoesNotHoldTheDrainUp) {
  StartedGateway gw = StartGateway(
      "shutdown:\n  drain_timeout: 20s\nconnectors: [{name: population, scale: 2000}]\n");
  GatewayProcess& gateway = *gw.process;
  ASSERT_TRUE(gateway.WaitUntilListening()) << gateway.Stderr();
  auto ids = SampleIdsFor(gw.config_path, "population", 1);
  ASSERT_EQ(ids.size(), 1u);
  auto stub = PopulationService::NewStub(OwnChannel(gateway.grpc_target()));
  auto ctx = CallContext("lt-drain-stream", 20s);
  auto stream = stub->BatchVerifyCitizens(ctx.get());
  population::v1::BatchVerifyCitizensRequest item;
  item.mutable_verification()->set_personal_id(ids[0]);
  population::v1::BatchVerifyCitizensResponse answer;
  ASSERT_TRUE(stream->Write(item));
  ASSERT_TRUE(stream->Read(&answer));

  auto signalled = std::chrono::steady_clock::now();
  gateway.Signal(SIGTERM);
  ASSERT_TRUE(gateway.WaitForStderr("draining", 10));
  ASSERT_TRUE(stream->Write(item));  // still served while draining
  ASSERT_TRUE(stream->Read(&answer));
  stream->WritesDone();
  grpc::Status status = stream->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
  int rc = gateway.Wait(15);  // the channel stays open throughout, as a client's would
  auto took = std::chrono::steady_clock::now() - signalled;
  EXPECT_EQ(rc, 0) << gateway.Stderr();
  EXPECT_LT(took, 5s) << "nothing was in flight once the stream ended (drain_timeout 20s)";
  std::printf("[ measure ] exited %lld ms after SIGTERM with an idle client connection open\n",
              static_cast<long long>(
                  std::chrono::duration_cast<std::chrono::milliseconds>(took).count()));
}

}  // namespace
}  // namespace ndxp::testing
