// The HTTP handler's REST routes, own endpoints, 404/405 and limit answers, without a network.

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <string>

#include "gateway/server/http/http_handler.h"
#include "google/rpc/status.pb.h"
#include "ndxp/business/v1/business.pb.h"
#include "ndxp/population/v1/population.pb.h"
#include "test_gateway.h"

namespace ndxp::server::http {
namespace {

using beast_http::verb;
using testing::MakeRequest;

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

google::rpc::Status RpcStatusOf(const Response& response) {
  google::rpc::Status status;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(response.body(), &status).ok())
      << response.body();
  return status;
}

class HttpRestTest : public ::testing::Test {
 protected:
  Response Get(std::string target, std::string_view key = testing::kApiKey) {
    return testing::HandleNow(*handler_, MakeRequest(verb::get, target, "", "", key));
  }

  testing::TestGateway gateway_;
  std::unique_ptr<HttpHandler> handler_ =
      *HttpHandler::Create(gateway_.pipeline(), gateway_.state(), gateway_.limits());
};

TEST_F(HttpRestTest, GetWithPathVariable) {
  Response response = Get("/v1/citizens/079203001234");
  ASSERT_EQ(response.result_int(), 200) << response.body();
  EXPECT_EQ(response[beast_http::field::content_type], "application/json");
  population::v1::GetCitizenResponse parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(response.body(), &parsed).ok());
  EXPECT_EQ(parsed.citizen().personal_id(), "079203001234");
  EXPECT_TRUE(Contains(gateway_.registry().Render(),
                       "ndxp_gateway_requests_total{protocol=\"rest\",client=\"VN:PROV:79:"
                       "ONESTOP\",service=\"ndxp.population.v1.PopulationService\",method="
                       "\"GetCitizen\",code=\"OK\"} 1"));
}

TEST_F(HttpRestTest, ErrorsAreGoogleRpcStatusJson) {
  Response unknown = Get("/v1/citizens/079203009999");
  EXPECT_EQ(unknown.result_int(), 404);
  google::rpc::Status status = RpcStatusOf(unknown);
  EXPECT_EQ(status.code(), 5);
  ASSERT_GE(status.details_size(), 1);
  EXPECT_EQ(status.details(0).type_url(), "type.googleapis.com/google.rpc.ErrorInfo");
  Response malformed = Get("/v1/citizens/12AB");
  EXPECT_EQ(malformed.result_int(), 400);
  EXPECT_TRUE(Contains(malformed.body(), "\"field\":\"personal_id\"")) << malformed.body();
}

TEST_F(HttpRestTest, MissingApiKeyIs401) {
  Response response = Get("/v1/citizens/079203001234", "");
  EXPECT_EQ(response.result_int(), 401);
  EXPECT_EQ(RpcStatusOf(response).code(), 16);
}

TEST_F(HttpRestTest, PostCustomVerbWithBody) {
  Response response =
      testing::HandleNow(*handler_, MakeRequest(verb::post, "/v1/citizens/079203001234:verify",
                                   "{\"full_name\":\"Không Có Tên\"}", "application/json"));
  ASSERT_EQ(response.result_int(), 200) << response.body();
  EXPECT_TRUE(Contains(response.body(), "MATCH_RESULT_MISMATCH")) << response.body();
  Response matched = testing::HandleNow(*handler_, 
      MakeRequest(verb::post, "/v1/citizens/079203001234:verify",
                  "{\"personalId\":\"000000000000\",\"fullName\":\"Nguyễn Thị Hương\"}"));
  ASSERT_EQ(matched.result_int(), 200) << "the path wins over the body; no content type is JSON";
  EXPECT_TRUE(Contains(matched.body(), "\"matched\":true")) << matched.body();
}

TEST_F(HttpRestTest, BodyMustBeJson) {
  Response response =
      testing::HandleNow(*handler_, MakeRequest(verb::post, "/v1/citizens/079203001234:verify", "full_name=x",
                                   "application/x-www-form-urlencoded"));
  EXPECT_EQ(response.result_int(), 415);
}

TEST_F(HttpRestTest, BodyDepthLimit) {
  std::string deep = "{\"fullName\":" + std::string(40, '[') + std::string(40, ']') + "}";
  Response response = testing::HandleNow(*handler_, 
      MakeRequest(verb::post, "/v1/citizens/079203001234:verify", deep, "application/json"));
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_TRUE(Contains(gateway_.registry().Render(),
                       "ndxp_gateway_limit_rejections_total{protocol=\"rest\",limit=\"max_json_"
                       "depth\"} 1"));
}

TEST_F(HttpRestTest, QueryParametersBindNestedAndJsonNames) {
  Response response =
      Get("/v1/provinces/79/enterprises?page_size=5&pageToken=a%20b&registered_since.year=2020");
  ASSERT_EQ(response.result_int(), 200) << response.body();
  business::v1::ListEnterprisesResponse parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(response.body(), &parsed).ok());
  EXPECT_EQ(parsed.next_page_token(), "79|a b|2020");
  EXPECT_EQ(parsed.total_size(), 5);
}

TEST_F(HttpRestTest, PathVariablesArePercentDecoded) {
  Response response = Get("/v1/provinces/7%39/enterprises");
  ASSERT_EQ(response.result_int(), 200) << response.body();
  EXPECT_TRUE(Contains(response.body(), "\"nextPageToken\":\"79||0\"")) << response.body();
}

TEST_F(HttpRestTest, BadQueryParametersAreNamed) {
  Response bad_value = Get("/v1/provinces/79/enterprises?page_size=many");
  EXPECT_EQ(bad_value.result_int(), 400);
  EXPECT_TRUE(Contains(bad_value.body(), "page_size")) << bad_value.body();
  Response unknown = Get("/v1/provinces/79/enterprises?colour=red");
  EXPECT_EQ(unknown.result_int(), 400);
  EXPECT_TRUE(Contains(unknown.body(), "colour"));
  Response bound = Get("/v1/provinces/79/enterprises?province_code=01");
  EXPECT_EQ(bound.result_int(), 400);
  EXPECT_TRUE(Contains(bound.body(), "bound by the path"));
  Response twice = Get("/v1/provinces/79/enterprises?page_size=1&page_size=2");
  EXPECT_EQ(twice.result_int(), 400);
  Response bad_escape = Get("/v1/provinces/79/enterprises?page_token=%zz");
  EXPECT_EQ(bad_escape.result_int(), 400);
  Response whole_body = testing::HandleNow(*handler_, MakeRequest(
      verb::post, "/v1/citizens/079203001234:verify?full_name=x", "{}", "application/json"));
  EXPECT_EQ(whole_body.result_int(), 400);
}

TEST_F(HttpRestTest, UnknownPathIs404AndWrongMethodIs405) {
  Response missing = Get("/v1/nothing/here");
  EXPECT_EQ(missing.result_int(), 404);
  EXPECT_EQ(RpcStatusOf(missing).code(), 5);
  Response root = Get("/");
  EXPECT_EQ(root.result_int(), 404);
  Response wrong = testing::HandleNow(*handler_, MakeRequest(verb::delete_, "/v1/citizens/079203001234"));
  EXPECT_EQ(wrong.result_int(), 405);
  EXPECT_EQ(wrong[beast_http::field::allow], "GET");
  Response wrong_verb = Get("/v1/citizens/079203001234:verify");
  EXPECT_EQ(wrong_verb.result_int(), 405);
  EXPECT_EQ(wrong_verb[beast_http::field::allow], "POST");
  EXPECT_FALSE(Contains(wrong.body(), "079203001234")) << "errors never repeat the path";
}

TEST_F(HttpRestTest, MetricsAfterACall) {
  ASSERT_EQ(Get("/v1/citizens/079203001234").result_int(), 200);
  Response response = Get("/metrics", "");
  ASSERT_EQ(response.result_int(), 200);
  EXPECT_EQ(response[beast_http::field::content_type], "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_TRUE(Contains(response.body(), "ndxp_gateway_requests_total{"));
  EXPECT_EQ(testing::HandleNow(*handler_, MakeRequest(verb::post, "/metrics")).result_int(), 405);
}

TEST_F(HttpRestTest, HealthAndReadiness) {
  EXPECT_EQ(Get("/healthz", "").result_int(), 200);
  EXPECT_EQ(Get("/readyz", "").result_int(), 503);
  gateway_.state().SetReady(true);
  EXPECT_EQ(Get("/readyz", "").result_int(), 200);
  gateway_.state().SetDraining();
  Response draining = Get("/readyz", "");
  EXPECT_EQ(draining.result_int(), 503);
  EXPECT_EQ(draining.body(), "draining\n");
}

TEST_F(HttpRestTest, LimitAnswers) {
  auto header = MakeRequest(verb::post, "/ndxp.population.v1.PopulationService/GetCitizen");
  Response too_big = testing::AnswerNow([&](Respond r) { handler_->RejectOversizeBody(header, std::move(r)); });
  EXPECT_EQ(too_big.result_int(), 413);
  EXPECT_FALSE(too_big.keep_alive());
  EXPECT_TRUE(Contains(too_big.body(), "\"code\":\"resource_exhausted\"")) << too_big.body();

  Response headers = testing::AnswerNow([&](Respond r) { handler_->RejectOversizeHeaders("GET /v1/citizens/1 HTTP/1.1\r\nx-big: bbb", std::move(r)); });
  EXPECT_EQ(headers.result_int(), 431);
  EXPECT_EQ(RpcStatusOf(headers).code(), 8);

  Response malformed = testing::AnswerNow([&](Respond r) { handler_->RejectMalformed(std::move(r)); });
  EXPECT_EQ(malformed.result_int(), 400);
  EXPECT_FALSE(malformed.keep_alive());

  std::string metrics = gateway_.registry().Render();
  EXPECT_TRUE(Contains(metrics,
                       "ndxp_gateway_limit_rejections_total{protocol=\"connect\",limit="
                       "\"max_request_bytes\"} 1"));
  EXPECT_TRUE(Contains(metrics,
                       "ndxp_gateway_limit_rejections_total{protocol=\"rest\",limit="
                       "\"max_header_bytes\"} 1"));
  EXPECT_TRUE(Contains(metrics,
                       "ndxp_gateway_requests_total{protocol=\"connect\",client=\"\","
                       "service=\"unknown\",method=\"unknown\",code=\"RESOURCE_"
                       "EXHAUSTED\"} 1"))
      << metrics;
}

}  // namespace
}  // namespace ndxp::server::http
