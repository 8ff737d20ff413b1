// A slow upstream (the example server's Lookup of "slow:<ms>"): the caller's deadline and the
// upstream's `timeout` bound the call, and many slow calls in flight hold no listener thread, so
// that other routes answer at once meanwhile.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "example/v1/lookup.grpc.pb.h"
#include "ndxp/business/v1/business.grpc.pb.h"
#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/remote/remote_cluster.h"

namespace ndxp::testing {
namespace {

namespace ex = ::example::v1;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

long long MillisSince(Clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(Clock::now() - start).count();
}

// A Lookup through `gateway`; `deadline` zero: none of the caller's own.
grpc::Status Lookup(const GatewayProcess& gateway, const std::string& key, milliseconds deadline,
                    long long* took_ms) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("x-api-key", kTestApiKey);
  ctx.AddMetadata("x-ndxp-purpose", "administrative-procedure");
  if (deadline.count() > 0) ctx.set_deadline(std::chrono::system_clock::now() + deadline);
  ex::LookupRequest request;
  request.set_key(key);
  ex::LookupResponse response;
  const auto start = Clock::now();
  grpc::Status status =
      ex::LookupService::NewStub(ChannelTo(gateway))->Lookup(&ctx, request, &response);
  *took_ms = MillisSince(start);
  return status;
}

TEST(RemoteSlowTest, CallersDeadlineEndsASlowCall) {
  Started* remote = RemoteCluster::Get().remote();
  ASSERT_NE(remote, nullptr);
  long long took = 0;
  grpc::Status status = Lookup(*remote->process, "slow:5000", milliseconds(300), &took);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << status.error_message();
  EXPECT_LT(took, 2000) << "a 300 ms deadline took " << took << " ms";
}

TEST(RemoteSlowTest, UpstreamTimeoutBoundsACallWithoutDeadline) {
  Started* gateway = RemoteCluster::Get().timeout();  // example.v1.LookupService, timeout: 1s
  ASSERT_NE(gateway, nullptr);
  long long took = 0;
  grpc::Status status = Lookup(*gateway->process, "slow:5000", milliseconds(0), &took);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << status.error_message();
  EXPECT_LT(took, 4000) << "timeout 1s took " << took << " ms";
  // A longer deadline of the caller's is shortened to the timeout; a shorter one is kept.
  status = Lookup(*gateway->process, "slow:5000", milliseconds(10000), &took);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_LT(took, 4000) << "timeout 1s with a 10 s deadline took " << took << " ms";
  status = Lookup(*gateway->process, "slow:100", milliseconds(0), &took);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST(RemoteSlowTest, UpstreamTimeoutBoundsAStreamToo) {
  Started* gateway = RemoteCluster::Get().timeout();
  ASSERT_NE(gateway, nullptr);
  grpc::ClientContext ctx;
  ctx.AddMetadata("x-api-key", kTestApiKey);
  ctx.AddMetadata("x-ndxp-purpose", "administrative-procedure");
  ex::ListItemsRequest request;
  request.set_count(1'000'000'000);  // far more than a second's worth
  request.set_payload_bytes(1024);
  const auto start = Clock::now();
  auto reader = ex::LookupService::NewStub(ChannelTo(*gateway->process))->ListItems(&ctx, request);
  ex::ListItemsResponse item;
  long long items = 0;
  while (reader->Read(&item)) ++items;
  grpc::Status status = reader->Finish();
  const long long took = MillisSince(start);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << status.error_message();
  EXPECT_GT(items, 0);
  EXPECT_LT(took, 4000) << "a stream under timeout 1s ran " << took << " ms";
}

// Many Lookup calls of "slow:<ms>" in flight at once on the callback API. Whatever happens, they
// end (cancelled if need be) before their state goes.
class SlowCalls {
 public:
  SlowCalls(const GatewayProcess& gateway, int count, int millis)
      : stub_(ex::LookupService::NewStub(ChannelTo(gateway))) {
    for (int i = 0; i < count; ++i) {
      auto call = std::make_unique<Call>();
      call->ctx.AddMetadata("x-api-key", kTestApiKey);
      call->ctx.AddMetadata("x-ndxp-purpose", "administrative-procedure");
      call->ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
      call->request.set_key("slow:" + std::to_string(millis));
      Call* c = call.get();
      calls_.push_back(std::move(call));
      stub_->async()->Lookup(&c->ctx, &c->request, &c->response, [this, c](grpc::Status s) {
        std::lock_guard<std::mutex> lock(mu_);
        c->status = std::move(s);
        ++completed_;
        cv_.notify_all();
      });
    }
  }

  ~SlowCalls() {
    for (auto& c : calls_) c->ctx.TryCancel();
    WaitAll(std::chrono::seconds(10));
  }

  int completed() {
    std::lock_guard<std::mutex> lock(mu_);
    return completed_;
  }

  bool WaitAll(std::chrono::seconds bound) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, bound, [this] { return completed_ == std::ssize(calls_); });
  }

  // The number of calls that ended OK, and the first error otherwise.
  int Ok(std::string& first_error) {
    std::lock_guard<std::mutex> lock(mu_);
    int ok = 0;
    for (const auto& c : calls_) {
      if (c->status.ok())
        ++ok;
      else if (first_error.empty())
        first_error = c->status.error_message();
    }
    return ok;
  }

 private:
  struct Call {
    grpc::ClientContext ctx;
    ex::LookupRequest request;
    ex::LookupResponse response;
    grpc::Status status;
  };
  std::unique_ptr<ex::LookupService::Stub> stub_;
  std::vector<std::unique_ptr<Call>> calls_;
  std::mutex mu_;
  std::condition_variable cv_;
  int completed_ = 0;
};

// One unary call on an in-process route (GetEnterprise) and one on a remote route (GetCitizen):
// both must answer OK within a second.
void ExpectRoutesAnswerPromptly(const GatewayProcess& gateway, const std::string& enterprise,
                                const std::string& citizen) {
  auto channel = ChannelTo(gateway);
  auto ctx = AuthedContext();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  ndxp::business::v1::GetEnterpriseRequest get;
  get.set_enterprise_code(enterprise);
  ndxp::business::v1::GetEnterpriseResponse got;
  auto start = Clock::now();
  grpc::Status s = ndxp::business::v1::BusinessRegistryService::NewStub(channel)->GetEnterprise(
      ctx.get(), get, &got);
  EXPECT_TRUE(s.ok()) << "in-process route during the slow calls: " << s.error_message();
  EXPECT_LT(MillisSince(start), 1000);

  auto ctx2 = AuthedContext();
  ctx2->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  ndxp::population::v1::GetCitizenRequest request;
  request.set_personal_id(citizen);
  ndxp::population::v1::GetCitizenResponse answer;
  start = Clock::now();
  s = ndxp::population::v1::PopulationService::NewStub(channel)->GetCitizen(ctx2.get(), request,
                                                                            &answer);
  EXPECT_TRUE(s.ok()) << "remote route during the slow calls: " << s.error_message();
  EXPECT_LT(MillisSince(start), 1000);
}

// 200 slow calls in flight at once through the gateway; meanwhile an in-process route and a
// remote route answer at once (a listener thread held per slow call would stall them), and every
// slow call then completes.
TEST(RemoteSlowTest, SlowCallsInFlightBlockNoListenerThread) {
  constexpr int kSlowCalls = 200;
  constexpr int kSlowMillis = 3000;
  Started* gateway = RemoteCluster::Get().mixed();  // business in-process, population remote
  ASSERT_NE(gateway, nullptr);
  auto citizens = SampleIds("population", 1);
  auto enterprises = SampleIds("business", 1);
  ASSERT_FALSE(citizens.empty() || enterprises.empty());

  const auto started = Clock::now();
  SlowCalls slow(*gateway->process, kSlowCalls, kSlowMillis);
  // Bounded: until the gateway has all of them in flight upstream (there is no event for a
  // unary call having arrived; each round is one /metrics scrape).
  double in_flight = 0;
  for (int round = 0; round < 500 && in_flight < kSlowCalls; ++round) {
    in_flight = MetricSum(HttpGet(gateway->process->http_port(), "/metrics"),
                          "ndxp_gateway_upstream_in_flight",
                          {"upstream=\"" + std::string(kLookupService) + "\""});
    if (in_flight < kSlowCalls) std::this_thread::sleep_for(milliseconds(10));
  }
  ASSERT_EQ(in_flight, kSlowCalls) << "the slow calls did not all reach the upstream";

  for (int i = 0; i < 5; ++i)
    ExpectRoutesAnswerPromptly(*gateway->process, enterprises[0], citizens[0]);
  EXPECT_FALSE(HttpGet(gateway->process->http_port(), "/healthz").empty());
  EXPECT_EQ(slow.completed(), 0) << "the probes did not run while the slow calls were in flight";

  ASSERT_TRUE(slow.WaitAll(std::chrono::seconds(30)))
      << slow.completed() << " of " << kSlowCalls << " slow calls completed";
  std::string first_error;
  EXPECT_EQ(slow.Ok(first_error), kSlowCalls) << "first failure: " << first_error;
  EXPECT_GE(MillisSince(started), kSlowMillis);
}

}  // namespace
}  // namespace ndxp::testing
