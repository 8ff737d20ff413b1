#pragma once
// One message of a call, held as bytes, as a parsed message, or both, each made from the other at
// most once. A remote upstream forwards the bytes untouched; an in-process connector, a stage that
// reads a field, or JSON transcoding asks for the message, which is parsed once and then shared.

#include <cstddef>
#include <string>
#include <string_view>

#include <absl/status/statusor.h>
#include <google/protobuf/arena.h>
#include <google/protobuf/message.h>
#include <grpcpp/support/byte_buffer.h>

namespace ndxp::core {

class Payload {
 public:
  // Which way the message travels: decides the error for bytes that do not parse (a caller's bad
  // request is INVALID_ARGUMENT, an upstream's bad answer INTERNAL).
  enum class Direction { kRequest, kResponse };

  // `prototype` is the message type (generated, or dynamic for a third-party service); messages
  // live on `arena`, which must outlive the payload.
  Payload(Direction direction, const google::protobuf::Message* prototype,
          google::protobuf::Arena* arena)
      : direction_(direction), prototype_(prototype), arena_(arena) {}
  Payload(const Payload&) = delete;
  Payload& operator=(const Payload&) = delete;

  // The buffer to receive bytes into (a gRPC read, an upstream's answer): the payload is these
  // bytes from now on, and the message is parsed from them when asked for.
  grpc::ByteBuffer& ReceiveBytes();
  // The same from a contiguous body (Connect binary, one copy).
  void SetBytes(std::string_view bytes);

  // A cleared message to build in place (a JSON body, a handler's answer): the payload is this
  // message from now on; bytes are serialized from it when asked for.
  google::protobuf::Message& NewMessage();
  // A stage changed the message returned by Message(): bytes made before are stale.
  void MessageChanged() { has_bytes_ = false; }

  // The message, parsed from the bytes at the first call after they changed. A request that does
  // not parse is INVALID_ARGUMENT (reason MALFORMED_REQUEST); a response, INTERNAL.
  absl::StatusOr<google::protobuf::Message*> Message();
  // The bytes, serialized from the message at the first call after it changed.
  absl::StatusOr<grpc::ByteBuffer*> Bytes();
  // The bytes as one string (Connect binary responses).
  absl::StatusOr<std::string> BytesAsString();

  // Serialized size: of the bytes when held, else of the message.
  std::size_t ByteSize() const;
  bool has_bytes() const { return has_bytes_; }
  bool has_message() const { return has_message_; }
  const google::protobuf::Message& prototype() const { return *prototype_; }
  // Drops both forms; the message object is kept for reuse.
  void Clear();

 private:
  google::protobuf::Message& MessageObject();

  Direction direction_;
  const google::protobuf::Message* prototype_;
  google::protobuf::Arena* arena_;
  grpc::ByteBuffer bytes_;
  google::protobuf::Message* message_ = nullptr;  // on arena_, reused for every content
  bool has_bytes_ = false;
  bool has_message_ = false;
};

// A ByteBuffer holding a copy of `bytes`.
grpc::ByteBuffer ByteBufferOf(std::string_view bytes);
// The contents of a ByteBuffer as one string.
std::string StringOf(const grpc::ByteBuffer& buffer);

}  // namespace ndxp::core
