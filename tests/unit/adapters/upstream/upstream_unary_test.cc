// Unary calls through UpstreamTarget against real gRPC servers.

#include <atomic>

#include <absl/synchronization/mutex.h>
#include <absl/time/clock.h>
#include <gtest/gtest.h>

#include "adapters/upstream/upstream_target.h"
#include "gateway/core/status.h"
#include "gateway/core/trace_context.h"
#include "google/rpc/error_details.pb.h"
#include "ndxp/population/v1/population.pb.h"
#include "tests/unit/adapters/upstream/upstream_fixture.h"

namespace ndxp::adapters::testing {
namespace {

namespace pop = ndxp::population::v1;

std::string CitizenRequest(const std::string& id) {
  pop::GetCitizenRequest request;
  request.set_personal_id(id);
  return request.SerializeAsString();
}

// Runs one GetCitizen call; returns its status (fails the test on a timeout).
absl::Status RunUnary(const core::Route& route, TestCall& t, const std::string& request_bytes,
                      absl::Duration timeout = absl::Seconds(10)) {
  t.request.SetBytes(request_bytes);
  UnaryDone done;
  route.target->Unary(t.call, t.request, t.response, done);
  std::optional<absl::Status> status = done.Wait(timeout);
  EXPECT_TRUE(status.has_value()) << "no answer within " << timeout;
  EXPECT_EQ(done.count(), 1);
  return status.value_or(absl::DeadlineExceededError("test timeout"));
}

pop::GetCitizenResponse Answer(TestCall& t) {
  pop::GetCitizenResponse response;
  EXPECT_TRUE(response.ParseFromString(core::StringOf(**t.response.Bytes())));
  return response;
}

std::optional<google::rpc::ErrorInfo> ErrorInfoOf(const absl::Status& status) {
  google::rpc::Status rpc = core::ToRpcStatus(status);
  for (const auto& any : rpc.details()) {
    google::rpc::ErrorInfo info;
    if (any.UnpackTo(&info)) return info;
  }
  return std::nullopt;
}

using UnaryTest = UpstreamTest;

TEST_F(UnaryTest, ForwardsTheBytesUntouchedAndReturnsTheAnswer) {
  TestUpstream server("alpha");
  Route({server.address()});
  const core::Route& route = RouteOf(kGetCitizen);
  EXPECT_EQ(route.target->kind(), "upstream");
  // A field the gateway's schema does not know: it must reach the upstream all the same.
  std::string bytes = CitizenRequest("079203001234") + std::string("\xa0\x06\x07", 3);
  TestCall t(route);
  ASSERT_TRUE(RunUnary(route, t, bytes).ok());
  EXPECT_FALSE(t.request.has_message()) << "no stage inspects: the request is never parsed";
  EXPECT_FALSE(t.response.has_message());
  pop::GetCitizenResponse answer = Answer(t);
  EXPECT_EQ(answer.citizen().personal_id(), "079203001234");
  EXPECT_EQ(answer.citizen().full_name(), "alpha");
  EXPECT_EQ(answer.citizen().ethnicity(), Hex(bytes));
}

TEST_F(UnaryTest, PassesTheUpstreamsStatusAndDetailsOnByteForByte) {
  TestUpstream server("alpha");
  Route({server.address()});
  TestCall t(RouteOf(kGetCitizen));
  absl::Status status = RunUnary(RouteOf(kGetCitizen), t, CitizenRequest("fail"));
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "upstream refuses");
  grpc::Status out = core::ToGrpcStatus(status);
  EXPECT_EQ(out.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(out.error_details(), TestUpstream::Details());
  auto info = ErrorInfoOf(status);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), "UPSTREAM_RULE");
}

TEST_F(UnaryTest, TheCallsDeadlineReachesTheUpstream) {
  TestUpstream server("alpha");
  Route({server.address()});
  TestCall t(RouteOf(kGetCitizen));
  t.call.context().deadline = absl::Now() + absl::Milliseconds(200);
  absl::Time start = absl::Now();
  absl::Status status = RunUnary(RouteOf(kGetCitizen), t, CitizenRequest("delay:5000"));
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  EXPECT_LT(absl::Now() - start, absl::Seconds(4));
}

TEST_F(UnaryTest, ADelayedAnswerArrives) {
  TestUpstream server("alpha");
  Route({server.address()});
  TestCall t(RouteOf(kGetCitizen));
  t.call.context().deadline = absl::Now() + absl::Seconds(10);
  ASSERT_TRUE(RunUnary(RouteOf(kGetCitizen), t, CitizenRequest("delay:50")).ok());
  EXPECT_EQ(Answer(t).citizen().full_name(), "alpha");
}

TEST_F(UnaryTest, NothingListeningIsUnavailableAtOnce) {
  Route({DeadAddress()});
  TestCall t(RouteOf(kGetCitizen));
  absl::Time start = absl::Now();
  absl::Status status = RunUnary(RouteOf(kGetCitizen), t, CitizenRequest("1"));
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
}

TEST_F(UnaryTest, NoHealthyEndpointIsNoHealthyUpstream) {
  auto cluster = Route({DeadAddress()});
  ASSERT_TRUE(WaitForFailure(*cluster->endpoints()[0], absl::Seconds(10)));
  TestCall t(RouteOf(kGetCitizen));
  absl::Status status = RunUnary(RouteOf(kGetCitizen), t, CitizenRequest("079203001234"));
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(status.message().find(kPopulation), absl::string_view::npos) << status;
  EXPECT_EQ(status.message().find("079203001234"), absl::string_view::npos);
  auto info = ErrorInfoOf(status);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), kNoHealthyUpstream);
  std::string text = registry_.Render();
  EXPECT_NE(text.find("ndxp_gateway_upstream_no_healthy_endpoint_total{upstream=\"pop\"} 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("ndxp_gateway_upstream_endpoint_up{upstream=\"pop\",endpoint=\"" +
                      cluster->endpoints()[0]->address() + "\"} 0"),
            std::string::npos)
      << text;
}

TEST_F(UnaryTest, RoundRobinSpreadsCallsOverTheEndpoints) {
  TestUpstream a("alpha"), b("beta");
  auto cluster = Route({a.address(), b.address()});
  ASSERT_TRUE(cluster->WaitForConnected(absl::Now() + absl::Seconds(10)));
  for (int i = 0; i < 10; ++i) {
    TestCall t(RouteOf(kGetCitizen));
    ASSERT_TRUE(RunUnary(RouteOf(kGetCitizen), t, CitizenRequest("1")).ok());
  }
  EXPECT_EQ(a.calls(), 5);
  EXPECT_EQ(b.calls(), 5);
}

// Counts events from several sources (answers, calls held by a server) to wait on together.
class Arrivals {
 public:
  void Bump() {
    absl::MutexLock lock(&mu_);
    ++count_;
  }
  bool WaitFor(int n, absl::Duration timeout = absl::Seconds(10)) {
    absl::MutexLock lock(&mu_);
    auto reached = [this, n]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return count_ >= n; };
    return mu_.AwaitWithTimeout(absl::Condition(&reached), timeout);
  }

 private:
  absl::Mutex mu_;
  int count_ ABSL_GUARDED_BY(mu_) = 0;
};

class CountedDone final : public core::UnaryCompletion {
 public:
  explicit CountedDone(Arrivals& arrivals) : arrivals_(arrivals) {}
  void OnUnaryDone(const absl::Status& status) override {
    done_.store(true);
    arrivals_.Bump();
  }
  bool done() const { return done_.load(); }

 private:
  Arrivals& arrivals_;
  std::atomic<bool> done_{false};
};

TEST_F(UnaryTest, LeastRequestPrefersTheEndpointWithFewerCallsInFlight) {
  TestUpstream slow("slow"), fast("fast");
  Arrivals arrivals;
  slow.set_hold_all(true);
  slow.set_on_hold([&arrivals] { arrivals.Bump(); });
  auto config = Config({slow.address(), fast.address()});
  config.set_balancing(ndxp::gateway::v1::BALANCING_LEAST_REQUEST);
  auto cluster = Route(config);
  ASSERT_TRUE(cluster->WaitForConnected(absl::Now() + absl::Seconds(10)));
  // Calls on `slow` stay in flight; each call is sent once the previous one has arrived (held by
  // `slow`, or answered by `fast`).
  std::vector<std::unique_ptr<TestCall>> calls;
  std::vector<std::unique_ptr<CountedDone>> dones;
  for (int i = 0; i < 20; ++i) {
    calls.push_back(std::make_unique<TestCall>(RouteOf(kGetCitizen)));
    dones.push_back(std::make_unique<CountedDone>(arrivals));
    TestCall& t = *calls.back();
    t.request.SetBytes(CitizenRequest("1"));
    RouteOf(kGetCitizen).target->Unary(t.call, t.request, t.response, *dones.back());
    ASSERT_TRUE(arrivals.WaitFor(i + 1)) << "call " << i;
  }
  EXPECT_LE(slow.calls(), 1);
  EXPECT_GE(fast.calls(), 19);
  slow.ReleaseHeld();
  ASSERT_TRUE(arrivals.WaitFor(20 + slow.calls()));
  for (const auto& done : dones) EXPECT_TRUE(done->done());
}

TEST_F(UnaryTest, PassesOnRequestIdTraceContextAndIdentityButNotTheCallersHeaders) {
  TestUpstream server("alpha");
  Route({server.address()});
  TestCall t(RouteOf(kGetCitizen));
  t.call.context().trace = core::TraceContext::From(
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "vendor=opaque");
  ASSERT_TRUE(RunUnary(RouteOf(kGetCitizen), t, CitizenRequest("1")).ok());
  SeenCall seen = server.last_call();
  EXPECT_EQ(seen.metadata["x-request-id"], "req-0123");
  EXPECT_EQ(seen.metadata["traceparent"], t.call.context().trace.OutgoingTraceparent());
  EXPECT_TRUE(seen.metadata["traceparent"].starts_with("00-4bf92f3577b34da6a3ce929d0e0e4736-"));
  EXPECT_EQ(seen.metadata["tracestate"], "vendor=opaque");
  EXPECT_EQ(seen.metadata["x-test-identity"], std::string(kGetCitizen) + "|req-0123");
  EXPECT_EQ(seen.metadata.count("x-api-key"), 0u);
  EXPECT_TRUE(seen.metadata["user-agent"].starts_with("ndxp-gateway")) << seen.metadata["user-agent"];
}

TEST_F(UnaryTest, NoTraceContextNoTraceHeaders) {
  TestUpstream server("alpha");
  Route({server.address()});
  TestCall t(RouteOf(kGetCitizen));
  t.call.context().request_id.clear();
  ASSERT_TRUE(RunUnary(RouteOf(kGetCitizen), t, CitizenRequest("1")).ok());
  SeenCall seen = server.last_call();
  EXPECT_EQ(seen.metadata.count("traceparent"), 0u);
  EXPECT_EQ(seen.metadata.count("tracestate"), 0u);
  EXPECT_EQ(seen.metadata.count("x-request-id"), 0u);
}

TEST_F(UnaryTest, TheCallersCancellationReachesTheUpstream) {
  TestUpstream server("alpha");
  Route({server.address()});
  TestCall t(RouteOf(kGetCitizen));
  t.request.SetBytes(CitizenRequest("hold"));
  UnaryDone done;
  RouteOf(kGetCitizen).target->Unary(t.call, t.request, t.response, done);
  ASSERT_TRUE(server.WaitForHeld(1, absl::Seconds(10)));
  EXPECT_FALSE(done.Wait(absl::ZeroDuration()).has_value());
  t.call.CancelInFlight();
  EXPECT_TRUE(server.WaitForCancelled(1, absl::Seconds(10)));
  auto status = done.Wait();
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(status->code(), absl::StatusCode::kCancelled);
}

TEST_F(UnaryTest, SeparateConnectionsPerEndpoint) {
  TestUpstream server("alpha");
  auto config = Config({server.address()});
  config.set_connections_per_endpoint(3);
  auto cluster = Route(config);
  ASSERT_EQ(cluster->endpoints()[0]->connection_count(), 3u);
  ASSERT_TRUE(cluster->WaitForConnected(absl::Now() + absl::Seconds(10)));
  for (int i = 0; i < 6; ++i) {
    TestCall t(RouteOf(kGetCitizen));
    ASSERT_TRUE(RunUnary(RouteOf(kGetCitizen), t, CitizenRequest("1")).ok());
  }
  EXPECT_EQ(server.distinct_peers(), 3u);
}

TEST_F(UnaryTest, CountsCallsPerEndpointAndCode) {
  TestUpstream server("alpha");
  Route({server.address()});
  for (const char* id : {"1", "2", "fail"}) {
    TestCall t(RouteOf(kGetCitizen));
    RunUnary(RouteOf(kGetCitizen), t, CitizenRequest(id)).IgnoreError();
  }
  std::string text = registry_.Render();
  std::string labels = "{upstream=\"pop\",endpoint=\"" + server.address() + "\"";
  EXPECT_NE(text.find("ndxp_gateway_upstream_requests_total" + labels + ",code=\"OK\"} 2"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("ndxp_gateway_upstream_requests_total" + labels +
                      ",code=\"FAILED_PRECONDITION\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("ndxp_gateway_upstream_in_flight" + labels + "} 0"), std::string::npos);
  EXPECT_NE(text.find("ndxp_gateway_upstream_endpoint_up" + labels + "} 1"), std::string::npos);
}

// A stage that reads requests and rewrites responses (as a field mask would).
class InspectingStage final : public core::Stage {
 public:
  std::string_view name() const override { return "inspecting"; }
  bool inspects_requests() const override { return true; }
  bool inspects_responses() const override { return true; }
  absl::Status OnRequestMessage(core::Call&, const google::protobuf::Message& m) override {
    const auto& request = static_cast<const pop::GetCitizenRequest&>(m);
    if (request.personal_id() == "forbidden") return absl::PermissionDeniedError("not this one");
    return absl::OkStatus();
  }
  absl::Status OnResponseMessage(core::Call&, google::protobuf::Message& m) override {
    static_cast<pop::GetCitizenResponse&>(m).mutable_citizen()->clear_full_name();
    return absl::OkStatus();
  }
};

TEST_F(UnaryTest, StagesThatInspectSeeTheMessages) {
  TestUpstream server("alpha");
  Route({server.address()});
  InspectingStage stage;
  core::Chain chain({&stage});
  {
    TestCall t(RouteOf(kGetCitizen), &chain);
    ASSERT_TRUE(RunUnary(RouteOf(kGetCitizen), t, CitizenRequest("1")).ok());
    pop::GetCitizenResponse answer = Answer(t);
    EXPECT_EQ(answer.citizen().personal_id(), "1");
    EXPECT_EQ(answer.citizen().full_name(), "") << "the stage's change reaches the caller";
  }
  {
    TestCall t(RouteOf(kGetCitizen), &chain);
    absl::Status status = RunUnary(RouteOf(kGetCitizen), t, CitizenRequest("forbidden"));
    EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied);
    EXPECT_EQ(server.calls(), 1) << "a refused request never reaches the upstream";
  }
  {
    TestCall t(RouteOf(kGetCitizen), &chain);
    absl::Status status = RunUnary(RouteOf(kGetCitizen), t, std::string("\xff\xff", 2));
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
    EXPECT_EQ(server.calls(), 1);
  }
}

}  // namespace
}  // namespace ndxp::adapters::testing
