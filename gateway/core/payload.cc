#include "gateway/core/payload.h"

#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/support/slice.h>

#include <vector>

#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::core {

using Traits = grpc::SerializationTraits<google::protobuf::Message>;

grpc::ByteBuffer& Payload::ReceiveBytes() {
  bytes_.Clear();
  has_bytes_ = true;
  has_message_ = false;
  return bytes_;
}

void Payload::SetBytes(std::string_view bytes) { ReceiveBytes() = ByteBufferOf(bytes); }

google::protobuf::Message& Payload::MessageObject() {
  if (message_ == nullptr) message_ = prototype_->New(arena_);
  return *message_;
}

google::protobuf::Message& Payload::NewMessage() {
  google::protobuf::Message& message = MessageObject();
  message.Clear();
  has_message_ = true;
  has_bytes_ = false;
  return message;
}

absl::StatusOr<google::protobuf::Message*> Payload::Message() {
  if (has_message_) return message_;
  google::protobuf::Message& message = MessageObject();
  message.Clear();
  // No bytes at all, or none received, is the empty message, as on the wire.
  if (has_bytes_ && bytes_.Length() > 0) {
    grpc::ByteBuffer copy(bytes_);  // shares the slices; parsing consumes the copy, not the bytes
    if (!Traits::Deserialize(&copy, &message).ok()) {
      message.Clear();
      std::string type = prototype_->GetDescriptor()->full_name();
      if (direction_ == Direction::kRequest) {
        return ErrorWithReason(absl::StatusCode::kInvalidArgument,
                               Cat("request message is not a valid ", type), "MALFORMED_REQUEST");
      }
      return ErrorWithReason(absl::StatusCode::kInternal,
                             Cat("the upstream's response is not a valid ", type),
                             "MALFORMED_UPSTREAM_RESPONSE");
    }
  }
  has_message_ = true;
  return &message;
}

absl::StatusOr<grpc::ByteBuffer*> Payload::Bytes() {
  if (has_bytes_) {
    // A buffer that never received anything is the empty message: never hand gRPC an invalid one.
    if (!bytes_.Valid()) bytes_ = ByteBufferOf("");
    return &bytes_;
  }
  bytes_.Clear();
  if (!has_message_) {
    bytes_ = ByteBufferOf("");  // a valid, empty message
  } else {
    bool own = false;
    if (!Traits::Serialize(*message_, &bytes_, &own).ok()) {
      return ErrorWithReason(absl::StatusCode::kInternal,
                             Cat("could not serialize a ", prototype_->GetDescriptor()->full_name()),
                             "SERIALIZATION_FAILED");
    }
  }
  has_bytes_ = true;
  return &bytes_;
}

absl::StatusOr<std::string> Payload::BytesAsString() {
  auto bytes = Bytes();
  if (!bytes.ok()) return bytes.status();
  return StringOf(**bytes);
}

std::size_t Payload::ByteSize() const {
  if (has_bytes_) return bytes_.Length();
  if (has_message_) return message_->ByteSizeLong();
  return 0;
}

void Payload::Clear() {
  bytes_.Clear();
  if (message_ != nullptr) message_->Clear();
  has_bytes_ = false;
  has_message_ = false;
}

grpc::ByteBuffer ByteBufferOf(std::string_view bytes) {
  grpc::Slice slice(bytes.data(), bytes.size());
  return grpc::ByteBuffer(&slice, 1);
}

std::string StringOf(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string out;
  if (!buffer.Dump(&slices).ok()) return out;
  out.reserve(buffer.Length());
  for (const auto& s : slices) out.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return out;
}

}  // namespace ndxp::core
