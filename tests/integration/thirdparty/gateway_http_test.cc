// The example service on the gateway's HTTP listener with curl: Connect unary calls in JSON and in
// binary, and the REST route of its google.api.http annotation, all through protobuf's JSON
// mapping on messages the gateway builds from the descriptor set; errors in the format of each.
#include <absl/strings/escaping.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "tests/integration/grpc_fixture.h"
#include "tests/integration/thirdparty/gateway_fixture.h"

namespace ndxp::example {
namespace {

using google::protobuf::Message;

const std::string kKeyHeader = std::string("x-api-key: ") + testing::kTestApiKey;

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The value of response header `name` ("" when absent).
std::string Header(const HttpResult& result, const std::string& name) {
  std::string headers = Lower(result.headers);
  auto at = headers.find("\n" + name + ":");
  if (at == std::string::npos) return "";
  auto start = result.headers.find_first_not_of(' ', at + name.size() + 2);
  auto end = result.headers.find_first_of("\r\n", start);
  return result.headers.substr(start, end - start);
}

google::protobuf::Struct ParseStruct(const std::string& json) {
  google::protobuf::Struct out;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &out).ok()) << json;
  return out;
}

std::string StringField(const google::protobuf::Struct& s, const std::string& name) {
  auto it = s.fields().find(name);
  return it == s.fields().end() ? "" : it->second.string_value();
}

class HttpThroughGatewayTest : public ThirdPartyGatewayTest {
 protected:
  static std::string String(const Message& m, const char* field) {
    return m.GetReflection()->GetString(m, m.GetDescriptor()->FindFieldByName(field));
  }

  HttpResult ConnectJson(const std::string& method, const std::string& body) {
    return Curl({"-H", kKeyHeader, "-H", "content-type: application/json", "--data-binary", body,
                 env().http_url() + "/example.v1.LookupService/" + method});
  }

  // The ErrorInfo the example server puts in its NOT_FOUND, serialized, as a direct call gets it.
  std::string DirectErrorInfoBytes() {
    auto request = Json("example.v1.LookupRequest", R"({"key":"missing"})");
    auto response = schema().New("example.v1.LookupResponse");
    auto context = ContextWithKey(nullptr);
    grpc::Status status =
        UnaryCall(env().DirectChannel(), kLookup, context.get(), *request, response.get());
    google::rpc::Status details;
    EXPECT_TRUE(details.ParseFromString(status.error_details()));
    return details.details_size() == 1 ? details.details(0).value() : "";
  }
};

// Fails when the Connect JSON route does not parse the request into the set's message, does not
// reach the upstream, or does not render its answer in JSON.
TEST_F(HttpThroughGatewayTest, ConnectJsonLookupAnswersTheValue) {
  HttpResult result = ConnectJson("Lookup", R"({"key":"a"})");
  ASSERT_EQ(result.status, 200) << result.curl_output << result.body;
  EXPECT_EQ(Header(result, "content-type"), "application/json");
  auto response = schema().FromJson("example.v1.LookupResponse", result.body);
  ASSERT_NE(response, nullptr) << result.body;
  EXPECT_EQ(String(*response, "key"), "a");
  EXPECT_EQ(String(*response, "value"), "value-of-a");
}

// The same call in binary (application/proto): the bytes go both ways as protobuf.
TEST_F(HttpThroughGatewayTest, ConnectBinaryLookupAnswersTheValue) {
  auto request = Json("example.v1.LookupRequest", R"({"key":"b"})");
  ASSERT_NE(request, nullptr);
  TempDir dir;
  ASSERT_TRUE(WriteWholeFile(dir.path() + "/request.bin", request->SerializeAsString()));
  HttpResult result =
      Curl({"-H", kKeyHeader, "-H", "content-type: application/proto", "--data-binary",
            "@" + dir.path() + "/request.bin", env().http_url() + kLookup});
  ASSERT_EQ(result.status, 200) << result.curl_output << result.body;
  EXPECT_EQ(Header(result, "content-type"), "application/proto");
  auto response = schema().New("example.v1.LookupResponse");
  ASSERT_TRUE(response->ParseFromString(result.body));
  EXPECT_EQ(String(*response, "value"), "value-of-b");
}

// protobuf's JSON mapping refuses a field the message does not have: 400, and the error names the
// field. Fails when unknown fields are ignored (the call would be 200).
TEST_F(HttpThroughGatewayTest, ConnectUnknownJsonFieldIs400NamingTheField) {
  HttpResult result = ConnectJson("Lookup", R"({"key":"a","colour":"red"})");
  ASSERT_EQ(result.status, 400) << result.curl_output << result.body;
  auto error = ParseStruct(result.body);
  EXPECT_EQ(StringField(error, "code"), "invalid_argument") << result.body;
  EXPECT_NE(StringField(error, "message").find("colour"), std::string::npos) << result.body;
}

// The upstream's NOT_FOUND as Connect error JSON: 404, code not_found, its message, and its
// ErrorInfo as a detail whose bytes are the ones the upstream sent.
TEST_F(HttpThroughGatewayTest, ConnectNotFoundIsConnectErrorJson) {
  const std::string info_bytes = DirectErrorInfoBytes();
  ASSERT_FALSE(info_bytes.empty());
  HttpResult result = ConnectJson("Lookup", R"({"key":"missing"})");
  ASSERT_EQ(result.status, 404) << result.curl_output << result.body;
  EXPECT_EQ(Header(result, "content-type"), "application/json");
  auto error = ParseStruct(result.body);
  EXPECT_EQ(StringField(error, "code"), "not_found") << result.body;
  EXPECT_EQ(StringField(error, "message"), "no value is stored under key \"missing\"");
  auto details = error.fields().find("details");
  ASSERT_NE(details, error.fields().end()) << result.body;
  ASSERT_EQ(details->second.list_value().values_size(), 1) << result.body;
  const auto& detail = details->second.list_value().values(0).struct_value();
  EXPECT_EQ(StringField(detail, "type"), "google.rpc.ErrorInfo") << result.body;
  std::string value;
  ASSERT_TRUE(absl::Base64Unescape(StringField(detail, "value"), &value)) << result.body;
  EXPECT_EQ(value, info_bytes);
}

// The REST route from `get: "/v1/lookups/{key}"`: the path variable fills the request field.
TEST_F(HttpThroughGatewayTest, RestGetLookupAnswersJson) {
  HttpResult result = Curl({"-H", kKeyHeader, env().http_url() + "/v1/lookups/a"});
  ASSERT_EQ(result.status, 200) << result.curl_output << result.body;
  EXPECT_EQ(Header(result, "content-type"), "application/json");
  auto response = schema().FromJson("example.v1.LookupResponse", result.body);
  ASSERT_NE(response, nullptr) << result.body;
  EXPECT_EQ(String(*response, "key"), "a");
  EXPECT_EQ(String(*response, "value"), "value-of-a");
}

// A REST error is google.rpc.Status JSON (as grpc-gateway and Envoy's transcoder send it), with
// the upstream's ErrorInfo as a typed detail.
TEST_F(HttpThroughGatewayTest, RestMissingIs404RpcStatus) {
  HttpResult result = Curl({"-H", kKeyHeader, env().http_url() + "/v1/lookups/missing"});
  ASSERT_EQ(result.status, 404) << result.curl_output << result.body;
  EXPECT_EQ(Header(result, "content-type"), "application/json");
  google::rpc::Status status;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(result.body, &status).ok())
      << result.body;
  EXPECT_EQ(status.code(), 5);
  EXPECT_EQ(status.message(), "no value is stored under key \"missing\"");
  ASSERT_EQ(status.details_size(), 1) << result.body;
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(status.details(0).UnpackTo(&info)) << result.body;
  EXPECT_EQ(info.reason(), "KEY_NOT_FOUND");
  EXPECT_EQ(info.domain(), "example.v1");
  EXPECT_EQ(info.metadata().at("key"), "missing");
}

// The REST route runs the gateway's stages: without a key it never reaches the upstream.
TEST_F(HttpThroughGatewayTest, RestWithoutApiKeyIs401) {
  HttpResult result = Curl({env().http_url() + "/v1/lookups/a"});
  EXPECT_EQ(result.status, 401) << result.curl_output << result.body;
}

}  // namespace
}  // namespace ndxp::example
