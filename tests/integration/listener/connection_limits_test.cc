// The gRPC listener's connection settings apply (grpc.max_concurrent_streams,
// max_connection_age with its grace, max_connection_idle), each seen from a client the way it
// would meet them: a call that waits for a free stream, a stream ended and a channel that
// reconnects, a channel closed when idle.
//
// Against a gateway that ignored the settings (gRPC's defaults: unlimited streams, no age, no
// idle limit), each test fails: the second call runs at once; the held stream lasts until its own
// 15 s deadline; the idle channel stays READY. (Checked by running them with the settings at
// their defaults.) The keepalive and ping settings are not tested here: gRPC 1.51's client sends
// at most one ping a second, so showing min_ping_interval would need a window of several seconds.
#include <chrono>
#include <condition_variable>
#include <mutex>

#include <gtest/gtest.h>

#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/listener/listener_support.h"

namespace ndxp::testing {
namespace {

using namespace std::chrono_literals;
using population::v1::BatchVerifyCitizensRequest;
using population::v1::BatchVerifyCitizensResponse;
using population::v1::GetCitizenRequest;
using population::v1::GetCitizenResponse;
using population::v1::PopulationService;

constexpr const char* kSmallData = "connectors: [{name: population, scale: 2000}]\n";

std::chrono::system_clock::time_point In(std::chrono::milliseconds d) {
  return std::chrono::system_clock::now() + d;
}

// A BatchVerifyCitizens stream with one item answered: open, live, and held until closed.
struct HeldStream {
  std::unique_ptr<grpc::ClientContext> ctx;
  std::unique_ptr<grpc::ClientReaderWriter<BatchVerifyCitizensRequest, BatchVerifyCitizensResponse>>
      stream;
  bool live = false;

  HeldStream(PopulationService::Stub& stub, const std::string& id, std::chrono::milliseconds deadline)
      : ctx(CallContext("", deadline)), stream(stub.BatchVerifyCitizens(ctx.get())) {
    BatchVerifyCitizensRequest item;
    item.mutable_verification()->set_personal_id(id);
    BatchVerifyCitizensResponse answer;
    live = stream->Write(item) && stream->Read(&answer);
  }
  grpc::Status Close() {
    stream->WritesDone();
    return stream->Finish();
  }
};

// Waits until the channel is in `want`, or `deadline`; true when it got there.
bool WaitForState(grpc::Channel& channel, grpc_connectivity_state want,
                  std::chrono::system_clock::time_point deadline) {
  for (grpc_connectivity_state s = channel.GetState(true); s != want;
       s = channel.GetState(true)) {
    if (!channel.WaitForStateChange(s, deadline)) return false;
  }
  return true;
}

class MaxConcurrentStreamsTest : public GatewaySuite<MaxConcurrentStreamsTest> {
 public:
  static std::string Sections() {
    return std::string("grpc:\n  max_concurrent_streams: 1\n") +
           kSmallData;
  }
};

TEST_F(MaxConcurrentStreamsTest, ASecondCallWaitsUntilTheFirstStreamEnds) {
  auto ids = SampleIdsFor(config_path(), "population", 1);
  ASSERT_EQ(ids.size(), 1u);
  auto channel = OwnChannel(gateway().grpc_target());
  auto stub = PopulationService::NewStub(channel);
  HeldStream held(*stub, ids[0], 20s);
  ASSERT_TRUE(held.live);

  // A call started now, with room to wait: it may start only when the held stream ends.
  std::mutex mu;
  std::condition_variable cv;
  bool waiting_done = false;
  grpc::Status waiting_status;
  auto waiting_ctx = CallContext("", 10s);
  GetCitizenRequest request;
  request.set_personal_id(ids[0]);
  GetCitizenResponse waiting_response;
  stub->async()->GetCitizen(waiting_ctx.get(), &request, &waiting_response, [&](grpc::Status s) {
    std::lock_guard<std::mutex> lock(mu);
    waiting_status = s;
    waiting_done = true;
    cv.notify_all();
  });

  // One with a short deadline never gets a stream.
  auto short_ctx = CallContext("", 500ms);
  GetCitizenResponse short_response;
  grpc::Status short_status = stub->GetCitizen(short_ctx.get(), request, &short_response);
  EXPECT_EQ(short_status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED)
      << "a second stream started while grpc.max_concurrent_streams is 1";
  {
    std::lock_guard<std::mutex> lock(mu);
    EXPECT_FALSE(waiting_done) << "the waiting call ran beside the held stream";
  }

  EXPECT_TRUE(held.Close().ok());
  std::unique_lock<std::mutex> lock(mu);
  ASSERT_TRUE(cv.wait_for(lock, 15s, [&] { return waiting_done; }));
  EXPECT_TRUE(waiting_status.ok()) << waiting_status.error_message();
}

class ConnectionAgeTest : public GatewaySuite<ConnectionAgeTest> {
 public:
  static std::string Sections() {
    return std::string("grpc:\n  max_connection_age: 1s\n  max_connection_age_grace: 1s\n") +
           kSmallData;
  }
};

TEST_F(ConnectionAgeTest, AStreamHeldPastAgeAndGraceIsEndedAndTheChannelReconnects) {
  auto ids = SampleIdsFor(config_path(), "population", 1);
  ASSERT_EQ(ids.size(), 1u);
  auto channel = OwnChannel(gateway().grpc_target());
  auto stub = PopulationService::NewStub(channel);
  auto start = std::chrono::steady_clock::now();
  HeldStream held(*stub, ids[0], 15s);
  ASSERT_TRUE(held.live);
  BatchVerifyCitizensResponse answer;
  EXPECT_FALSE(held.stream->Read(&answer));  // held open: only the server can end it now
  grpc::Status status = held.stream->Finish();
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_NE(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED)
      << "the stream lasted to its own deadline: max_connection_age did not apply";
  EXPECT_FALSE(status.ok());
  EXPECT_LT(elapsed, 10s) << "age 1s + grace 1s (+ gRPC's jitter)";

  // The connection is gone; the channel connects again and serves.
  EXPECT_NE(channel->GetState(false), GRPC_CHANNEL_READY);
  ASSERT_TRUE(WaitForState(*channel, GRPC_CHANNEL_READY, In(10s)));
  auto ctx = CallContext("", 5s);
  GetCitizenRequest request;
  request.set_personal_id(ids[0]);
  GetCitizenResponse response;
  grpc::Status again = stub->GetCitizen(ctx.get(), request, &response);
  EXPECT_TRUE(again.ok()) << again.error_message();
}

class ConnectionIdleTest : public GatewaySuite<ConnectionIdleTest> {
 public:
  static std::string Sections() {
    return std::string("grpc:\n  max_connection_idle: 500ms\n") + kSmallData;
  }
};

TEST_F(ConnectionIdleTest, AnIdleConnectionIsClosed) {
  auto ids = SampleIdsFor(config_path(), "population", 1);
  ASSERT_EQ(ids.size(), 1u);
  auto channel = OwnChannel(gateway().grpc_target());
  auto stub = PopulationService::NewStub(channel);
  auto ctx = CallContext("", 5s);
  GetCitizenRequest request;
  request.set_personal_id(ids[0]);
  GetCitizenResponse response;
  ASSERT_TRUE(stub->GetCitizen(ctx.get(), request, &response).ok());
  ASSERT_EQ(channel->GetState(false), GRPC_CHANNEL_READY);
  // No call for 500 ms: the server says GOAWAY and the channel goes idle.
  ASSERT_TRUE(channel->WaitForStateChange(GRPC_CHANNEL_READY, In(5s)))
      << "still READY 5 s after its last call";
  EXPECT_EQ(channel->GetState(false), GRPC_CHANNEL_IDLE);
}

}  // namespace
}  // namespace ndxp::testing
