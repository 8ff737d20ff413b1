#pragma once
// A gRPC client that knows a service only by its FileDescriptorSet, as an integrator's generic
// tool does: the set's files built into a DescriptorPool of the test's own (no generated code of
// the example, and none of the gateway's descriptor loading), messages made by a
// DynamicMessageFactory, calls made through grpc::GenericStub on a CompletionQueue of their own.
// Every wait is bounded by the call's deadline (plus a margin).

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>

namespace ndxp::example {

class DynamicSchema {
 public:
  // Reads the FileDescriptorSet at `path` and builds every file of it; a failure is reported by
  // ok() and error().
  explicit DynamicSchema(const std::string& path);

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  const google::protobuf::FileDescriptorSet& set() const { return set_; }
  const google::protobuf::DescriptorPool& pool() const { return pool_; }

  // A new empty message of type `full_name` (e.g. "example.v1.LookupRequest"); null if unknown.
  std::unique_ptr<google::protobuf::Message> New(const std::string& full_name) const;
  // A message of type `full_name` from proto3 JSON; null if unknown or the JSON does not parse.
  std::unique_ptr<google::protobuf::Message> FromJson(const std::string& full_name,
                                                      const std::string& json) const;

 private:
  std::string error_;
  google::protobuf::FileDescriptorSet set_;
  google::protobuf::DescriptorPool pool_;
  // Declared after pool_: destroyed first, as its prototypes point into the pool.
  mutable google::protobuf::DynamicMessageFactory factory_{&pool_};
};

// One call of any shape, driven step by step (the wire is the same for every shape: messages one
// way, messages the other, a status). Each step waits for its own completion.
class GenericCall {
 public:
  // Starts `method` ("/example.v1.LookupService/Lookup") on `channel`. `context` (with its
  // metadata and deadline set) must outlive the call.
  GenericCall(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
              grpc::ClientContext* context);
  ~GenericCall();  // cancels a call not finished
  GenericCall(const GenericCall&) = delete;
  GenericCall& operator=(const GenericCall&) = delete;

  bool started() const { return started_; }
  bool Write(const std::string& bytes);
  bool Write(const google::protobuf::Message& message);
  // False at the end of the response stream (or on an error: Finish says which).
  bool Read(std::string* bytes);
  bool Read(google::protobuf::Message* message);
  bool WritesDone();
  grpc::Status Finish();

 private:
  bool Await(void* tag);

  grpc::ClientContext* context_;
  grpc::CompletionQueue cq_;
  grpc::GenericStub stub_;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call_;
  std::chrono::system_clock::time_point wait_until_;
  bool started_ = false;
  bool finished_ = false;
};

// A unary call through GenericCall: one request, one response or none, the status.
grpc::Status UnaryCall(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                       grpc::ClientContext* context, const google::protobuf::Message& request,
                       google::protobuf::Message* response);

// A context with a deadline `in` from now and, unless null, the API key in x-api-key.
std::unique_ptr<grpc::ClientContext> ContextWithKey(
    const char* api_key, std::chrono::milliseconds in = std::chrono::seconds(20));

}  // namespace ndxp::example
