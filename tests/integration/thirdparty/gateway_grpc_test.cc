// Every method of the example service through the gateway's gRPC listener, called by a client
// that knows the service by its descriptor set only (DynamicMessage + GenericStub): every call
// shape is forwarded, and the upstream's errors come back as it sent them.
#include <google/protobuf/any.pb.h>
#include <gtest/gtest.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "tests/integration/grpc_fixture.h"
#include "tests/integration/thirdparty/gateway_fixture.h"

namespace ndxp::example {
namespace {

using google::protobuf::Message;

class GrpcThroughGatewayTest : public ThirdPartyGatewayTest {
 protected:
  static std::string String(const Message& m, const char* field) {
    return m.GetReflection()->GetString(m, m.GetDescriptor()->FindFieldByName(field));
  }
  static std::int64_t Int(const Message& m, const char* field) {
    return m.GetReflection()->GetInt64(m, m.GetDescriptor()->FindFieldByName(field));
  }

  // Lookup of `key` on `channel` with the test API key.
  grpc::Status Lookup(const std::shared_ptr<grpc::Channel>& channel, const std::string& key,
                      std::unique_ptr<Message>* response = nullptr) {
    auto request = schema().New("example.v1.LookupRequest");
    request->GetReflection()->SetString(request.get(),
                                        request->GetDescriptor()->FindFieldByName("key"), key);
    auto out = schema().New("example.v1.LookupResponse");
    auto context = ContextWithKey(testing::kTestApiKey);
    grpc::Status status = UnaryCall(channel, kLookup, context.get(), *request, out.get());
    if (response != nullptr) *response = std::move(out);
    return status;
  }
};

// Fails when the unary route does not reach the upstream or its answer does not come back whole.
TEST_F(GrpcThroughGatewayTest, LookupAnswersTheValue) {
  std::unique_ptr<Message> response;
  grpc::Status status = Lookup(env().Channel(), "a", &response);
  ASSERT_TRUE(status.ok()) << status.error_code() << ": " << status.error_message();
  EXPECT_EQ(String(*response, "key"), "a");
  EXPECT_EQ(String(*response, "value"), "value-of-a");
}

// The upstream's NOT_FOUND reaches the caller with the same message and the same
// grpc-status-details-bin bytes as a direct call gets: fails when the gateway rewrites the
// status or drops or re-encodes its details.
TEST_F(GrpcThroughGatewayTest, MissingIsNotFoundWithTheUpstreamsDetailsByteForByte) {
  grpc::Status direct = Lookup(env().DirectChannel(), "missing");
  ASSERT_EQ(direct.error_code(), grpc::StatusCode::NOT_FOUND);
  ASSERT_FALSE(direct.error_details().empty());

  grpc::Status through = Lookup(env().Channel(), "missing");
  ASSERT_EQ(through.error_code(), grpc::StatusCode::NOT_FOUND) << through.error_message();
  EXPECT_EQ(through.error_message(), direct.error_message());
  EXPECT_EQ(through.error_details(), direct.error_details()) << "details re-encoded or lost";

  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(through.error_details()));
  EXPECT_EQ(details.code(), grpc::StatusCode::NOT_FOUND);
  ASSERT_EQ(details.details_size(), 1);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "KEY_NOT_FOUND");
  EXPECT_EQ(info.domain(), "example.v1");
  EXPECT_EQ(info.metadata().at("key"), "missing");
}

// An upstream error without details (INVALID_ARGUMENT for an empty key) passes on its code and
// message.
TEST_F(GrpcThroughGatewayTest, EmptyKeyIsTheUpstreamsInvalidArgument) {
  grpc::Status status = Lookup(env().Channel(), "");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "key: is empty");
}

// The gateway's own stages run on the routed service: no API key, no call.
TEST_F(GrpcThroughGatewayTest, WithoutApiKeyIsUnauthenticated) {
  auto request = Json("example.v1.LookupRequest", R"({"key":"a"})");
  ASSERT_NE(request, nullptr);
  auto response = schema().New("example.v1.LookupResponse");
  auto context = ContextWithKey(nullptr);
  grpc::Status status =
      UnaryCall(env().Channel(), kLookup, context.get(), *request, response.get());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
}

// A method the descriptor set does not define is not forwarded.
TEST_F(GrpcThroughGatewayTest, UnknownMethodIsUnimplemented) {
  auto request = Json("example.v1.LookupRequest", R"({"key":"a"})");
  ASSERT_NE(request, nullptr);
  auto response = schema().New("example.v1.LookupResponse");
  auto context = ContextWithKey(testing::kTestApiKey);
  grpc::Status status = UnaryCall(env().Channel(), "/example.v1.LookupService/Delete",
                                  context.get(), *request, response.get());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED) << status.error_message();
}

// Server streaming: every item, in order, whole (items larger than one HTTP/2 frame and together
// more than the flow-control windows). Fails on a lost, reordered or truncated item.
TEST_F(GrpcThroughGatewayTest, ListItemsStreamsEveryItem) {
  constexpr int kCount = 12;
  constexpr int kBytes = 256 * 1024;
  auto request = Json("example.v1.ListItemsRequest", R"({"count":)" + std::to_string(kCount) +
                                                         R"(,"payload_bytes":)" +
                                                         std::to_string(kBytes) + "}");
  ASSERT_NE(request, nullptr);
  auto context = ContextWithKey(testing::kTestApiKey);
  GenericCall call(env().Channel(), kListItems, context.get());
  ASSERT_TRUE(call.started());
  ASSERT_TRUE(call.Write(*request));
  ASSERT_TRUE(call.WritesDone());
  auto item = schema().New("example.v1.ListItemsResponse");
  int n = 0;
  while (call.Read(item.get())) {
    EXPECT_EQ(Int(*item, "index"), n);
    std::string payload = String(*item, "payload");
    EXPECT_EQ(payload, std::string(kBytes, static_cast<char>('a' + n % 26))) << "item " << n;
    ++n;
  }
  grpc::Status status = call.Finish();
  EXPECT_TRUE(status.ok()) << status.error_code() << ": " << status.error_message();
  EXPECT_EQ(n, kCount);
}

// The upstream's refusal of a stream before its first item.
TEST_F(GrpcThroughGatewayTest, ListItemsNegativeCountIsInvalidArgument) {
  auto request = Json("example.v1.ListItemsRequest", R"({"count":-1})");
  ASSERT_NE(request, nullptr);
  auto context = ContextWithKey(testing::kTestApiKey);
  GenericCall call(env().Channel(), kListItems, context.get());
  ASSERT_TRUE(call.started());
  call.Write(*request);
  call.WritesDone();
  std::string bytes;
  EXPECT_FALSE(call.Read(&bytes));
  grpc::Status status = call.Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "count: is negative");
}

// Client streaming: the upstream answers once the caller half-closes, having seen every message.
TEST_F(GrpcThroughGatewayTest, SumAddsTheClientStream) {
  auto context = ContextWithKey(testing::kTestApiKey);
  GenericCall call(env().Channel(), kSum, context.get());
  ASSERT_TRUE(call.started());
  for (int i = 1; i <= 10; ++i) {
    auto request = Json("example.v1.SumRequest", R"({"value":)" + std::to_string(i) + "}");
    ASSERT_NE(request, nullptr);
    ASSERT_TRUE(call.Write(*request)) << "write " << i;
  }
  ASSERT_TRUE(call.WritesDone());
  auto response = schema().New("example.v1.SumResponse");
  ASSERT_TRUE(call.Read(response.get()));
  std::string extra;
  EXPECT_FALSE(call.Read(&extra));
  grpc::Status status = call.Finish();
  EXPECT_TRUE(status.ok()) << status.error_code() << ": " << status.error_message();
  EXPECT_EQ(Int(*response, "sum"), 55);
  EXPECT_EQ(Int(*response, "count"), 10);
}

// Bidirectional streaming: each echo arrives before the next message is sent, so the gateway
// forwards message by message (it would hang until the deadline if it waited for the half-close).
TEST_F(GrpcThroughGatewayTest, EchoAnswersEachMessageBeforeTheNext) {
  auto context = ContextWithKey(testing::kTestApiKey);
  GenericCall call(env().Channel(), kEcho, context.get());
  ASSERT_TRUE(call.started());
  auto response = schema().New("example.v1.EchoResponse");
  for (int i = 0; i < 3; ++i) {
    const std::string text = "m" + std::to_string(i);
    auto request = Json("example.v1.EchoRequest", R"({"text":")" + text + R"("})");
    ASSERT_NE(request, nullptr);
    ASSERT_TRUE(call.Write(*request));
    ASSERT_TRUE(call.Read(response.get())) << "no echo of " << text;
    EXPECT_EQ(String(*response, "text"), text);
    EXPECT_EQ(Int(*response, "sequence"), i);
  }
  ASSERT_TRUE(call.WritesDone());
  std::string extra;
  EXPECT_FALSE(call.Read(&extra));
  grpc::Status status = call.Finish();
  EXPECT_TRUE(status.ok()) << status.error_code() << ": " << status.error_message();
}

}  // namespace
}  // namespace ndxp::example
