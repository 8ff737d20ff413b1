#include "gateway/config/yaml_emitter.h"

#include "gateway/config/scalar_parse.h"

#include <google/protobuf/duration.pb.h>
#include <google/protobuf/timestamp.pb.h>
#include <google/protobuf/util/time_util.h>
#include <yaml-cpp/yaml.h>

#include "gateway/config/duration.h"

namespace ndxp::config {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

void EmitMessage(YAML::Emitter& out, const Message& message);

// Seconds and nanos of a Duration or Timestamp, read by reflection (the message may be dynamic).
std::pair<std::int64_t, std::int32_t> SecondsNanos(const Message& message) {
  const Descriptor& type = *message.GetDescriptor();
  const Reflection& r = *message.GetReflection();
  return {r.GetInt64(message, type.FindFieldByName("seconds")),
          r.GetInt32(message, type.FindFieldByName("nanos"))};
}

bool IsWrapper(const Descriptor& type) {
  return type.file()->name() == "google/protobuf/wrappers.proto";
}

void EmitScalar(YAML::Emitter& out, const Message& message, const FieldDescriptor& field,
                int index) {
  const Reflection& r = *message.GetReflection();
  const bool rep = index >= 0;
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      out << (rep ? r.GetRepeatedInt32(message, &field, index) : r.GetInt32(message, &field));
      break;
    case FieldDescriptor::CPPTYPE_INT64:
      out << (rep ? r.GetRepeatedInt64(message, &field, index) : r.GetInt64(message, &field));
      break;
    case FieldDescriptor::CPPTYPE_UINT32:
      out << (rep ? r.GetRepeatedUInt32(message, &field, index) : r.GetUInt32(message, &field));
      break;
    case FieldDescriptor::CPPTYPE_UINT64:
      out << (rep ? r.GetRepeatedUInt64(message, &field, index) : r.GetUInt64(message, &field));
      break;
    case FieldDescriptor::CPPTYPE_BOOL:
      out << (rep ? r.GetRepeatedBool(message, &field, index) : r.GetBool(message, &field));
      break;
    case FieldDescriptor::CPPTYPE_FLOAT:
      out << (rep ? r.GetRepeatedFloat(message, &field, index) : r.GetFloat(message, &field));
      break;
    case FieldDescriptor::CPPTYPE_DOUBLE:
      out << (rep ? r.GetRepeatedDouble(message, &field, index) : r.GetDouble(message, &field));
      break;
    case FieldDescriptor::CPPTYPE_ENUM:
      out << EnumValueYamlName(
          *(rep ? r.GetRepeatedEnum(message, &field, index) : r.GetEnum(message, &field)));
      break;
    default:
      out << YAML::DoubleQuoted
          << (rep ? r.GetRepeatedString(message, &field, index) : r.GetString(message, &field));
  }
}

void EmitValue(YAML::Emitter& out, const Message& message) {
  const Descriptor& type = *message.GetDescriptor();
  if (type.full_name() == "google.protobuf.Duration") {
    auto [seconds, nanos] = SecondsNanos(message);
    google::protobuf::Duration duration;
    duration.set_seconds(seconds);
    duration.set_nanos(nanos);
    out << FormatDuration(duration);
  } else if (type.full_name() == "google.protobuf.Timestamp") {
    auto [seconds, nanos] = SecondsNanos(message);
    google::protobuf::Timestamp ts;
    ts.set_seconds(seconds);
    ts.set_nanos(nanos);
    out << google::protobuf::util::TimeUtil::ToString(ts);
  } else if (IsWrapper(type)) {
    EmitScalar(out, message, *type.FindFieldByName("value"), -1);
  } else {
    EmitMessage(out, message);
  }
}

void EmitField(YAML::Emitter& out, const Message& message, const FieldDescriptor& field) {
  const Reflection& r = *message.GetReflection();
  if (field.is_map()) {
    out << YAML::BeginMap;
    for (int i = 0; i < r.FieldSize(message, &field); ++i) {
      const Message& entry = r.GetRepeatedMessage(message, &field, i);
      out << YAML::Key;
      EmitScalar(out, entry, *entry.GetDescriptor()->map_key(), -1);
      out << YAML::Value;
      const FieldDescriptor& value = *entry.GetDescriptor()->map_value();
      if (value.message_type() != nullptr) {
        EmitValue(out, entry.GetReflection()->GetMessage(entry, &value));
      } else {
        EmitScalar(out, entry, value, -1);
      }
    }
    out << YAML::EndMap;
  } else if (field.is_repeated()) {
    if (r.FieldSize(message, &field) == 0) out << YAML::Flow;
    out << YAML::BeginSeq;
    for (int i = 0; i < r.FieldSize(message, &field); ++i) {
      if (field.message_type() != nullptr) {
        EmitValue(out, r.GetRepeatedMessage(message, &field, i));
      } else {
        EmitScalar(out, message, field, i);
      }
    }
    out << YAML::EndSeq;
  } else if (field.message_type() != nullptr) {
    EmitValue(out, r.GetMessage(message, &field));
  } else {
    EmitScalar(out, message, field, -1);
  }
}

void EmitMessage(YAML::Emitter& out, const Message& message) {
  const Descriptor& type = *message.GetDescriptor();
  const Reflection& r = *message.GetReflection();
  out << YAML::BeginMap;
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor& field = *type.field(i);
    const bool present =
        field.is_repeated() || !field.has_presence() || r.HasField(message, &field);
    if (!present) continue;
    out << YAML::Key << field.name() << YAML::Value;
    EmitField(out, message, field);
  }
  out << YAML::EndMap;
}

}  // namespace

std::string MessageToYaml(const Message& message) {
  YAML::Emitter out;
  EmitMessage(out, message);
  return std::string(out.c_str()) + "\n";
}

}  // namespace ndxp::config
