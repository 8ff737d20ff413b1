// The access log on standard output never stalls or kills the gateway: with standard output a
// pipe that nobody reads, calls keep succeeding while lines are dropped and counted and /readyz
// says why it is not ready; when the reader goes away (EPIPE), the gateway lives on, counting
// the failed writes.
//
// Against the old gateway, which wrote on the calling thread once a buffer was full: calls stall
// on the full pipe (they fail their deadlines and the first assertion's count of successes falls
// short), nothing is counted, /readyz says 200; closing the pipe kills it with SIGPIPE.
#include <chrono>
#include <cstdio>
#include <condition_variable>
#include <mutex>

#include <gtest/gtest.h>

#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/listener/listener_support.h"

namespace ndxp::testing {
namespace {

using namespace std::chrono_literals;
using population::v1::GetCitizenRequest;
using population::v1::GetCitizenResponse;
using population::v1::PopulationService;

constexpr const char* kDropped = "ndxp_gateway_access_log_dropped_lines_total";
constexpr int kInFlight = 32;
constexpr int kBatch = 2000;

// The longest request id the gateway keeps (128), without digits: longer lines fill the buffers
// with fewer calls.
std::string LongRequestId() {
  std::string id = "lt-stall-";
  while (id.size() < 128) id.push_back(static_cast<char>('a' + id.size() % 26));
  return id;
}

// `count` GetCitizen calls, kInFlight at a time, through the callback API; how many were OK.
// Every call has a deadline, and the wait for the last one is bounded.
int CallMany(PopulationService::Stub& stub, const std::string& id, int count,
             std::string* first_error) {
  struct OneCall {
    std::unique_ptr<grpc::ClientContext> ctx;
    GetCitizenRequest request;
    GetCitizenResponse response;
  };
  std::mutex mu;
  std::condition_variable cv;
  int started = 0, finished = 0, ok = 0;
  const std::string request_id = LongRequestId();
  std::unique_lock<std::mutex> lock(mu);
  for (int i = 0; i < count; ++i) {
    // Every call ends within its 10 s deadline: this bound is never the one that ends the wait.
    if (!cv.wait_for(lock, 30s, [&] { return started - finished < kInFlight; })) break;
    ++started;
    lock.unlock();
    auto* call = new OneCall{CallContext(request_id, 10s), {}, {}};
    call->request.set_personal_id(id);
    stub.async()->GetCitizen(call->ctx.get(), &call->request, &call->response,
                             [&, call](grpc::Status s) {
                               delete call;
                               std::lock_guard<std::mutex> guard(mu);
                               if (s.ok()) {
                                 ++ok;
                               } else if (first_error->empty()) {
                                 *first_error =
                                     std::to_string(s.error_code()) + " " + s.error_message();
                               }
                               ++finished;
                               cv.notify_all();
                             });
    lock.lock();
  }
  // The callbacks refer to this frame: wait for every one (each ends within its deadline).
  cv.wait_for(lock, 30s, [&] { return finished == started; });
  return ok;
}

class AccessLogStallTest : public ::testing::Test {};

TEST_F(AccessLogStallTest, AnUnreadOrClosedStandardOutputNeverStopsCalls) {
  StartedGateway gw = StartGateway("connectors: [{name: population, scale: 2000}]\n",
                                   AccessLogTo::kStandardOutput, /*unread_stdout=*/true);
  GatewayProcess& gateway = *gw.process;
  ASSERT_TRUE(gateway.WaitUntilListening()) << gateway.Stderr();
  auto ids = SampleIdsFor(gw.config_path, "population", 1);
  ASSERT_EQ(ids.size(), 1u);
  auto stub = PopulationService::NewStub(OwnChannel(gateway.grpc_target()));
  const std::string buffer_full = std::string(kDropped) + "{reason=\"buffer_full\"}";
  const std::string write_error = std::string(kDropped) + "{reason=\"write_error\"}";

  // Nobody reads: the pipe (64 KiB) and then the writer's buffers fill, and lines are dropped.
  int calls = 0, ok = 0;
  std::string error;
  while (calls < 20 * kBatch && ScrapeMetric(gateway.http_port(), buffer_full) == 0) {
    ok += CallMany(*stub, ids[0], kBatch, &error);
    calls += kBatch;
  }
  EXPECT_EQ(ok, calls) << "calls failed while the access log was not read: " << error;
  EXPECT_GT(ScrapeMetric(gateway.http_port(), buffer_full), 0)
      << "no line dropped after " << calls << " calls";
  HttpResult ready = HttpGet(gateway.http_port(), "/readyz");
  EXPECT_EQ(ready.status, 503) << ready.body;
  EXPECT_NE(ready.body.find("access log"), std::string::npos) << ready.body;
  std::printf("[ measure ] %d calls OK with standard output unread; %s %.0f; /readyz %d: %s\n", ok,
              buffer_full.c_str(), ScrapeMetric(gateway.http_port(), buffer_full), ready.status,
              ready.body.c_str());

  // The reader goes away: writes fail with EPIPE, and the gateway neither dies nor stops serving.
  gateway.CloseStdout();
  error.clear();
  int after = kBatch;
  int after_ok = CallMany(*stub, ids[0], kBatch, &error);
  // Those calls' lines are written (and fail) within a flush round: more calls until counted.
  for (int i = 0; i < 10 && ScrapeMetric(gateway.http_port(), write_error) == 0; ++i) {
    after_ok += CallMany(*stub, ids[0], 500, &error);
    after += 500;
  }
  EXPECT_EQ(after_ok, after) << "calls failed after standard output was closed: " << error;
  EXPECT_GT(ScrapeMetric(gateway.http_port(), write_error), 0) << "no write error counted";
  EXPECT_EQ(gateway.Wait(0), -1) << "the gateway exited: " << gateway.Stderr();
  EXPECT_EQ(CallMany(*stub, ids[0], 100, &error), 100) << error;
  std::printf("[ measure ] after closing standard output: %d calls OK; %s %.0f\n", after_ok,
              write_error.c_str(), ScrapeMetric(gateway.http_port(), write_error));
}

}  // namespace
}  // namespace ndxp::testing
