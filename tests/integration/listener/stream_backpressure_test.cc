// A server stream from the in-process business connector is pulled by the client's reads: a
// client that stops reading holds the gateway's memory to what flow control lets through, and a
// client deadline that cuts a slowly read stream short is recorded as DEADLINE_EXCEEDED.
//
// The data must be larger than any buffer on the way for the first test to mean anything, so the
// suite's gateway runs the business connector alone at kScale enterprises (province 79 then has
// about 37% of them, some 390 bytes each: about 7 MiB per stream).
//
// Against the old gateway, which wrote every response as soon as it was made, the streams that
// are not read would have been queued whole in the gateway (kStreams x 7 MiB): its resident
// memory would have grown by the size of the data, far past kGrowthBound.
//
// The streams share one channel (one connection), as one client's would. Spread over a
// connection each, the gateway's RSS grows by some 10 MiB per connection, not with the data (at
// scale 50000 by more than the streams held), which is gRPC's and the allocator's per-connection
// memory, not queued responses; a bound on it would measure that instead.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include <gtest/gtest.h>

#include "ndxp/business/v1/business.grpc.pb.h"
#include "tests/integration/listener/listener_support.h"

namespace ndxp::testing {
namespace {

using namespace std::chrono_literals;
using business::v1::BusinessRegistryService;
using business::v1::StreamEnterprisesRequest;
using business::v1::StreamEnterprisesResponse;

constexpr int kScale = 50000;
constexpr int kStreams = 16;
constexpr std::int64_t kGrowthBound = 48 << 20;  // measured: +0.3 to +16 MiB

class StreamBackpressureTest : public GatewaySuite<StreamBackpressureTest> {
 public:
  static std::string Sections() {
    return "connectors: [{name: business, scale: " + std::to_string(kScale) + "}]\n";
  }

 protected:
  struct OpenStream {
    std::unique_ptr<BusinessRegistryService::Stub> stub;
    std::unique_ptr<grpc::ClientContext> ctx;
    std::unique_ptr<grpc::ClientReader<StreamEnterprisesResponse>> reader;
  };

  void SetUp() override {
    GatewaySuite::SetUp();
    channel_ = OwnChannel(gateway().grpc_target());
  }

  OpenStream Open(const std::string& request_id, std::chrono::milliseconds deadline) {
    OpenStream s;
    s.stub = BusinessRegistryService::NewStub(channel_);
    s.ctx = CallContext(request_id, deadline);
    StreamEnterprisesRequest request;
    request.set_province_code("79");
    s.reader = s.stub->StreamEnterprises(s.ctx.get(), request);
    return s;
  }

  // Reads the rest of a stream; the bytes of its messages, -1 when it did not end OK.
  static std::int64_t ReadToEnd(OpenStream& s) {
    StreamEnterprisesResponse item;
    std::int64_t bytes = 0;
    while (s.reader->Read(&item)) bytes += static_cast<std::int64_t>(item.ByteSizeLong());
    grpc::Status status = s.reader->Finish();
    EXPECT_TRUE(status.ok()) << status.error_message();
    return status.ok() ? bytes : -1;
  }

  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(StreamBackpressureTest, StreamsTheClientDoesNotReadKeepTheGatewayMemoryBounded) {
  const pid_t pid = gateway().pid();
  // One stream read whole first: the data's size, and the gateway's pools warmed up.
  OpenStream warm = Open("lt-bp-warm", 60s);
  const std::int64_t stream_bytes = ReadToEnd(warm);
  ASSERT_GT(stream_bytes, 4 * (1 << 20)) << "too little data to show anything: raise kScale";
  const std::int64_t baseline = ResidentBytes(pid);
  ASSERT_GT(baseline, 0);

  std::vector<OpenStream> streams;
  for (int i = 0; i < kStreams; ++i) {
    streams.push_back(Open("lt-bp-" + std::string(1, static_cast<char>('a' + i)), 60s));
    StreamEnterprisesResponse first;
    ASSERT_TRUE(streams.back().reader->Read(&first));  // it has started
  }
  // Not read for two seconds: the old gateway produced and queued the whole data in a fraction
  // of that. This is a measurement window, not a wait for an event: memory is sampled through it.
  std::int64_t peak = baseline;
  std::mutex mu;
  std::condition_variable never;
  std::unique_lock<std::mutex> lock(mu);
  for (int sample = 0; sample < 20 && peak - baseline < kGrowthBound; ++sample) {
    never.wait_for(lock, 100ms);
    peak = std::max(peak, ResidentBytes(pid));
  }
  lock.unlock();

  std::int64_t delivered = 0;
  for (auto& s : streams) delivered += std::max<std::int64_t>(ReadToEnd(s), 0);
  EXPECT_LT(peak - baseline, kGrowthBound)
      << "gateway RSS grew from " << baseline << " to " << peak << " bytes while " << kStreams
      << " streams of " << stream_bytes << " bytes were not read";
  // What the streams carried is far more than the bound: queueing it would have broken it.
  EXPECT_GT(delivered, 2 * kGrowthBound);
  std::printf("[ measure ] scale %d: stream %lld bytes; %d unread streams: RSS %lld -> peak %lld "
              "(+%lld bytes); delivered %lld bytes\n",
              kScale, static_cast<long long>(stream_bytes), kStreams,
              static_cast<long long>(baseline), static_cast<long long>(peak),
              static_cast<long long>(peak - baseline), static_cast<long long>(delivered));
}

// Defect 6: StreamEnterprises read slowly (one message, then nothing) with a 300 ms deadline.
TEST_F(StreamBackpressureTest, AServerStreamCutByTheClientDeadlineIsDeadlineExceeded) {
  std::string series = GrpcRequestsSeries(kTestClient, kBusiness, "StreamEnterprises",
                                          "DEADLINE_EXCEEDED");
  double before = ScrapeMetric(gateway().http_port(), series);
  OpenStream s = Open("lt-cut-server-stream", 300ms);
  StreamEnterprisesResponse first;
  ASSERT_TRUE(s.reader->Read(&first));
  // Finish reads no more messages: flow control holds the rest of the stream back until the
  // client's deadline ends the call.
  grpc::Status status = s.reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << status.error_message();
  std::string line = WaitForAccessLine(access_log(), "lt-cut-server-stream");
  ASSERT_FALSE(line.empty()) << "no access-log line for the call";
  EXPECT_NE(line.find("\"status\":\"DEADLINE_EXCEEDED\""), std::string::npos) << line;
  EXPECT_EQ(MetricReaching(gateway().http_port(), series, before + 1), before + 1) << series;
}

}  // namespace
}  // namespace ndxp::testing
