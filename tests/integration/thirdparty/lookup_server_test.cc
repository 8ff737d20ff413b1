// The example third-party service answers every call shape as example/v1/lookup.proto says, in
// process and as the ndxp_example_lookup_server binary.
#include "tests/integration/thirdparty/lookup_server.h"

#include <google/protobuf/descriptor.pb.h>
#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>

#include "example/v1/lookup.grpc.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "tests/integration/thirdparty/example_process.h"

namespace ndxp::example {
namespace {

namespace v1 = ::example::v1;

std::unique_ptr<v1::LookupService::Stub> StubFor(int port) {
  return v1::LookupService::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
}

void SetDeadline(grpc::ClientContext& context, std::chrono::milliseconds in) {
  context.set_deadline(std::chrono::system_clock::now() + in);
}

class LookupServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = LookupServer::Start("127.0.0.1:0");
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = StubFor(server_->port());
  }

  grpc::Status Lookup(const std::string& key, v1::LookupResponse& response,
                      std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
    grpc::ClientContext context;
    SetDeadline(context, deadline);
    v1::LookupRequest request;
    request.set_key(key);
    return stub_->Lookup(&context, request, &response);
  }

  std::unique_ptr<LookupServer> server_;
  std::unique_ptr<v1::LookupService::Stub> stub_;
};

TEST_F(LookupServerTest, LookupAnswersAndEchoesMetadata) {
  grpc::ClientContext context;
  SetDeadline(context, std::chrono::seconds(10));
  context.AddMetadata("x-request-id", "req-1");
  context.AddMetadata("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
  context.AddMetadata("tracestate", "vendor=1");
  context.AddMetadata("x-api-key", "secret");
  context.AddMetadata("x-ndxp-purpose", "administrative-procedure");
  v1::LookupRequest request;
  request.set_key("a");
  v1::LookupResponse response;
  ASSERT_TRUE(stub_->Lookup(&context, request, &response).ok());
  EXPECT_EQ(response.key(), "a");
  EXPECT_EQ(response.value(), "value-of-a");
  EXPECT_EQ(response.received().request_id(), "req-1");
  EXPECT_EQ(response.received().traceparent(),
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
  EXPECT_EQ(response.received().tracestate(), "vendor=1");
  EXPECT_TRUE(response.received().has_api_key());
  EXPECT_FALSE(response.received().has_caller_assertion());
}

TEST_F(LookupServerTest, MissingIsNotFoundWithErrorInfo) {
  v1::LookupResponse response;
  grpc::Status status = Lookup("missing", response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  ASSERT_EQ(details.details_size(), 1);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "KEY_NOT_FOUND");
  EXPECT_EQ(info.domain(), "example.v1");
  EXPECT_EQ(info.metadata().at("key"), "missing");
}

TEST_F(LookupServerTest, BadKeysAreInvalidArgument) {
  v1::LookupResponse response;
  EXPECT_EQ(Lookup("", response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Lookup("slow:x", response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Lookup("slow:-1", response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Lookup("slow:600001", response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(LookupServerTest, SlowAnswersAfterTheDelay) {
  auto start = std::chrono::steady_clock::now();
  v1::LookupResponse response;
  ASSERT_TRUE(Lookup("slow:100", response).ok());
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(100));
  EXPECT_EQ(response.value(), "value-of-slow:100");
}

TEST_F(LookupServerTest, SlowCallEndsWithItsDeadline) {
  auto start = std::chrono::steady_clock::now();
  v1::LookupResponse response;
  EXPECT_EQ(Lookup("slow:600000", response, std::chrono::milliseconds(200)).error_code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  // The held call was cancelled on the server too: shutting down does not wait for it.
  start = std::chrono::steady_clock::now();
  server_->Shutdown(absl::Now() + absl::Seconds(30));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST_F(LookupServerTest, ListItemsStreamsCountItemsOfPayloadBytes) {
  grpc::ClientContext context;
  SetDeadline(context, std::chrono::seconds(30));
  v1::ListItemsRequest request;
  request.set_count(64);
  request.set_payload_bytes(1 << 20);
  auto reader = stub_->ListItems(&context, request);
  v1::ListItemsResponse item;
  std::int64_t n = 0;
  while (reader->Read(&item)) {
    EXPECT_EQ(item.index(), n);
    ASSERT_EQ(item.payload().size(), 1u << 20);
    EXPECT_EQ(item.payload().front(), 'a' + n % 26);
    EXPECT_EQ(item.payload().back(), 'a' + n % 26);
    ++n;
  }
  EXPECT_TRUE(reader->Finish().ok());
  EXPECT_EQ(n, 64);
}

TEST_F(LookupServerTest, ListItemsRefusesBadSizes) {
  for (auto [count, bytes] :
       {std::pair<std::int64_t, std::int64_t>{-1, 0}, {1, -1}, {1, kMaxPayloadBytes + 1}}) {
    grpc::ClientContext context;
    SetDeadline(context, std::chrono::seconds(10));
    v1::ListItemsRequest request;
    request.set_count(count);
    request.set_payload_bytes(bytes);
    auto reader = stub_->ListItems(&context, request);
    v1::ListItemsResponse item;
    EXPECT_FALSE(reader->Read(&item));
    EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  }
}

TEST_F(LookupServerTest, SumAddsTheStream) {
  grpc::ClientContext context;
  SetDeadline(context, std::chrono::seconds(10));
  v1::SumResponse response;
  auto writer = stub_->Sum(&context, &response);
  v1::SumRequest request;
  for (int i = 1; i <= 10; ++i) {
    request.set_value(i);
    ASSERT_TRUE(writer->Write(request));
  }
  ASSERT_TRUE(writer->WritesDone());
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(response.sum(), 55);
  EXPECT_EQ(response.count(), 10);
}

TEST_F(LookupServerTest, EchoAnswersEachMessageInOrder) {
  grpc::ClientContext context;
  SetDeadline(context, std::chrono::seconds(10));
  auto stream = stub_->Echo(&context);
  v1::EchoRequest request;
  v1::EchoResponse response;
  for (int i = 0; i < 3; ++i) {
    request.set_text("m" + std::to_string(i));
    ASSERT_TRUE(stream->Write(request));
    ASSERT_TRUE(stream->Read(&response));
    EXPECT_EQ(response.text(), request.text());
    EXPECT_EQ(response.sequence(), i);
  }
  ASSERT_TRUE(stream->WritesDone());
  EXPECT_FALSE(stream->Read(&response));
  EXPECT_TRUE(stream->Finish().ok());
}

// The descriptor set built next to the binary describes what the binary serves.
TEST(ExampleDescriptorSetTest, DescribesTheService) {
  google::protobuf::FileDescriptorSet set;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(
      std::fopen(NDXP_EXAMPLE_DESCRIPTOR_SET, "rb"), &std::fclose);
  ASSERT_NE(file, nullptr);
  std::string bytes(1 << 20, '\0');
  bytes.resize(std::fread(bytes.data(), 1, bytes.size(), file.get()));
  ASSERT_TRUE(set.ParseFromString(bytes));
  bool found = false;
  for (const auto& f : set.file()) {
    if (f.name() != "example/v1/lookup.proto") continue;
    found = true;
    EXPECT_TRUE(f.has_source_code_info());
    ASSERT_EQ(f.service_size(), 1);
    EXPECT_EQ(f.service(0).name(), "LookupService");
    EXPECT_EQ(f.service(0).method_size(), 4);
  }
  EXPECT_TRUE(found);
  EXPECT_GT(set.file_size(), 1);  // with imports
}

// The binary: prints where it listens, serves, exits 0 on SIGTERM.
TEST(LookupServerProcessTest, ServesAndExitsOnSigterm) {
  ExampleProcess process(NDXP_EXAMPLE_SERVER_BINARY);
  ASSERT_GT(process.pid(), 0);
  const int port = process.WaitUntilListening(std::chrono::seconds(30));
  ASSERT_GT(port, 0) << process.output();

  auto stub = StubFor(port);
  grpc::ClientContext context;
  SetDeadline(context, std::chrono::seconds(10));
  v1::LookupRequest request;
  request.set_key("k");
  v1::LookupResponse response;
  ASSERT_TRUE(stub->Lookup(&context, request, &response).ok());
  EXPECT_EQ(response.value(), "value-of-k");

  ASSERT_EQ(::kill(process.pid(), SIGTERM), 0);
  EXPECT_EQ(process.WaitForExit(std::chrono::seconds(30)), 0) << process.output();
}

}  // namespace
}  // namespace ndxp::example
