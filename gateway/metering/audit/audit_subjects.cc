#include "gateway/metering/audit/audit_subjects.h"

#include <google/protobuf/unknown_field_set.h>

#include "ndxp/common/v1/options.pb.h"

namespace ndxp::metering::audit {
namespace {

using google::protobuf::FieldDescriptor;

constexpr int kAuditSubjectFieldNumber = 51002;

bool IsString(const FieldDescriptor& field) {
  return field.cpp_type() == FieldDescriptor::CPPTYPE_STRING;
}

void ReadStrings(const google::protobuf::Message& message, const FieldDescriptor& field,
                 absl::FunctionRef<void(std::string_view)> each) {
  const google::protobuf::Reflection& reflection = *message.GetReflection();
  std::string scratch;
  if (field.is_repeated()) {
    const int n = reflection.FieldSize(message, &field);
    for (int i = 0; i < n; ++i) {
      const std::string& value = reflection.GetRepeatedStringReference(message, &field, i, &scratch);
      if (!value.empty()) each(value);
    }
    return;
  }
  const std::string& value = reflection.GetStringReference(message, &field, &scratch);
  if (!value.empty()) each(value);
}

}  // namespace

bool IsAuditSubject(const FieldDescriptor& field) {
  const google::protobuf::FieldOptions& options = field.options();
  if (options.GetExtension(ndxp::common::v1::audit_subject)) return true;
  const google::protobuf::UnknownFieldSet& unknown =
      options.GetReflection()->GetUnknownFields(options);
  for (int i = 0; i < unknown.field_count(); ++i) {
    const google::protobuf::UnknownField& f = unknown.field(i);
    if (f.number() == kAuditSubjectFieldNumber &&
        f.type() == google::protobuf::UnknownField::TYPE_VARINT && f.varint() != 0) {
      return true;
    }
  }
  return false;
}

SubjectFields SubjectFields::Of(const google::protobuf::Descriptor& request) {
  SubjectFields out;
  for (int i = 0; i < request.field_count(); ++i) {
    const FieldDescriptor& field = *request.field(i);
    if (IsString(field) && IsAuditSubject(field)) {
      out.paths_.push_back({nullptr, &field});
      continue;
    }
    if (field.cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || field.is_repeated()) continue;
    const google::protobuf::Descriptor& inner = *field.message_type();
    for (int j = 0; j < inner.field_count(); ++j) {
      const FieldDescriptor& nested = *inner.field(j);
      if (IsString(nested) && IsAuditSubject(nested)) out.paths_.push_back({&field, &nested});
    }
  }
  return out;
}

std::string SubjectFields::Describe() const {
  std::string out;
  for (const Path& path : paths_) {
    if (!out.empty()) out += ", ";
    if (path.outer != nullptr) out += path.outer->name() + ".";
    out += path.field->name();
  }
  return out;
}

void SubjectFields::ForEach(const google::protobuf::Message& message,
                            absl::FunctionRef<void(std::string_view)> each) const {
  const google::protobuf::Reflection& reflection = *message.GetReflection();
  for (const Path& path : paths_) {
    if (path.outer == nullptr) {
      ReadStrings(message, *path.field, each);
    } else if (reflection.HasField(message, path.outer)) {
      ReadStrings(reflection.GetMessage(message, path.outer), *path.field, each);
    }
  }
}

}  // namespace ndxp::metering::audit
