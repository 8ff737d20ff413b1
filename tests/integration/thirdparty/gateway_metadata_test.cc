// What reaches the upstream: Lookup echoes the metadata the example server received, so these
// tests see the gateway's outgoing headers from the other side: the request id, the trace
// continued with the gateway's span as parent, tracestate, the caller assertion when the gateway
// has a key, and never the caller's API key.
#include <gtest/gtest.h>

#include <regex>

#include "tests/integration/grpc_fixture.h"
#include "tests/integration/thirdparty/gateway_fixture.h"

namespace ndxp::example {
namespace {

using google::protobuf::Message;

constexpr const char* kTraceId = "0af7651916cd43dd8448eb211c80319c";
constexpr const char* kCallerSpan = "b7ad6b7169203331";

// ReceivedMetadata, as plain values.
struct Received {
  std::string request_id;
  std::string traceparent;
  std::string tracestate;
  bool has_caller_assertion = false;
  bool has_api_key = false;
};

Received ReceivedOf(const Message& response) {
  const auto* field = response.GetDescriptor()->FindFieldByName("received");
  const Message& m = response.GetReflection()->GetMessage(response, field);
  const auto* r = m.GetReflection();
  const auto* type = m.GetDescriptor();
  return Received{
      .request_id = r->GetString(m, type->FindFieldByName("request_id")),
      .traceparent = r->GetString(m, type->FindFieldByName("traceparent")),
      .tracestate = r->GetString(m, type->FindFieldByName("tracestate")),
      .has_caller_assertion = r->GetBool(m, type->FindFieldByName("has_caller_assertion")),
      .has_api_key = r->GetBool(m, type->FindFieldByName("has_api_key")),
  };
}

// Lookup "a" through `gateway` with the API key and `headers`; the metadata the upstream saw.
// `response_request_id` receives the x-request-id the gateway answered with.
Received LookupThrough(ThirdPartyGateway& gateway, const DynamicSchema& schema,
                       const std::vector<std::pair<std::string, std::string>>& headers,
                       std::string* response_request_id = nullptr) {
  auto request = schema.FromJson("example.v1.LookupRequest", R"({"key":"a"})");
  auto response = schema.New("example.v1.LookupResponse");
  auto context = ContextWithKey(testing::kTestApiKey);
  for (const auto& [name, value] : headers) context->AddMetadata(name, value);
  grpc::Status status =
      UnaryCall(gateway.Channel(), kLookup, context.get(), *request, response.get());
  EXPECT_TRUE(status.ok()) << status.error_code() << ": " << status.error_message();
  if (response_request_id != nullptr) {
    auto it = context->GetServerInitialMetadata().find("x-request-id");
    if (it != context->GetServerInitialMetadata().end()) {
      response_request_id->assign(it->second.data(), it->second.size());
    }
  }
  return ReceivedOf(*response);
}

// The access-log line that carries `request_id` ("" when none within the bound).
std::string AccessLogLine(const std::string& path, const std::string& request_id) {
  const std::string needle = "\"request_id\":\"" + request_id + "\"";
  std::string log = WaitForFileContaining(path, needle, std::chrono::seconds(10));
  auto at = log.find(needle);
  if (at == std::string::npos) return "";
  auto start = log.rfind('\n', at);
  start = start == std::string::npos ? 0 : start + 1;
  return log.substr(start, log.find('\n', at) - start);
}

class UpstreamMetadataTest : public ThirdPartyGatewayTest {};

// The caller's request id and trace reach the upstream: same trace id, the gateway's own span as
// parent (the span id its access log records for the call), flags and tracestate kept, and a
// signed caller assertion; the API key does not. Fails when any header is dropped, passed
// verbatim (the caller's span as parent), or leaked.
TEST_F(UpstreamMetadataTest, CallersIdsContinueAndTheKeyStaysBehind) {
  const std::string request_id = "it-thirdparty-trace-a";
  const std::string traceparent = std::string("00-") + kTraceId + "-" + kCallerSpan + "-01";
  std::string answered_id;
  Received got = LookupThrough(env(), schema(),
                               {{"x-request-id", request_id},
                                {"traceparent", traceparent},
                                {"tracestate", "vendor=opaque,other=1"}},
                               &answered_id);
  EXPECT_EQ(got.request_id, request_id);
  EXPECT_EQ(answered_id, request_id);
  std::smatch match;
  ASSERT_TRUE(std::regex_match(got.traceparent, match,
                               std::regex(std::string("00-") + kTraceId + "-([0-9a-f]{16})-01")))
      << got.traceparent;
  const std::string parent = match[1].str();
  EXPECT_NE(parent, kCallerSpan) << "the caller's traceparent was passed on verbatim";
  EXPECT_NE(parent, "0000000000000000");
  EXPECT_EQ(got.tracestate, "vendor=opaque,other=1");
  EXPECT_TRUE(got.has_caller_assertion);
  EXPECT_FALSE(got.has_api_key) << "the caller's API key reached the upstream";

  std::string line = AccessLogLine(env().access_log(), request_id);
  ASSERT_FALSE(line.empty()) << "no access-log line for " << request_id;
  EXPECT_NE(line.find(std::string("\"trace_id\":\"") + kTraceId + "\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"span_id\":\"" + parent + "\""), std::string::npos)
      << "the upstream's parent is not the gateway's span: " << line;
}

// Without ids from the caller the gateway makes them: the request id it answers with is the one
// the upstream got, and a new trace starts (not sampled, no tracestate).
TEST_F(UpstreamMetadataTest, WithoutCallerIdsTheGatewayMakesThem) {
  std::string answered_id;
  Received got = LookupThrough(env(), schema(), {}, &answered_id);
  EXPECT_TRUE(std::regex_match(got.request_id, std::regex("[a-p]{32}"))) << got.request_id;
  EXPECT_EQ(got.request_id, answered_id);
  EXPECT_TRUE(std::regex_match(got.traceparent, std::regex("00-[0-9a-f]{32}-[0-9a-f]{16}-00")))
      << got.traceparent;
  EXPECT_EQ(got.tracestate, "");
  EXPECT_TRUE(got.has_caller_assertion);
  EXPECT_FALSE(got.has_api_key);
}

// An invalid traceparent is not passed on: a new trace starts, and its tracestate goes with it.
TEST_F(UpstreamMetadataTest, InvalidTraceparentStartsANewTrace) {
  const std::string bad = "00-00000000000000000000000000000000-b7ad6b7169203331-01";
  Received got = LookupThrough(env(), schema(), {{"traceparent", bad}, {"tracestate", "v=1"}});
  std::smatch match;
  ASSERT_TRUE(
      std::regex_match(got.traceparent, match, std::regex("00-([0-9a-f]{32})-[0-9a-f]{16}-00")))
      << got.traceparent;
  EXPECT_NE(match[1].str(), "00000000000000000000000000000000");
  EXPECT_EQ(got.tracestate, "");
}

// The HTTP listener sends the upstream the same: the caller's request id, the assertion, never
// the key (which an HTTP caller sends as a header like any other).
TEST_F(UpstreamMetadataTest, HttpCallersKeyStaysBehindToo) {
  const std::string key = std::string("x-api-key: ") + testing::kTestApiKey;
  struct Case {
    const char* name;
    std::vector<std::string> args;
  } cases[] = {
      {"connect",
       {"-H", key, "-H", "x-request-id: it-thirdparty-connect", "-H",
        "content-type: application/json", "-d", R"({"key":"a"})", env().http_url() + kLookup}},
      {"rest",
       {"-H", key, "-H", "x-request-id: it-thirdparty-rest", env().http_url() + "/v1/lookups/a"}},
  };
  for (const auto& c : cases) {
    HttpResult result = Curl(c.args);
    ASSERT_EQ(result.status, 200) << c.name << ": " << result.curl_output << result.body;
    auto response = schema().FromJson("example.v1.LookupResponse", result.body);
    ASSERT_NE(response, nullptr) << c.name << ": " << result.body;
    Received got = ReceivedOf(*response);
    EXPECT_EQ(got.request_id, std::string("it-thirdparty-") + c.name);
    EXPECT_TRUE(got.has_caller_assertion) << c.name;
    EXPECT_FALSE(got.has_api_key) << c.name << ": the caller's API key reached the upstream";
  }
}

// Without upstream_identity.key_file nothing is signed: no assertion header at all (and still no
// key).
TEST(UpstreamMetadataWithoutKeyTest, NoCallerAssertionWithoutKeyFile) {
  DynamicSchema schema(DescriptorSetPath());
  ASSERT_TRUE(schema.ok()) << schema.error();
  ThirdPartyGateway gateway(/*with_identity_key=*/false);
  ASSERT_TRUE(gateway.ok()) << gateway.error();
  Received got = LookupThrough(gateway, schema, {{"x-request-id", "it-thirdparty-nokey"}});
  EXPECT_EQ(got.request_id, "it-thirdparty-nokey");
  EXPECT_FALSE(got.has_caller_assertion);
  EXPECT_FALSE(got.has_api_key);
}

}  // namespace
}  // namespace ndxp::example
