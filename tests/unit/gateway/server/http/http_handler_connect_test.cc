// The HTTP handler's Connect protocol side, without a network.

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <string>

#include "gateway/server/http/http_handler.h"
#include "ndxp/population/v1/population.pb.h"
#include "test_gateway.h"

namespace ndxp::server::http {
namespace {

using beast_http::verb;
using testing::kApiKey;
using testing::kKnownId;
using testing::MakeRequest;

constexpr char kGetCitizen[] = "/ndxp.population.v1.PopulationService/GetCitizen";

std::string Header(const Response& response, beast_http::field field) {
  return std::string(response[field]);
}
std::string Header(const Response& response, std::string_view name) {
  return std::string(response[boost::beast::string_view(name.data(), name.size())]);
}

class HttpConnectTest : public ::testing::Test {
 protected:
  Response Post(std::string target, std::string body, std::string_view content_type,
                std::string_view key = kApiKey) {
    return testing::HandleNow(*handler_, MakeRequest(verb::post, target, std::move(body), content_type, key));
  }
  Response PostJson(std::string body, std::string target = kGetCitizen) {
    return Post(std::move(target), std::move(body), "application/json");
  }
  std::string IdJson(std::string_view id = kKnownId) {
    return "{\"personal_id\":\"" + std::string(id) + "\"}";
  }

  testing::TestGateway gateway_;
  std::unique_ptr<HttpHandler> handler_ =
      *HttpHandler::Create(gateway_.pipeline(), gateway_.state(), gateway_.limits());
};

TEST_F(HttpConnectTest, JsonRoundTrip) {
  Response response = PostJson(IdJson());
  ASSERT_EQ(response.result_int(), 200) << response.body();
  EXPECT_EQ(Header(response, beast_http::field::content_type), "application/json");
  population::v1::GetCitizenResponse parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(response.body(), &parsed).ok());
  EXPECT_EQ(parsed.citizen().personal_id(), kKnownId);
  EXPECT_EQ(parsed.citizen().full_name(), testing::kKnownName);
  EXPECT_EQ(Header(response, beast_http::field::cache_control), "no-store");
  EXPECT_EQ(Header(response, "x-request-id").size(), 32u);
}

TEST_F(HttpConnectTest, JsonNamesAndCharsetParameterAccepted) {
  Response response =
      Post(kGetCitizen, "{\"personalId\":\"079203001234\"}", "application/json; charset=utf-8");
  ASSERT_EQ(response.result_int(), 200) << response.body();
  EXPECT_EQ(Header(response, beast_http::field::content_type), "application/json");
}

TEST_F(HttpConnectTest, BinaryRoundTrip) {
  population::v1::GetCitizenRequest request;
  request.set_personal_id(std::string(kKnownId));
  Response response = Post(kGetCitizen, request.SerializeAsString(), "application/proto");
  ASSERT_EQ(response.result_int(), 200) << response.body();
  EXPECT_EQ(Header(response, beast_http::field::content_type), "application/proto");
  population::v1::GetCitizenResponse parsed;
  ASSERT_TRUE(parsed.ParseFromString(response.body()));
  EXPECT_EQ(parsed.citizen().full_name(), testing::kKnownName);
}

TEST_F(HttpConnectTest, MalformedBinaryIsInvalidArgument) {
  Response response = Post(kGetCitizen, "\xff\xff\xff", "application/proto");
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_EQ(Header(response, beast_http::field::content_type), "application/json");
  EXPECT_NE(response.body().find("\"code\":\"invalid_argument\""), std::string::npos);
}

TEST_F(HttpConnectTest, UnknownJsonFieldIsNamed) {
  Response response = PostJson("{\"personal_id\":\"079203001234\",\"nickname\":\"x\"}");
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_NE(response.body().find("\"code\":\"invalid_argument\""), std::string::npos);
  EXPECT_NE(response.body().find("nickname"), std::string::npos) << response.body();
}

TEST_F(HttpConnectTest, BrokenJsonIsInvalidArgument) {
  Response response = PostJson("{\"personal_id\":");
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_NE(response.body().find("\"code\":\"invalid_argument\""), std::string::npos);
}

TEST_F(HttpConnectTest, LenientJsonIsInvalidArgumentNamingWhere) {
  // protobuf's own parser would accept both.
  Response quoted = PostJson("{'personal_id':'079203001234'}");
  EXPECT_EQ(quoted.result_int(), 400);
  EXPECT_NE(quoted.body().find("not JSON (RFC 8259) at byte 1: an object member's name must be a "
                               "double-quoted string"),
            std::string::npos)
      << quoted.body();
  Response trailing = PostJson("{\"personal_id\":\"079203001234\",}");
  EXPECT_EQ(trailing.result_int(), 400);
  EXPECT_NE(trailing.body().find("trailing commas are not JSON"), std::string::npos)
      << trailing.body();
}

TEST_F(HttpConnectTest, EmptyJsonBodyIsTheEmptyMessage) {
  Response response = PostJson("");
  EXPECT_EQ(response.result_int(), 400);  // the connector's own verdict on an empty id
  EXPECT_NE(response.body().find("\"field\":\"personal_id\""), std::string::npos);
}

TEST_F(HttpConnectTest, JsonNestedTooDeepIsRefusedAndCounted) {
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "{\"a\":";
  deep += "1";
  for (int i = 0; i < 40; ++i) deep += "}";
  Response response = PostJson(deep);
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_NE(response.body().find("JSON_TOO_DEEP"), std::string::npos) << response.body();
  EXPECT_NE(
      gateway_.registry().Render().find(
          "ndxp_gateway_limit_rejections_total{protocol=\"connect\",limit=\"max_json_depth\"} 1"),
      std::string::npos);
}

TEST_F(HttpConnectTest, UnsupportedContentTypeIs415) {
  Response response = Post(kGetCitizen, "x", "text/plain");
  EXPECT_EQ(response.result_int(), 415);
  EXPECT_EQ(Header(response, beast_http::field::accept_post),
            "application/json, application/proto");
  EXPECT_NE(response.body().find("\"code\":\"invalid_argument\""), std::string::npos);
  EXPECT_EQ(testing::HandleNow(*handler_, MakeRequest(verb::post, kGetCitizen, IdJson())).result_int(), 415)
      << "no content type at all";
}

TEST_F(HttpConnectTest, ConnectStreamingContentTypeOnUnaryIs415) {
  Response response = Post(kGetCitizen, IdJson(), "application/connect+json");
  EXPECT_EQ(response.result_int(), 415);
}

TEST_F(HttpConnectTest, MissingOrInvalidApiKeyIs401) {
  Response missing = Post(kGetCitizen, IdJson(), "application/json", "");
  EXPECT_EQ(missing.result_int(), 401);
  EXPECT_NE(missing.body().find("\"code\":\"unauthenticated\""), std::string::npos);
  Response invalid = Post(kGetCitizen, IdJson(), "application/json", "ndxp_wrong");
  EXPECT_EQ(invalid.result_int(), 401);
  EXPECT_NE(
      gateway_.registry().Render().find(
          "ndxp_gateway_auth_failures_total{protocol=\"connect\",reason=\"missing_api_key\"} 1"),
      std::string::npos);
}

TEST_F(HttpConnectTest, UnknownMethodIs404Unimplemented) {
  Response response = PostJson("{}", "/ndxp.population.v1.PopulationService/NoSuchMethod");
  EXPECT_EQ(response.result_int(), 404);
  EXPECT_NE(response.body().find("\"code\":\"unimplemented\""), std::string::npos);
}

TEST_F(HttpConnectTest, StreamingMethodIsUnimplemented) {
  Response response = PostJson("{}", "/ndxp.population.v1.PopulationService/BatchVerifyCitizens");
  EXPECT_EQ(response.result_int(), 501);
  EXPECT_NE(response.body().find("STREAMING_NOT_SUPPORTED_OVER_HTTP"), std::string::npos);
  EXPECT_EQ(Post("/ndxp.population.v1.PopulationService/ReconcileCitizens", "",
                 "application/connect+proto")
                .result_int(),
            501);
}

TEST_F(HttpConnectTest, GetOnAProcedureIs405) {
  Response response = testing::HandleNow(*handler_, MakeRequest(verb::get, kGetCitizen));
  EXPECT_EQ(response.result_int(), 405);
  EXPECT_EQ(Header(response, beast_http::field::allow), "POST");
}

TEST_F(HttpConnectTest, ProtocolVersionHeader) {
  auto request = MakeRequest(verb::post, kGetCitizen, IdJson(), "application/json");
  request.set("connect-protocol-version", "1");
  EXPECT_EQ(testing::HandleNow(*handler_, request).result_int(), 200);
  request.set("connect-protocol-version", "2");
  Response response = testing::HandleNow(*handler_, request);
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_NE(response.body().find("connect-protocol-version"), std::string::npos);
}

TEST_F(HttpConnectTest, TimeoutHeader) {
  auto request = MakeRequest(verb::post, kGetCitizen, IdJson(), "application/json");
  request.set("connect-timeout-ms", "5000");
  EXPECT_EQ(testing::HandleNow(*handler_, request).result_int(), 200);
  for (const char* bad : {"soon", "-5", "0", "12345678901"}) {
    request.set("connect-timeout-ms", bad);
    Response response = testing::HandleNow(*handler_, request);
    EXPECT_EQ(response.result_int(), 400) << bad;
    EXPECT_NE(response.body().find("connect-timeout-ms"), std::string::npos) << bad;
  }
}

TEST_F(HttpConnectTest, CompressedBodyIsUnimplemented) {
  auto request = MakeRequest(verb::post, kGetCitizen, IdJson(), "application/json");
  request.set(beast_http::field::content_encoding, "gzip");
  Response response = testing::HandleNow(*handler_, request);
  EXPECT_EQ(response.result_int(), 501);
  EXPECT_NE(response.body().find("\"code\":\"unimplemented\""), std::string::npos);
}

TEST_F(HttpConnectTest, RequestIdEchoedOrReplaced) {
  auto request = MakeRequest(verb::post, kGetCitizen, IdJson(), "application/json");
  request.set("x-request-id", "curl-req-1");
  EXPECT_EQ(Header(testing::HandleNow(*handler_, request), "x-request-id"), "curl-req-1");
  request.set("x-request-id", "not a safe id!");
  std::string replaced = Header(testing::HandleNow(*handler_, request), "x-request-id");
  EXPECT_EQ(replaced.size(), 32u);
  request.set("x-request-id", "err-1");
  request.erase("x-api-key");
  EXPECT_EQ(Header(testing::HandleNow(*handler_, request), "x-request-id"), "err-1") << "on errors too";
}

TEST_F(HttpConnectTest, ConnectorErrorsKeepTheirDetails) {
  Response malformed = PostJson(IdJson("079"));
  EXPECT_EQ(malformed.result_int(), 400);
  EXPECT_NE(malformed.body().find("\"field\":\"personal_id\""), std::string::npos)
      << malformed.body();
  Response unknown = PostJson(IdJson("079203009999"));
  EXPECT_EQ(unknown.result_int(), 404);
  EXPECT_NE(unknown.body().find("\"code\":\"not_found\""), std::string::npos);
  EXPECT_NE(unknown.body().find("CITIZEN_NOT_FOUND"), std::string::npos);
}

TEST_F(HttpConnectTest, CallsAreCounted) {
  ASSERT_EQ(PostJson(IdJson()).result_int(), 200);
  std::string metrics = gateway_.registry().Render();
  EXPECT_NE(metrics.find("ndxp_gateway_requests_total{protocol=\"connect\",client=\"VN:PROV:79:"
                         "ONESTOP\",service=\"ndxp.population.v1.PopulationService\",method="
                         "\"GetCitizen\",code=\"OK\"} 1"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("ndxp_gateway_in_flight_requests{protocol=\"connect\"} 0"),
            std::string::npos);
}

TEST_F(HttpConnectTest, Http10RequestIsNotKeptAlive) {
  auto request = MakeRequest(verb::post, kGetCitizen, IdJson(), "application/json");
  request.version(10);
  Response response = testing::HandleNow(*handler_, request);
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_FALSE(response.keep_alive());
}

}  // namespace
}  // namespace ndxp::server::http
