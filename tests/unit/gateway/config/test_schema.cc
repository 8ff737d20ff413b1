#include "test_schema.h"

#include <cstdlib>
#include <iostream>

#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/text_format.h>

namespace ndxp::config::testing {
namespace {

constexpr const char* kSchema = R"pb(
  name: "ndxp_test/sample.proto"
  package: "ndxp.test"
  syntax: "proto3"
  dependency: "google/protobuf/duration.proto"
  dependency: "google/protobuf/timestamp.proto"
  dependency: "google/protobuf/wrappers.proto"
  enum_type {
    name: "Color"
    value { name: "COLOR_UNSPECIFIED" number: 0 }
    value { name: "COLOR_RED" number: 1 }
    value { name: "COLOR_GREEN" number: 2 }
  }
  message_type {
    name: "Inner"
    field { name: "label" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
    field { name: "depth" number: 2 label: LABEL_OPTIONAL type: TYPE_UINT32 }
  }
  message_type {
    name: "Nested"
    field { name: "name" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
    field {
      name: "inner"
      number: 2
      label: LABEL_OPTIONAL
      type: TYPE_MESSAGE
      type_name: ".ndxp.test.Inner"
    }
    field {
      name: "inners"
      number: 3
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".ndxp.test.Inner"
    }
  }
  message_type {
    name: "Sample"
    field { name: "i32" number: 1 label: LABEL_OPTIONAL type: TYPE_INT32 }
    field { name: "i64" number: 2 label: LABEL_OPTIONAL type: TYPE_INT64 }
    field { name: "u32" number: 3 label: LABEL_OPTIONAL type: TYPE_UINT32 }
    field { name: "u64" number: 4 label: LABEL_OPTIONAL type: TYPE_UINT64 }
    field { name: "s32" number: 5 label: LABEL_OPTIONAL type: TYPE_SINT32 }
    field { name: "flag" number: 6 label: LABEL_OPTIONAL type: TYPE_BOOL }
    field { name: "ratio" number: 7 label: LABEL_OPTIONAL type: TYPE_DOUBLE }
    field { name: "small" number: 8 label: LABEL_OPTIONAL type: TYPE_FLOAT }
    field { name: "text" number: 9 label: LABEL_OPTIONAL type: TYPE_STRING }
    field { name: "raw" number: 10 label: LABEL_OPTIONAL type: TYPE_BYTES }
    field {
      name: "color"
      number: 11
      label: LABEL_OPTIONAL
      type: TYPE_ENUM
      type_name: ".ndxp.test.Color"
    }
    field {
      name: "nested"
      number: 12
      label: LABEL_OPTIONAL
      type: TYPE_MESSAGE
      type_name: ".ndxp.test.Nested"
    }
    field { name: "numbers" number: 13 label: LABEL_REPEATED type: TYPE_INT32 }
    field {
      name: "colors"
      number: 14
      label: LABEL_REPEATED
      type: TYPE_ENUM
      type_name: ".ndxp.test.Color"
    }
    field {
      name: "nesteds"
      number: 15
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".ndxp.test.Nested"
    }
    field {
      name: "labels"
      number: 16
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".ndxp.test.Sample.LabelsEntry"
    }
    field {
      name: "by_id"
      number: 17
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".ndxp.test.Sample.ByIdEntry"
    }
    field {
      name: "timeout"
      number: 18
      label: LABEL_OPTIONAL
      type: TYPE_MESSAGE
      type_name: ".google.protobuf.Duration"
    }
    field {
      name: "at"
      number: 19
      label: LABEL_OPTIONAL
      type: TYPE_MESSAGE
      type_name: ".google.protobuf.Timestamp"
    }
    field {
      name: "wrapped"
      number: 20
      label: LABEL_OPTIONAL
      type: TYPE_MESSAGE
      type_name: ".google.protobuf.UInt32Value"
    }
    field { name: "by_name" number: 21 label: LABEL_OPTIONAL type: TYPE_STRING oneof_index: 0 }
    field { name: "by_number" number: 22 label: LABEL_OPTIONAL type: TYPE_INT32 oneof_index: 0 }
    field {
      name: "maybe"
      number: 23
      label: LABEL_OPTIONAL
      type: TYPE_BOOL
      oneof_index: 1
      proto3_optional: true
    }
    field {
      name: "timeouts"
      number: 24
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".google.protobuf.Duration"
    }
    oneof_decl { name: "choice" }
    oneof_decl { name: "_maybe" }
    nested_type {
      name: "LabelsEntry"
      field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
      field { name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_INT32 }
      options { map_entry: true }
    }
    nested_type {
      name: "ByIdEntry"
      field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_UINT32 }
      field {
        name: "value"
        number: 2
        label: LABEL_OPTIONAL
        type: TYPE_MESSAGE
        type_name: ".ndxp.test.Inner"
      }
      options { map_entry: true }
    }
  }
)pb";

}  // namespace

TestSchema::TestSchema()
    : pool_(google::protobuf::DescriptorPool::generated_pool()), factory_(&pool_) {
  google::protobuf::FileDescriptorProto file;
  if (!google::protobuf::TextFormat::ParseFromString(kSchema, &file)) std::abort();
  const google::protobuf::FileDescriptor* built = pool_.BuildFile(file);
  if (built == nullptr) std::abort();
  sample_ = built->FindMessageTypeByName("Sample");
}

std::unique_ptr<google::protobuf::Message> TestSchema::NewSample() const {
  return std::unique_ptr<google::protobuf::Message>(factory_.GetPrototype(sample_)->New());
}

}  // namespace ndxp::config::testing
