#pragma once
// A test-only message type built at run time (no protoc): one field of every kind the YAML mapper
// handles, so that its error paths are tested beyond what config.proto uses.

#include <memory>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/message.h>

namespace ndxp::config::testing {

class TestSchema {
 public:
  TestSchema();
  // A new, empty ndxp.test.Sample.
  std::unique_ptr<google::protobuf::Message> NewSample() const;

 private:
  google::protobuf::DescriptorPool pool_;
  mutable google::protobuf::DynamicMessageFactory factory_;
  const google::protobuf::Descriptor* sample_ = nullptr;
};

}  // namespace ndxp::config::testing
