// Streaming calls (server, client, bidirectional) through UpstreamTarget against real gRPC
// servers, driven by a FakePeer that checks the StreamPeer rules.

#include <absl/time/clock.h>
#include <gtest/gtest.h>

#include "adapters/upstream/upstream_target.h"
#include "gateway/core/status.h"
#include "ndxp/business/v1/business.pb.h"
#include "ndxp/population/v1/population.pb.h"
#include "tests/unit/adapters/upstream/upstream_fixture.h"

namespace ndxp::adapters::testing {
namespace {

namespace pop = ndxp::population::v1;
namespace biz = ndxp::business::v1;

std::string EnterprisesRequest(const std::string& spec) {
  biz::StreamEnterprisesRequest request;
  request.set_province_code(spec);
  return request.SerializeAsString();
}

std::string BatchItem(const std::string& id) {
  pop::BatchVerifyCitizensRequest request;
  request.set_correlation_id(id);
  request.mutable_verification()->set_personal_id("079203001234");
  return request.SerializeAsString();
}

std::string ReconcileItem(const std::string& id) {
  pop::ReconcileCitizensRequest request;
  request.mutable_verification()->set_personal_id(id);
  return request.SerializeAsString();
}

template <class M>
M Parse(const std::string& bytes) {
  M m;
  EXPECT_TRUE(m.ParseFromString(bytes));
  return m;
}

class StreamTest : public UpstreamTest {
 protected:
  // Opens a stream of `method` on `peer` and starts it.
  void Open(const std::string& method, TestCall& t, FakePeer& peer) {
    const core::Route& route = RouteOf(method);
    peer.Attach(route.target->OpenStream(t.call, peer));
    peer.Start();
  }
};

TEST_F(StreamTest, ServerStreamEndToEnd) {
  TestUpstream server("alpha");
  Route({server.address()}, kBusiness);
  TestCall t(RouteOf(kStreamEnterprises));
  FakePeer peer;
  peer.Send(EnterprisesRequest("5"));
  peer.HalfClose();
  Open(kStreamEnterprises, t, peer);
  auto status = peer.WaitForFinish();
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(status->ok()) << *status;
  std::vector<std::string> responses = peer.responses();
  ASSERT_EQ(responses.size(), 5u);
  for (std::size_t i = 0; i < responses.size(); ++i) {
    EXPECT_EQ(Parse<biz::StreamEnterprisesResponse>(responses[i]).enterprise().enterprise_code(),
              std::to_string(i));
  }
  EXPECT_EQ(server.last_call().metadata["x-request-id"], "req-0123");
  EXPECT_EQ(server.last_call().metadata.count("x-api-key"), 0u);
  EXPECT_TRUE(peer.violations().empty()) << peer.violations()[0];
}

TEST_F(StreamTest, ClientStreamEndToEnd) {
  TestUpstream server("alpha");
  Route({server.address()});
  TestCall t(RouteOf(kReconcile));
  FakePeer peer;
  Open(kReconcile, t, peer);
  for (int i = 0; i < 7; ++i) peer.Send(ReconcileItem(i % 2 == 0 ? "p" + std::to_string(i) : "q"));
  peer.HalfClose();
  auto status = peer.WaitForFinish();
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(status->ok()) << *status;
  ASSERT_EQ(peer.responses().size(), 1u);
  auto summary = Parse<pop::ReconcileCitizensResponse>(peer.responses()[0]);
  EXPECT_EQ(summary.total_count(), 7);
  EXPECT_EQ(summary.matched_count(), 4);
  EXPECT_TRUE(peer.violations().empty()) << peer.violations()[0];
}

void BidiEcho(StreamTest& test, FakePeer& peer, TestCall& t) {
  for (int i = 0; i < 5; ++i) {
    peer.Send(BatchItem("c" + std::to_string(i)));
    ASSERT_TRUE(peer.WaitForResponses(i + 1)) << "response " << i;  // one at a time: ping-pong
  }
  peer.HalfClose();
  auto status = peer.WaitForFinish();
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(status->ok()) << *status;
  std::vector<std::string> responses = peer.responses();
  ASSERT_EQ(responses.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Parse<pop::BatchVerifyCitizensResponse>(responses[i]).correlation_id(),
              "c" + std::to_string(i));
  }
  EXPECT_TRUE(peer.violations().empty()) << peer.violations()[0];
}

TEST_F(StreamTest, BidiEndToEnd) {
  TestUpstream server("alpha");
  Route({server.address()});
  TestCall t(RouteOf(kBatchVerify));
  FakePeer peer;
  Open(kBatchVerify, t, peer);
  BidiEcho(*this, peer, t);
}

TEST_F(StreamTest, BidiEndToEndWithInlineCompletions) {
  TestUpstream server("alpha");
  Route({server.address()});
  TestCall t(RouteOf(kBatchVerify));
  FakePeer peer(/*inline_completions=*/true);
  Open(kBatchVerify, t, peer);
  BidiEcho(*this, peer, t);
}

TEST_F(StreamTest, BidiAllAtOnce) {
  TestUpstream server("alpha");
  Route({server.address()});
  TestCall t(RouteOf(kBatchVerify));
  FakePeer peer;
  for (int i = 0; i < 200; ++i) peer.Send(BatchItem("c" + std::to_string(i)));
  peer.HalfClose();
  Open(kBatchVerify, t, peer);
  auto status = peer.WaitForFinish();
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(status->ok()) << *status;
  EXPECT_EQ(peer.responses().size(), 200u);
  EXPECT_TRUE(peer.violations().empty()) << peer.violations()[0];
}

TEST_F(StreamTest, ASlowCallerHoldsTheUpstreamBack) {
  TestUpstream server("alpha");
  Route({server.address()}, kBusiness);
  TestCall t(RouteOf(kStreamEnterprises));
  FakePeer peer;
  peer.Stall();
  constexpr int kMessageBytes = 1024;
  peer.Send(EnterprisesRequest("0:" + std::to_string(kMessageBytes)));  // without end
  peer.HalfClose();
  Open(kStreamEnterprises, t, peer);
  ASSERT_TRUE(peer.WaitForWriteStarted(1));  // the first message waits on the caller
  // The server can only fill the HTTP/2 stream window (256 KiB) and its own write buffer: a
  // bound, whatever the time given (it is reached within a few milliseconds).
  constexpr std::int64_t kBound = (1 << 20) / kMessageBytes;  // 1 MiB
  EXPECT_FALSE(server.WaitForStreamWrites(kBound, absl::Seconds(1)))
      << "the upstream ran " << server.stream_writes() << " messages ahead of a stalled caller";
  std::int64_t ahead = server.stream_writes();
  std::printf("server writes completed while the caller was stalled: %lld (%lld KiB)\n",
              static_cast<long long>(ahead), static_cast<long long>(ahead * kMessageBytes / 1024));
  // Once the caller reads again, the stream flows.
  peer.Unstall();
  EXPECT_TRUE(peer.WaitForResponses(ahead + 100));
  peer.Cancel();
  auto status = peer.WaitForFinish();
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(peer.violations().empty()) << peer.violations()[0];
}

TEST_F(StreamTest, AnUpstreamThatDiesMidStreamIsUnavailable) {
  TestUpstream server("alpha");
  Route({server.address()}, kBusiness);
  TestCall t(RouteOf(kStreamEnterprises));
  FakePeer peer;
  peer.Send(EnterprisesRequest("0"));
  peer.HalfClose();
  Open(kStreamEnterprises, t, peer);
  ASSERT_TRUE(peer.WaitForResponses(10));
  server.Shutdown();
  auto status = peer.WaitForFinish();
  ASSERT_TRUE(status.has_value()) << "the stream hangs after its upstream died";
  EXPECT_EQ(status->code(), absl::StatusCode::kUnavailable) << *status;
  EXPECT_TRUE(peer.violations().empty()) << peer.violations()[0];
}

TEST_F(StreamTest, AnUpstreamThatDiesDuringAnIdleBidiIsUnavailable) {
  TestUpstream server("alpha");
  Route({server.address()});
  TestCall t(RouteOf(kBatchVerify));
  FakePeer peer;
  Open(kBatchVerify, t, peer);
  peer.Send(BatchItem("c0"));
  ASSERT_TRUE(peer.WaitForResponses(1));
  server.Shutdown();  // the caller is silent: a read of its next message is outstanding
  auto status = peer.WaitForFinish();
  ASSERT_TRUE(status.has_value()) << "the stream hangs after its upstream died";
  EXPECT_EQ(status->code(), absl::StatusCode::kUnavailable) << *status;
  EXPECT_TRUE(peer.violations().empty()) << peer.violations()[0];
}

TEST_F(StreamTest, TheCallerCancellingEndsTheUpstreamCall) {
  TestUpstream server("alpha");
  Route({server.address()});
  TestCall t(RouteOf(kBatchVerify));
  FakePeer peer;
  Open(kBatchVerify, t, peer);
  peer.Send(BatchItem("c0"));
  ASSERT_TRUE(peer.WaitForResponses(1));
  peer.Cancel();
  auto status = peer.WaitForFinish();
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(status->code(), absl::StatusCode::kCancelled) << *status;
  EXPECT_TRUE(peer.violations().empty()) << peer.violations()[0];
  std::string text = registry_.Render();
  EXPECT_NE(text.find("ndxp_gateway_upstream_requests_total{upstream=\"pop\",endpoint=\"" +
                      server.address() + "\",code=\"CANCELLED\"} 1"),
            std::string::npos)
      << text;
}

TEST_F(StreamTest, CancellingTheCallsWorkInFlightEndsTheStream) {
  TestUpstream server("alpha");
  Route({server.address()}, kBusiness);
  TestCall t(RouteOf(kStreamEnterprises));
  FakePeer peer;
  peer.Send(EnterprisesRequest("0"));
  peer.HalfClose();
  Open(kStreamEnterprises, t, peer);
  ASSERT_TRUE(peer.WaitForResponses(3));
  t.call.CancelInFlight();
  auto status = peer.WaitForFinish();
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(status->code(), absl::StatusCode::kCancelled) << *status;
  EXPECT_TRUE(peer.violations().empty()) << peer.violations()[0];
}

TEST_F(StreamTest, CancelledBeforeStart) {
  TestUpstream server("alpha");
  Route({server.address()});
  TestCall t(RouteOf(kBatchVerify));
  FakePeer peer;
  peer.Attach(RouteOf(kBatchVerify).target->OpenStream(t.call, peer));
  peer.Cancel();
  peer.Start();
  auto status = peer.WaitForFinish();
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(status->code(), absl::StatusCode::kCancelled);
  EXPECT_TRUE(peer.violations().empty()) << peer.violations()[0];
}

TEST_F(StreamTest, TheDeadlineEndsAStream) {
  TestUpstream server("alpha");
  Route({server.address()});
  TestCall t(RouteOf(kBatchVerify));
  t.call.context().deadline = absl::Now() + absl::Milliseconds(200);
  FakePeer peer;
  Open(kBatchVerify, t, peer);
  auto status = peer.WaitForFinish();
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(status->code(), absl::StatusCode::kDeadlineExceeded) << *status;
  EXPECT_TRUE(peer.violations().empty()) << peer.violations()[0];
}

TEST_F(StreamTest, NoHealthyEndpointFinishesAtOnce) {
  auto cluster = Route({DeadAddress()});
  ASSERT_TRUE(WaitForFailure(*cluster->endpoints()[0], absl::Seconds(10)));
  TestCall t(RouteOf(kBatchVerify));
  FakePeer peer;
  Open(kBatchVerify, t, peer);
  auto status = peer.WaitForFinish();
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(status->code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(peer.violations().empty()) << peer.violations()[0];
}

TEST_F(StreamTest, NothingListeningIsUnavailable) {
  Route({DeadAddress()});
  TestCall t(RouteOf(kBatchVerify));
  FakePeer peer;
  Open(kBatchVerify, t, peer);
  auto status = peer.WaitForFinish();
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(status->code(), absl::StatusCode::kUnavailable) << *status;
  EXPECT_TRUE(peer.violations().empty()) << peer.violations()[0];
}

// A stage that refuses one request message and one response message.
class RefusingStage final : public core::Stage {
 public:
  std::string_view name() const override { return "refusing"; }
  bool inspects_requests() const override { return true; }
  bool inspects_responses() const override { return true; }
  absl::Status OnRequestMessage(core::Call&, const google::protobuf::Message& m) override {
    const auto& request = static_cast<const pop::BatchVerifyCitizensRequest&>(m);
    if (request.correlation_id() == "bad-request") return absl::PermissionDeniedError("no");
    return absl::OkStatus();
  }
  absl::Status OnResponseMessage(core::Call&, google::protobuf::Message& m) override {
    auto& response = static_cast<pop::BatchVerifyCitizensResponse&>(m);
    if (response.correlation_id() == "bad-response") return absl::InternalError("masked");
    response.set_correlation_id(response.correlation_id() + "!");
    return absl::OkStatus();
  }
};

TEST_F(StreamTest, StagesInspectEachMessageAndTheirErrorsEndTheCall) {
  TestUpstream server("alpha");
  Route({server.address()});
  RefusingStage stage;
  core::Chain chain({&stage});
  for (const char* bad : {"bad-request", "bad-response"}) {
    TestCall t(RouteOf(kBatchVerify), &chain);
    FakePeer peer;
    Open(kBatchVerify, t, peer);
    peer.Send(BatchItem("ok"));
    ASSERT_TRUE(peer.WaitForResponses(1));
    EXPECT_EQ(Parse<pop::BatchVerifyCitizensResponse>(peer.responses()[0]).correlation_id(),
              "ok!");
    peer.Send(BatchItem(bad));
    auto status = peer.WaitForFinish();
    ASSERT_TRUE(status.has_value());
    EXPECT_EQ(status->code(), bad == std::string("bad-request") ? absl::StatusCode::kPermissionDenied
                                                               : absl::StatusCode::kInternal)
        << *status;
    EXPECT_EQ(peer.responses().size(), 1u);
    EXPECT_TRUE(peer.violations().empty()) << peer.violations()[0];
  }
}

}  // namespace
}  // namespace ndxp::adapters::testing
