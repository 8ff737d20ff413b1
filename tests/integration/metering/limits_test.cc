// Rate limits, a bulkhead and a daily quota through the real gateway: a client with
// `limits: {rate: 2/s, burst: 3, quota_daily: 5}` and the business connector with
// max_concurrent_calls 1. Refusals are RESOURCE_EXHAUSTED with QuotaFailure, RetryInfo and an
// ErrorInfo reason, and retry-after, over gRPC and HTTP (429); the hits and the quota left are on
// /metrics. Waits for a token are polls with a bound, never timed assertions.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <thread>

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "ndxp/business/v1/business.grpc.pb.h"
#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/grpc_fixture.h"
#include "tests/integration/listener/listener_support.h"
#include "tests/integration/support/gateway_process.h"
#include "tests/integration/support/test_config.h"

namespace ndxp::testing {
namespace {

using ::testing::HasSubstr;
namespace pop = ::ndxp::population::v1;
namespace biz = ::ndxp::business::v1;

constexpr const char* kLimited = "VN:PROV:79:ONESTOP";
constexpr const char* kOther = "VN:PROV:01:ONESTOP";
constexpr const char* kOtherKey = "ndxp_test_key_for_the_bulkhead_client_01";
constexpr const char* kPurpose = "administrative-procedure";

// A refusal's google.rpc details, from grpc-status-details-bin.
struct Details {
  std::string reason;
  std::string subject;
  std::string description;
  std::int64_t retry_ms = -1;
};

Details DetailsOf(const grpc::Status& status) {
  Details d;
  google::rpc::Status rpc;
  if (!rpc.ParseFromString(status.error_details())) return d;
  for (const auto& any : rpc.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::QuotaFailure failure;
    google::rpc::RetryInfo retry;
    if (any.UnpackTo(&info)) {
      d.reason = info.reason();
    } else if (any.UnpackTo(&failure) && failure.violations_size() > 0) {
      d.subject = failure.violations(0).subject();
      d.description = failure.violations(0).description();
    } else if (any.UnpackTo(&retry)) {
      d.retry_ms = retry.retry_delay().seconds() * 1000 + retry.retry_delay().nanos() / 1000000;
    }
  }
  return d;
}

// The server's retry-after, in initial or trailing metadata.
std::string RetryAfter(const grpc::ClientContext& ctx) {
  for (const auto* md : {&ctx.GetServerInitialMetadata(), &ctx.GetServerTrailingMetadata()}) {
    auto it = md->find("retry-after");
    if (it != md->end()) return std::string(it->second.data(), it->second.size());
  }
  return "";
}

class LimitsIntegrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string dir = MakeTestDir("ndxp-it-limits");
    config_ = new std::string(dir + "/gateway.yaml");
    std::ofstream(*config_) << "clients:\n"
                            << "  - id: \"" << kLimited << "\"\n"
                            << "    api_key_sha256: [\"" << Sha256HexOf(kTestApiKey) << "\"]\n"
                            << "    purposes: [" << kPurpose << "]\n"
                            << "    allow: [{method: \"*\"}]\n"
                            << "    limits: { rate: 2/s, burst: 3, quota_daily: 5 }\n"
                            << "  - id: \"" << kOther << "\"\n"
                            << "    api_key_sha256: [\"" << Sha256HexOf(kOtherKey) << "\"]\n"
                            << "    purposes: [" << kPurpose << "]\n"
                            << "    allow: [{method: \"*\"}]\n"
                            << "connectors:\n"
                            << "  - name: population\n"
                            << "  - name: business\n"
                            << "    max_concurrent_calls: 1\n"
                            << "access_log:\n  path: \"" << dir << "/access.log\"\n";
    gateway_ = new GatewayProcess(GatewayProcess::Options{.args = {"--config", *config_}});
    listening_ = gateway_->WaitUntilListening();
    if (listening_) {
      channel_ = new std::shared_ptr<grpc::Channel>(
          grpc::CreateChannel(gateway_->grpc_target(), grpc::InsecureChannelCredentials()));
      citizen_ = new std::string(SampleIds("population", 1).at(0));
      enterprise_ = new std::string(SampleIds("business", 1).at(0));
    }
  }
  static void TearDownTestSuite() {
    delete gateway_;
    gateway_ = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(listening_) << gateway_->Stderr(); }

  static std::unique_ptr<grpc::ClientContext> Context(const char* key) {
    auto ctx = AuthedContext(key);  // with x-ndxp-purpose
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return ctx;
  }
  // GetCitizen as the limited client; `ctx_out` keeps the context for its metadata.
  static grpc::Status GetCitizen(std::unique_ptr<grpc::ClientContext>* ctx_out = nullptr) {
    auto stub = pop::PopulationService::NewStub(*channel_);
    auto ctx = Context(kTestApiKey);
    pop::GetCitizenRequest request;
    request.set_personal_id(*citizen_);
    pop::GetCitizenResponse response;
    grpc::Status status = stub->GetCitizen(ctx.get(), request, &response);
    if (ctx_out != nullptr) *ctx_out = std::move(ctx);
    return status;
  }
  // The same call over HTTP (Connect, JSON) with curl: status line and headers, then the body.
  static std::string HttpGetCitizen() {
    std::string out;
    RunCommand({"/usr/bin/curl", "-s", "-i", "--max-time", "10", "-X", "POST", "-H",
                "content-type: application/json", "-H", std::string("x-api-key: ") + kTestApiKey,
                "-H", std::string("x-ndxp-purpose: ") + kPurpose, "--data",
                "{\"personal_id\":\"" + *citizen_ + "\"}",
                gateway_->http_base() + "/ndxp.population.v1.PopulationService/GetCitizen"},
               &out);
    return out;
  }

  static inline std::string* config_ = nullptr;
  static inline GatewayProcess* gateway_ = nullptr;
  static inline bool listening_ = false;
  static inline std::shared_ptr<grpc::Channel>* channel_ = nullptr;
  static inline std::string* citizen_ = nullptr;
  static inline std::string* enterprise_ = nullptr;
};

// One test: the rate limit and the daily quota share the client's budget of 5 calls today.
TEST_F(LimitsIntegrationTest, RateLimitThenDailyQuotaOverGrpcAndHttp) {
  int admitted = 0;
  // Three back-to-back calls fill the burst; the fourth is over the rate.
  for (int i = 0; i < 3; ++i) {
    grpc::Status status = GetCitizen();
    ASSERT_TRUE(status.ok()) << i << ": " << status.error_message();
    ++admitted;
  }
  std::unique_ptr<grpc::ClientContext> ctx;
  grpc::Status fourth = GetCitizen(&ctx);
  ASSERT_EQ(fourth.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << fourth.error_message();
  Details d = DetailsOf(fourth);
  EXPECT_EQ(d.reason, "RATE_LIMITED");
  EXPECT_EQ(d.subject, std::string("client:") + kLimited);
  EXPECT_THAT(d.description, HasSubstr("2/s, burst 3"));
  EXPECT_GT(d.retry_ms, 0);
  EXPECT_LE(d.retry_ms, 500);
  EXPECT_EQ(RetryAfter(*ctx), "1");

  // Over HTTP: calls until one is refused (a token may have come back meanwhile, and then the
  // quota ends it): 429 with Retry-After in whole seconds.
  std::string refused;
  for (int i = 0; i < 10 && refused.empty(); ++i) {
    std::string answer = HttpGetCitizen();
    if (answer.rfind("HTTP/1.1 429", 0) == 0) {
      refused = answer;
    } else {
      ASSERT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer;
      ++admitted;
    }
  }
  ASSERT_FALSE(refused.empty());
  std::smatch retry_after;
  ASSERT_TRUE(std::regex_search(refused, retry_after,
                                std::regex("\r\n[Rr]etry-[Aa]fter: ([0-9]+)\r\n")))
      << refused;
  EXPECT_GE(std::stoll(retry_after[1].str()), 1);
  EXPECT_THAT(refused, HasSubstr("resource_exhausted"));
  EXPECT_TRUE(refused.find("RATE_LIMITED") != std::string::npos ||
              refused.find("DAILY_QUOTA_EXHAUSTED") != std::string::npos)
      << refused;

  // Tokens come back at 2/s: poll (bounded) until the quota of 5 is used up.
  grpc::Status last;
  for (int i = 0; i < 200; ++i) {
    last = GetCitizen(&ctx);
    if (last.ok()) {
      ++admitted;
      continue;
    }
    ASSERT_EQ(last.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << last.error_message();
    if (DetailsOf(last).reason == "DAILY_QUOTA_EXHAUSTED") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // a poll's pace, bounded
  }
  EXPECT_EQ(admitted, 5);
  d = DetailsOf(last);
  ASSERT_EQ(d.reason, "DAILY_QUOTA_EXHAUSTED") << last.error_message();
  EXPECT_EQ(d.subject, std::string("client:") + kLimited);
  EXPECT_THAT(d.description, HasSubstr("daily quota"));
  EXPECT_GT(d.retry_ms, 0);
  EXPECT_LE(d.retry_ms, 24 * 3600 * 1000);
  EXPECT_GE(std::stoll(RetryAfter(*ctx)), 1);
  // Still refused once a token is back: the quota holds until midnight.
  for (int i = 0; i < 3; ++i) {
    grpc::Status again = GetCitizen();
    EXPECT_EQ(again.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  }

  const std::string metrics = HttpGet(gateway_->http_port(), "/metrics").body;
  const std::string hits = std::string("ndxp_gateway_limit_hits_total{client=\"") + kLimited +
                           "\",connector=\"population\",kind=\"";
  EXPECT_GE(MetricValue(metrics, hits + "rate\"}"), 1) << metrics;
  EXPECT_GE(MetricValue(metrics, hits + "quota_daily\"}"), 1) << metrics;
  EXPECT_THAT(metrics, HasSubstr(std::string("ndxp_gateway_quota_remaining{client=\"") + kLimited +
                                 "\",connector=\"all\",period=\"day\"} 0\n"));
  // The other client has no quota: no gauge of its own.
  EXPECT_THAT(metrics, ::testing::Not(HasSubstr(std::string("quota_remaining{client=\"") + kOther)));
}

TEST_F(LimitsIntegrationTest, ABulkheadRefusesAtOnceWhileItsSlotIsTakenAndNotAfter) {
  auto stub = biz::BusinessRegistryService::NewStub(*channel_);
  // A stream holds the connector's only slot while it is open (the client reads one message).
  auto stream_ctx = Context(kOtherKey);
  biz::StreamEnterprisesRequest request;
  request.set_province_code("79");
  auto reader = stub->StreamEnterprises(stream_ctx.get(), request);
  biz::StreamEnterprisesResponse first;
  ASSERT_TRUE(reader->Read(&first));

  auto ctx = Context(kOtherKey);
  biz::GetEnterpriseRequest get;
  get.set_enterprise_code(*enterprise_);
  biz::GetEnterpriseResponse response;
  grpc::Status refused = stub->GetEnterprise(ctx.get(), get, &response);
  ASSERT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << refused.error_message();
  Details d = DetailsOf(refused);
  EXPECT_EQ(d.reason, "CONCURRENCY_LIMITED");
  EXPECT_EQ(d.subject, "connector:business");
  EXPECT_EQ(d.retry_ms, 1000);
  EXPECT_EQ(RetryAfter(*ctx), "1");
  // A refused stream gets its retry-after too.
  auto second_ctx = Context(kOtherKey);
  auto second = stub->StreamEnterprises(second_ctx.get(), request);
  biz::StreamEnterprisesResponse none;
  EXPECT_FALSE(second->Read(&none));
  grpc::Status second_status = second->Finish();
  EXPECT_EQ(DetailsOf(second_status).reason, "CONCURRENCY_LIMITED");
  EXPECT_EQ(RetryAfter(*second_ctx), "1");

  // The population connector has no bulkhead.
  auto pop_stub = pop::PopulationService::NewStub(*channel_);
  auto pop_ctx = Context(kOtherKey);
  pop::GetCitizenRequest citizen;
  citizen.set_personal_id(*citizen_);
  pop::GetCitizenResponse citizen_response;
  EXPECT_TRUE(pop_stub->GetCitizen(pop_ctx.get(), citizen, &citizen_response).ok());

  // The stream ends: its slot is released (at the call's end, so poll for it, bounded).
  stream_ctx->TryCancel();
  reader->Finish();
  grpc::Status after;
  for (int i = 0; i < 100; ++i) {
    auto again = Context(kOtherKey);
    after = stub->GetEnterprise(again.get(), get, &response);
    if (after.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a poll's pace, bounded
  }
  EXPECT_TRUE(after.ok()) << after.error_message();
  EXPECT_GE(MetricValue(HttpGet(gateway_->http_port(), "/metrics").body,
                        std::string("ndxp_gateway_limit_hits_total{client=\"") + kOther +
                            "\",connector=\"business\",kind=\"concurrency\"}"),
            2);
}

}  // namespace
}  // namespace ndxp::testing
