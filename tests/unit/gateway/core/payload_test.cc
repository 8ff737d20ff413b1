// Payload: one message held as bytes, as a parsed message, or both, each made from the other at
// most once; the errors for bytes that do not parse; the empty message; forwarding untouched.
#include "gateway/core/payload.h"

#include <string>
#include <vector>

#include <google/protobuf/arena.h>
#include <gtest/gtest.h>

#include "gateway/core/status.h"
#include "google/rpc/error_details.pb.h"
#include "ndxp/population/v1/population.pb.h"

namespace ndxp::core {
namespace {

using population::v1::GetCitizenRequest;
using population::v1::GetCitizenResponse;

std::string RequestBytes(std::string_view personal_id) {
  GetCitizenRequest request;
  request.set_personal_id(std::string(personal_id));
  return request.SerializeAsString();
}

const GetCitizenRequest& AsRequest(google::protobuf::Message* message) {
  return *static_cast<GetCitizenRequest*>(message);
}

std::string ReasonOf(const absl::Status& status) {
  google::rpc::Status rpc = ToRpcStatus(status);
  google::rpc::ErrorInfo info;
  if (rpc.details_size() == 0 || !rpc.details(0).UnpackTo(&info)) return "";
  return info.reason();
}

class PayloadTest : public testing::Test {
 protected:
  Payload Request() { return Payload(Payload::Direction::kRequest, &request_type_, &arena_); }
  Payload Response() { return Payload(Payload::Direction::kResponse, &response_type_, &arena_); }

  google::protobuf::Arena arena_;
  const GetCitizenRequest& request_type_ = GetCitizenRequest::default_instance();
  const GetCitizenResponse& response_type_ = GetCitizenResponse::default_instance();
};

TEST_F(PayloadTest, BytesAreParsedOnceIntoOneMessage) {
  Payload payload = Request();
  grpc::ByteBuffer& received = payload.ReceiveBytes();
  received = ByteBufferOf(RequestBytes("079203001234"));
  EXPECT_TRUE(payload.has_bytes());
  EXPECT_FALSE(payload.has_message());

  auto first = payload.Message();
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(AsRequest(*first).personal_id(), "079203001234");
  EXPECT_TRUE(payload.has_bytes());
  EXPECT_TRUE(payload.has_message());
  auto second = payload.Message();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*first, *second);  // the same object

  // Not parsed again: bytes changed behind the payload's back are not read, and a change made to
  // the message is still there.
  received = ByteBufferOf(RequestBytes("001099000001"));
  auto third = payload.Message();
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(AsRequest(*third).personal_id(), "079203001234");
  static_cast<GetCitizenRequest*>(*third)->set_personal_id("edited");
  EXPECT_EQ(AsRequest(*payload.Message()).personal_id(), "edited");
}

TEST_F(PayloadTest, TheOriginalBytesSurviveParsingUntouched) {
  // Bytes a re-serialization would not reproduce: an unknown field (99, varint 1) before a known
  // one, and the known field sent twice (the last wins).
  std::string original =
      std::string("\x98\x06\x01", 3) + RequestBytes("first") + RequestBytes("079203001234");
  Payload payload = Request();
  payload.SetBytes(original);
  auto message = payload.Message();
  ASSERT_TRUE(message.ok()) << message.status();
  EXPECT_EQ(AsRequest(*message).personal_id(), "079203001234");
  auto bytes = payload.BytesAsString();
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(*bytes, original);  // forwarded byte for byte
  EXPECT_EQ(payload.ByteSize(), original.size());
  EXPECT_NE((*message)->SerializeAsString(), original);  // what a re-serialization would send
}

TEST_F(PayloadTest, AMessageIsSerializedOnce) {
  Payload payload = Response();
  auto& response = static_cast<GetCitizenResponse&>(payload.NewMessage());
  response.mutable_citizen()->set_personal_id("079203001234");
  response.mutable_citizen()->set_full_name("Nguy\xe1\xbb\x85n V\xc4\x83n A");
  EXPECT_TRUE(payload.has_message());
  EXPECT_FALSE(payload.has_bytes());
  EXPECT_EQ(payload.ByteSize(), response.ByteSizeLong());

  auto bytes = payload.Bytes();
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_TRUE(payload.has_bytes());
  GetCitizenResponse parsed;
  ASSERT_TRUE(parsed.ParseFromString(StringOf(**bytes)));
  EXPECT_EQ(parsed.citizen().full_name(), "Nguy\xe1\xbb\x85n V\xc4\x83n A");
  auto again = payload.Bytes();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *bytes);  // the same buffer, not serialized again
  EXPECT_EQ(*payload.BytesAsString(), response.SerializeAsString());
}

TEST_F(PayloadTest, ALargeMessageSerializes) {
  // Past gRPC's single-slice limit (1 MiB): serialized through its buffer writer.
  Payload payload = Response();
  auto& response = static_cast<GetCitizenResponse&>(payload.NewMessage());
  response.mutable_citizen()->set_full_name(std::string(3 << 20, 'x'));
  auto bytes = payload.BytesAsString();
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ(*bytes, response.SerializeAsString());
  // And back.
  Payload back = Response();
  back.SetBytes(*bytes);
  auto message = back.Message();
  ASSERT_TRUE(message.ok()) << message.status();
  EXPECT_EQ(static_cast<GetCitizenResponse*>(*message)->citizen().full_name().size(), 3u << 20);
}

TEST_F(PayloadTest, ReceivingBytesInvalidatesTheMessage) {
  Payload payload = Request();
  static_cast<GetCitizenRequest&>(payload.NewMessage()).set_personal_id("old");
  ASSERT_TRUE(payload.Bytes().ok());
  payload.ReceiveBytes() = ByteBufferOf(RequestBytes("new"));
  EXPECT_TRUE(payload.has_bytes());
  EXPECT_FALSE(payload.has_message());
  auto message = payload.Message();
  ASSERT_TRUE(message.ok());
  EXPECT_EQ(AsRequest(*message).personal_id(), "new");

  payload.SetBytes(RequestBytes("newer"));
  EXPECT_FALSE(payload.has_message());
  EXPECT_EQ(AsRequest(*payload.Message()).personal_id(), "newer");
}

TEST_F(PayloadTest, ANewMessageInvalidatesTheBytes) {
  Payload payload = Request();
  payload.SetBytes(RequestBytes("from-bytes"));
  auto parsed = payload.Message();
  ASSERT_TRUE(parsed.ok());
  google::protobuf::Message& fresh = payload.NewMessage();
  EXPECT_EQ(&fresh, *parsed);                      // the object is reused ...
  EXPECT_EQ(AsRequest(&fresh).personal_id(), "");  // ... cleared
  EXPECT_FALSE(payload.has_bytes());
  static_cast<GetCitizenRequest&>(fresh).set_personal_id("built");
  EXPECT_EQ(*payload.BytesAsString(), RequestBytes("built"));
}

TEST_F(PayloadTest, MessageChangedMakesTheBytesStale) {
  Payload payload = Request();
  payload.SetBytes(RequestBytes("079203001234"));
  auto message = payload.Message();
  ASSERT_TRUE(message.ok());
  static_cast<GetCitizenRequest*>(*message)->set_personal_id("masked");
  // Until told, the payload still holds (and would forward) the bytes it received.
  EXPECT_EQ(*payload.BytesAsString(), RequestBytes("079203001234"));
  payload.MessageChanged();
  EXPECT_FALSE(payload.has_bytes());
  EXPECT_TRUE(payload.has_message());
  EXPECT_EQ(*payload.BytesAsString(), RequestBytes("masked"));
}

TEST_F(PayloadTest, MalformedRequestBytesAreInvalidArgument) {
  const std::string malformed[] = {
      std::string("\xff\xff\xff", 3),  // a tag that never ends
      std::string("\x0a\x05"
                  "ab",
                  4),                      // a string longer than what follows
      std::string("\x0a\x02\xff\xfe", 4),  // proto3 string that is not UTF-8
      std::string("\x0f", 1),              // wire type 7 does not exist
  };
  for (const std::string& bytes : malformed) {
    Payload payload = Request();
    payload.SetBytes(bytes);
    auto message = payload.Message();
    ASSERT_FALSE(message.ok()) << testing::PrintToString(bytes);
    EXPECT_EQ(message.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(ReasonOf(message.status()), "MALFORMED_REQUEST");
    EXPECT_NE(std::string(message.status().message()).find("ndxp.population.v1.GetCitizenRequest"),
              std::string::npos)
        << message.status();
    EXPECT_FALSE(payload.has_message());
    EXPECT_FALSE(payload.Message().ok());  // asked again: the same answer, not an empty message
  }
}

TEST_F(PayloadTest, MalformedResponseBytesAreInternal) {
  Payload payload = Response();
  payload.SetBytes(std::string("\xff\xff\xff", 3));
  auto message = payload.Message();
  ASSERT_FALSE(message.ok());
  EXPECT_EQ(message.status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ(ReasonOf(message.status()), "MALFORMED_UPSTREAM_RESPONSE");
}

TEST_F(PayloadTest, NoBytesIsTheEmptyMessage) {
  // Nothing at all, an empty read, and an empty body: the empty message, as on the wire.
  Payload nothing = Request();
  auto message = nothing.Message();
  ASSERT_TRUE(message.ok());
  EXPECT_EQ((*message)->ByteSizeLong(), 0u);

  Payload empty_read = Request();
  empty_read.ReceiveBytes();
  EXPECT_EQ(empty_read.ByteSize(), 0u);
  ASSERT_TRUE(empty_read.Message().ok());

  Payload empty_body = Request();
  empty_body.SetBytes("");
  ASSERT_TRUE(empty_body.Message().ok());
  EXPECT_EQ(AsRequest(*empty_body.Message()).personal_id(), "");
}

TEST_F(PayloadTest, TheEmptyMessageSerializesToAValidEmptyBuffer) {
  Payload untouched = Response();
  EXPECT_EQ(untouched.ByteSize(), 0u);
  auto bytes = untouched.Bytes();
  ASSERT_TRUE(bytes.ok());
  EXPECT_TRUE((*bytes)->Valid());  // a buffer gRPC can send, not a null one
  EXPECT_EQ((*bytes)->Length(), 0u);

  // A receive that got nothing (gRPC's invalid, null buffer) is sent as a valid empty buffer too:
  // gRPC aborts on an invalid one.
  Payload nothing_received = Response();
  nothing_received.ReceiveBytes();
  auto received = nothing_received.Bytes();
  ASSERT_TRUE(received.ok());
  EXPECT_TRUE((*received)->Valid());

  Payload built = Response();
  built.NewMessage();
  auto built_bytes = built.Bytes();
  ASSERT_TRUE(built_bytes.ok());
  EXPECT_TRUE((*built_bytes)->Valid());
  EXPECT_EQ(StringOf(**built_bytes), "");
}

TEST_F(PayloadTest, ClearDropsBothFormsAndKeepsTheObject) {
  Payload payload = Request();
  payload.SetBytes(RequestBytes("x"));
  google::protobuf::Message* object = *payload.Message();
  payload.Clear();
  EXPECT_FALSE(payload.has_bytes());
  EXPECT_FALSE(payload.has_message());
  EXPECT_EQ(payload.ByteSize(), 0u);
  auto message = payload.Message();
  ASSERT_TRUE(message.ok());
  EXPECT_EQ(*message, object);
  EXPECT_EQ(AsRequest(*message).personal_id(), "");
}

TEST(ByteBufferTest, ByteBufferOfAndStringOfRoundTrip) {
  std::string binary("\0a\xff\0", 4);
  for (const std::string& s :
       {std::string(), std::string("abc"), binary, std::string(2 << 20, 'z')}) {
    grpc::ByteBuffer buffer = ByteBufferOf(s);
    EXPECT_EQ(buffer.Length(), s.size());
    EXPECT_EQ(StringOf(buffer), s);
  }
  // Several slices are joined in order.
  std::vector<grpc::Slice> slices = {grpc::Slice("one "), grpc::Slice("two "),
                                     grpc::Slice("three")};
  grpc::ByteBuffer joined(slices.data(), slices.size());
  EXPECT_EQ(StringOf(joined), "one two three");
  // A buffer that was never filled is the empty string.
  EXPECT_EQ(StringOf(grpc::ByteBuffer()), "");
}

}  // namespace
}  // namespace ndxp::core
