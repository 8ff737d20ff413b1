#include "tests/integration/thirdparty/dynamic_client.h"

#include <google/protobuf/util/json_util.h>

#include <fstream>
#include <sstream>
#include <vector>

namespace ndxp::example {
namespace {

// A completion arrives within the call's deadline; this much more covers a slow machine.
constexpr auto kMargin = std::chrono::seconds(10);

std::string ReadFile(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  *ok = in.good() || in.eof();
  return text.str();
}

// Tags of the operations: one of each may be outstanding.
enum Op : std::intptr_t { kStart = 1, kWrite, kRead, kWritesDone, kFinish };
void* Tag(Op op) { return reinterpret_cast<void*>(static_cast<std::intptr_t>(op)); }

}  // namespace

DynamicSchema::DynamicSchema(const std::string& path) {
  bool read = false;
  std::string bytes = ReadFile(path, &read);
  if (!read || !set_.ParseFromString(bytes)) {
    error_ = path + ": not a readable FileDescriptorSet";
    return;
  }
  // protoc --include_imports writes every file after the files it imports.
  for (const auto& file : set_.file()) {
    if (pool_.BuildFile(file) == nullptr) {
      error_ = path + ": " + file.name() + " does not build";
      return;
    }
  }
}

std::unique_ptr<google::protobuf::Message> DynamicSchema::New(const std::string& full_name) const {
  const auto* type = pool_.FindMessageTypeByName(full_name);
  if (type == nullptr) return nullptr;
  return std::unique_ptr<google::protobuf::Message>(factory_.GetPrototype(type)->New());
}

std::unique_ptr<google::protobuf::Message> DynamicSchema::FromJson(const std::string& full_name,
                                                                   const std::string& json) const {
  auto message = New(full_name);
  if (message == nullptr ||
      !google::protobuf::util::JsonStringToMessage(json, message.get()).ok()) {
    return nullptr;
  }
  return message;
}

GenericCall::GenericCall(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                         grpc::ClientContext* context)
    : context_(context), stub_(channel) {
  wait_until_ = context->deadline() == std::chrono::system_clock::time_point::max()
                    ? std::chrono::system_clock::now() + std::chrono::seconds(30)
                    : context->deadline() + kMargin;
  call_ = stub_.PrepareCall(context, method, &cq_);
  call_->StartCall(Tag(kStart));
  started_ = Await(Tag(kStart));
}

GenericCall::~GenericCall() {
  if (!finished_) {
    context_->TryCancel();
    grpc::Status ignored;
    call_->Finish(&ignored, Tag(kFinish));
  }
  cq_.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (cq_.Next(&tag, &ok)) {  // after the cancel every pending operation completes at once
  }
}

bool GenericCall::Await(void* tag) {
  void* got = nullptr;
  bool ok = false;
  for (;;) {
    auto result = cq_.AsyncNext(&got, &ok, wait_until_);
    if (result != grpc::CompletionQueue::GOT_EVENT) return false;
    if (got == tag) return ok;
    // A completion of another operation (e.g. the start) that was not awaited: skip it.
  }
}

bool GenericCall::Write(const std::string& bytes) {
  grpc::Slice slice(bytes);
  grpc::ByteBuffer buffer(&slice, 1);
  call_->Write(buffer, Tag(kWrite));
  return Await(Tag(kWrite));
}

bool GenericCall::Write(const google::protobuf::Message& message) {
  return Write(message.SerializeAsString());
}

bool GenericCall::Read(std::string* bytes) {
  grpc::ByteBuffer buffer;
  call_->Read(&buffer, Tag(kRead));
  if (!Await(Tag(kRead))) return false;
  std::vector<grpc::Slice> slices;
  if (!buffer.Dump(&slices).ok()) return false;
  bytes->clear();
  for (const auto& s : slices) bytes->append(reinterpret_cast<const char*>(s.begin()), s.size());
  return true;
}

bool GenericCall::Read(google::protobuf::Message* message) {
  std::string bytes;
  return Read(&bytes) && message->ParseFromString(bytes);
}

bool GenericCall::WritesDone() {
  call_->WritesDone(Tag(kWritesDone));
  return Await(Tag(kWritesDone));
}

grpc::Status GenericCall::Finish() {
  grpc::Status status;
  call_->Finish(&status, Tag(kFinish));
  finished_ = true;
  if (!Await(Tag(kFinish))) {
    return grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, "test: Finish did not complete");
  }
  return status;
}

grpc::Status UnaryCall(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                       grpc::ClientContext* context, const google::protobuf::Message& request,
                       google::protobuf::Message* response) {
  GenericCall call(channel, method, context);
  if (call.started() && call.Write(request) && call.WritesDone()) {
    std::string bytes;
    if (call.Read(&bytes) && !response->ParseFromString(bytes)) {
      return grpc::Status(grpc::StatusCode::INTERNAL, "test: response does not parse");
    }
  }
  return call.Finish();
}

std::unique_ptr<grpc::ClientContext> ContextWithKey(const char* api_key,
                                                    std::chrono::milliseconds in) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (api_key != nullptr) context->AddMetadata("x-api-key", api_key);
  if (api_key != nullptr) context->AddMetadata("x-ndxp-purpose", "administrative-procedure");
  context->set_deadline(std::chrono::system_clock::now() + in);
  return context;
}

}  // namespace ndxp::example
