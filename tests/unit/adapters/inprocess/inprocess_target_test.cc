// The in-process target: unary calls, and streaming calls pulled one message at a time through a
// peer that completes each operation when the test says so.
#include "adapters/inprocess/inprocess_target.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "adapters/inprocess/inprocess_routes.h"
#include "gateway/core/call.h"
#include "gateway/core/route_table.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"
#include "ndxp/business/v1/business.pb.h"
#include "ndxp/population/v1/population.pb.h"

namespace ndxp::adapters {
namespace {

namespace pb = ::ndxp::population::v1;
using google::protobuf::Message;

const google::protobuf::ServiceDescriptor& PopulationService() {
  return *pb::GetCitizenRequest::descriptor()->file()->FindServiceByName("PopulationService");
}
const google::protobuf::ServiceDescriptor& BusinessService() {
  return *ndxp::business::v1::GetEnterpriseRequest::descriptor()->file()->service(0);
}

struct Counters {
  int next_calls = 0;
  int requests = 0;
};

// ReconcileCitizens-shaped fake: BatchVerifyCitizens (bidi) answers each request twice; the
// server stream of N is emulated on GetCitizen's types through a ResponseStream.
class StreamFake final : public core::RequestStream {
 public:
  explicit StreamFake(Counters& c) : c_(c) {}
  absl::Status OnRequest(const Message& request) override {
    ++c_.requests;
    pending_ += 2;
    last_ = static_cast<const pb::BatchVerifyCitizensRequest&>(request).correlation_id();
    return absl::OkStatus();
  }
  absl::Status OnHalfClose() override { return absl::OkStatus(); }
  absl::StatusOr<bool> Next(Message& out) override {
    ++c_.next_calls;
    if (pending_ == 0) return false;
    --pending_;
    static_cast<pb::BatchVerifyCitizensResponse&>(out).set_correlation_id(last_);
    return true;
  }

 private:
  Counters& c_;
  int pending_ = 0;
  std::string last_;
};

class CountingStream final : public core::ResponseStream {
 public:
  CountingStream(Counters& c, int n) : c_(c), left_(n) {}
  absl::StatusOr<bool> Next(Message& out) override {
    ++c_.next_calls;
    if (left_ == 0) return false;
    static_cast<ndxp::business::v1::StreamEnterprisesResponse&>(out)
        .mutable_enterprise()
        ->set_enterprise_code(std::to_string(left_--));
    return true;
  }

 private:
  Counters& c_;
  int left_;
};

class FakeConnector final : public core::Connector {
 public:
  FakeConnector(Counters& c, const google::protobuf::ServiceDescriptor& service)
      : c_(c), service_(service) {}
  std::string_view name() const override { return "fake"; }
  const google::protobuf::ServiceDescriptor& service() const override { return service_; }
  std::vector<core::MethodHandler> Handlers() override {
    std::vector<core::MethodHandler> out;
    for (int i = 0; i < service().method_count(); ++i) {
      const auto* m = service().method(i);
      core::MethodHandler h{.method = m};
      if (m->client_streaming()) {
        h.request_stream = [this](const core::CallContext&)
            -> absl::StatusOr<std::unique_ptr<core::RequestStream>> {
          return std::make_unique<StreamFake>(c_);
        };
      } else if (m->server_streaming()) {
        h.server_stream = [this](const core::CallContext&, const Message&)
            -> absl::StatusOr<std::unique_ptr<core::ResponseStream>> {
          return std::make_unique<CountingStream>(c_, 3);
        };
      } else if (m->service() != &PopulationService()) {
        h.unary = [](const core::CallContext&, const Message&, Message&) {
          return absl::UnimplementedError("not in the fake");
        };
      } else if (m->name() == "GetHousehold") {
        h.unary = [](const core::CallContext&, const Message&, Message&) -> absl::Status {
          throw std::runtime_error("boom");
        };
      } else {
        h.unary = [](const core::CallContext& ctx, const Message& in, Message& out) {
          const auto& req = static_cast<const pb::GetCitizenRequest&>(in);
          if (req.personal_id().empty()) return core::FieldViolation("personal_id", "required");
          auto& resp = static_cast<pb::GetCitizenResponse&>(out);
          resp.mutable_citizen()->set_personal_id(req.personal_id());
          resp.mutable_citizen()->set_full_name(ctx.request_id);
          return absl::OkStatus();
        };
      }
      out.push_back(std::move(h));
    }
    return out;
  }
  std::vector<core::SampleKind> SampleKinds() const override { return {}; }
  std::vector<std::string> SampleIds(std::string_view, std::size_t) const override { return {}; }
  std::vector<core::MethodExample> Examples() const override { return {}; }

 private:
  Counters& c_;
  const google::protobuf::ServiceDescriptor& service_;
};

class NoObserver final : public core::CallObserver {
 public:
  void OnAdmitted() override {}
  void OnRefused(const absl::Status&) override {}
};

class Done final : public core::UnaryCompletion {
 public:
  void OnUnaryDone(const absl::Status& status) override { result = status; }
  std::optional<absl::Status> result;
};

// Records what the target asks for; the test completes each operation.
class FakePeer final : public core::StreamPeer {
 public:
  void ReadRequest(core::Payload& into) override {
    ops.push_back("read");
    reading = &into;
  }
  void WriteResponse(core::Payload& response) override {
    ops.push_back("write");
    auto message = response.Message();
    ASSERT_TRUE(message.ok());
    written.push_back((*message)->ShortDebugString());
  }
  void Finish(const absl::Status& status) override {
    ops.push_back("finish");
    finished = status;
  }
  std::vector<std::string> ops;
  std::vector<std::string> written;
  core::Payload* reading = nullptr;
  std::optional<absl::Status> finished;
};

class InProcessTargetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(
        AddInProcessConnector(table_, std::make_unique<FakeConnector>(counters_, PopulationService()))
            .ok());
    ASSERT_TRUE(
        AddInProcessConnector(table_, std::make_unique<FakeConnector>(counters_, BusinessService()))
            .ok());
  }
  std::unique_ptr<core::Call> CallTo(std::string_view method,
                                     std::string_view service = "ndxp.population.v1.PopulationService") {
    auto call = std::make_unique<core::Call>(chain_, observer_, headers_);
    call->context().route = table_.Find(core::Cat("/", service, "/", method));
    call->context().request_id = "rid-1";
    return call;
  }

  Counters counters_;
  core::RouteTable table_;
  core::Chain chain_;
  NoObserver observer_;
  core::NoRequestHeaders headers_;
  google::protobuf::Arena arena_;
};

TEST_F(InProcessTargetTest, UnaryParsesRunsAndAnswers) {
  auto call = CallTo("GetCitizen");
  const core::Route& route = *call->context().route;
  core::Payload request(core::Payload::Direction::kRequest, route.request_prototype, &arena_);
  core::Payload response(core::Payload::Direction::kResponse, route.response_prototype, &arena_);
  pb::GetCitizenRequest r;
  r.set_personal_id("079203001234");
  request.SetBytes(r.SerializeAsString());
  Done done;
  route.target->Unary(*call, request, response, done);
  ASSERT_TRUE(done.result.has_value());
  ASSERT_TRUE(done.result->ok()) << *done.result;
  auto bytes = response.BytesAsString();
  ASSERT_TRUE(bytes.ok());
  pb::GetCitizenResponse parsed;
  ASSERT_TRUE(parsed.ParseFromString(*bytes));
  EXPECT_EQ(parsed.citizen().personal_id(), "079203001234");
  EXPECT_EQ(parsed.citizen().full_name(), "rid-1") << "the handler sees the call's context";
}

TEST_F(InProcessTargetTest, UnaryErrorsAndThrowingHandlers) {
  auto call = CallTo("GetCitizen");
  const core::Route& route = *call->context().route;
  core::Payload request(core::Payload::Direction::kRequest, route.request_prototype, &arena_);
  core::Payload response(core::Payload::Direction::kResponse, route.response_prototype, &arena_);
  Done invalid;
  request.SetBytes("\xff\xff");
  route.target->Unary(*call, request, response, invalid);
  EXPECT_EQ(invalid.result->code(), absl::StatusCode::kInvalidArgument);
  Done empty;
  request.SetBytes("");
  route.target->Unary(*call, request, response, empty);
  EXPECT_EQ(empty.result->code(), absl::StatusCode::kInvalidArgument) << "the handler's own check";

  auto throwing = CallTo("GetHousehold");
  const core::Route& household = *throwing->context().route;
  core::Payload hreq(core::Payload::Direction::kRequest, household.request_prototype, &arena_);
  core::Payload hresp(core::Payload::Direction::kResponse, household.response_prototype, &arena_);
  Done threw;
  household.target->Unary(*throwing, hreq, hresp, threw);
  EXPECT_EQ(threw.result->code(), absl::StatusCode::kInternal);
}

TEST_F(InProcessTargetTest, ServerStreamIsPulledOneResponsePerWrite) {
  auto call = CallTo("StreamEnterprises", BusinessService().full_name());
  ASSERT_NE(call->context().route, nullptr);
  FakePeer peer;
  auto stream = call->context().route->target->OpenStream(*call, peer);
  stream->Start();
  ASSERT_EQ(peer.ops, std::vector<std::string>({"read"}));
  peer.reading->SetBytes("");
  stream->OnRequestRead(true);
  EXPECT_EQ(peer.ops, std::vector<std::string>({"read", "write"}));
  EXPECT_EQ(counters_.next_calls, 1) << "a client that does not read gets nothing produced";
  stream->OnResponseWritten(true);
  stream->OnResponseWritten(true);
  EXPECT_EQ(counters_.next_calls, 3);
  EXPECT_FALSE(peer.finished.has_value());
  stream->OnResponseWritten(true);
  ASSERT_TRUE(peer.finished.has_value());
  EXPECT_TRUE(peer.finished->ok());
  EXPECT_EQ(peer.written.size(), 3u);
  EXPECT_EQ(std::count(peer.ops.begin(), peer.ops.end(), "read"), 1) << "one request only";
}

TEST_F(InProcessTargetTest, AServerStreamWithoutItsRequestIsInvalid) {
  auto call = CallTo("StreamEnterprises", BusinessService().full_name());
  FakePeer peer;
  auto stream = call->context().route->target->OpenStream(*call, peer);
  stream->Start();
  stream->OnRequestRead(false);
  ASSERT_TRUE(peer.finished.has_value());
  EXPECT_EQ(peer.finished->code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(InProcessTargetTest, BidiPullsEveryReadyResponseBeforeReadingAgain) {
  auto call = CallTo("BatchVerifyCitizens");
  FakePeer peer;
  auto stream = call->context().route->target->OpenStream(*call, peer);
  stream->Start();
  ASSERT_EQ(peer.ops, std::vector<std::string>({"read"}));
  pb::BatchVerifyCitizensRequest r;
  r.set_correlation_id("a");
  peer.reading->SetBytes(r.SerializeAsString());
  stream->OnRequestRead(true);
  EXPECT_EQ(peer.ops, std::vector<std::string>({"read", "write"}));
  EXPECT_EQ(counters_.next_calls, 1) << "nothing is produced ahead of the client";
  stream->OnResponseWritten(true);
  EXPECT_EQ(peer.ops.back(), "write");
  stream->OnResponseWritten(true);
  EXPECT_EQ(peer.ops.back(), "read") << "the next request only once no response is waiting";
  EXPECT_EQ(counters_.requests, 1);
  stream->OnRequestRead(false);  // half-close
  EXPECT_EQ(peer.ops.back(), "finish");
  ASSERT_TRUE(peer.finished.has_value());
  EXPECT_TRUE(peer.finished->ok()) << *peer.finished;
  EXPECT_EQ(peer.written.size(), 2u);
}

TEST_F(InProcessTargetTest, AClientThatGoesAwayEndsTheStream) {
  auto call = CallTo("BatchVerifyCitizens");
  FakePeer peer;
  auto stream = call->context().route->target->OpenStream(*call, peer);
  stream->Start();
  pb::BatchVerifyCitizensRequest r;
  peer.reading->SetBytes(r.SerializeAsString());
  stream->OnRequestRead(true);
  stream->OnResponseWritten(false);
  ASSERT_TRUE(peer.finished.has_value());
  EXPECT_EQ(peer.finished->code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(std::count(peer.ops.begin(), peer.ops.end(), "finish"), 1);
}

TEST_F(InProcessTargetTest, CancelStopsTheStreamAtTheNextStep) {
  auto call = CallTo("BatchVerifyCitizens");
  FakePeer peer;
  auto stream = call->context().route->target->OpenStream(*call, peer);
  stream->Start();
  pb::BatchVerifyCitizensRequest r;
  peer.reading->SetBytes(r.SerializeAsString());
  stream->OnRequestRead(true);
  stream->OnCancel();
  stream->OnResponseWritten(true);
  ASSERT_TRUE(peer.finished.has_value());
  EXPECT_EQ(peer.finished->code(), absl::StatusCode::kCancelled);
}

TEST_F(InProcessTargetTest, AMalformedStreamMessageEndsTheCall) {
  auto call = CallTo("BatchVerifyCitizens");
  FakePeer peer;
  auto stream = call->context().route->target->OpenStream(*call, peer);
  stream->Start();
  peer.reading->SetBytes("\xff\xff\xff");
  stream->OnRequestRead(true);
  ASSERT_TRUE(peer.finished.has_value());
  EXPECT_EQ(peer.finished->code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(counters_.requests, 0);
}

}  // namespace
}  // namespace ndxp::adapters
