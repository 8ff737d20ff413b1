#include "gateway/server/http/rest_binding.h"

#include <absl/strings/escaping.h>
#include <absl/strings/numbers.h>
#include <google/protobuf/reflection.h>
#include <google/protobuf/util/json_util.h>

#include <cstdint>
#include <string>

#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::server::http {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

const FieldDescriptor* FindField(const Descriptor& type, std::string_view name) {
  if (const auto* field = type.FindFieldByName(std::string(name))) return field;
  for (int i = 0; i < type.field_count(); ++i) {
    if (type.field(i)->json_name() == name) return type.field(i);
  }
  return nullptr;
}

bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t extra = c < 0x80           ? 0
                        : (c >> 5) == 0x6  ? 1
                        : (c >> 4) == 0xe  ? 2
                        : (c >> 3) == 0x1e ? 3
                                           : 4;
    if (extra == 4 || (extra > 0 && i + extra >= s.size())) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

bool DecodeBase64(std::string_view text, std::string& out) {
  std::string padded(text);
  while (padded.size() % 4 != 0) padded.push_back('=');
  return absl::Base64Unescape(core::ToAbsl(padded), &out) ||
         absl::WebSafeBase64Unescape(core::ToAbsl(padded), &out);
}

bool ParseBool(std::string_view text, bool& out) {
  if (text == "true" || text == "1") return out = true, true;
  if (text == "false" || text == "0") return out = false, true;
  return false;
}

// Well-known message types whose JSON form is a string: parsed through the JSON mapping.
bool HasJsonStringForm(const Descriptor& type) {
  const std::string& name = type.full_name();
  return name == "google.protobuf.Timestamp" || name == "google.protobuf.Duration" ||
         name == "google.protobuf.FieldMask";
}

bool IsWrapper(const Descriptor& type) {
  return type.file()->name() == "google/protobuf/wrappers.proto";
}

absl::Status Violation(std::string_view parameter, std::string_view problem) {
  return core::FieldViolation(parameter, problem);
}

}  // namespace

absl::StatusOr<std::vector<const FieldDescriptor*>> ResolveFieldPath(const Descriptor& type,
                                                                     std::string_view path) {
  const std::string_view full = path;
  std::vector<const FieldDescriptor*> fields;
  const Descriptor* current = &type;
  while (true) {
    std::size_t dot = path.find('.');
    std::string_view name = path.substr(0, dot);
    const FieldDescriptor* field = FindField(*current, name);
    if (field == nullptr) {
      return Violation(full, core::Cat("no field \"", name, "\" in ", current->full_name()));
    }
    fields.push_back(field);
    if (dot == std::string_view::npos) return fields;
    if (field->is_repeated() || field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
      return Violation(full, core::Cat("\"", name, "\" is not a singular message field"));
    }
    current = field->message_type();
    path.remove_prefix(dot + 1);
  }
}

namespace {

template <typename T>
bool ParseNumber(std::string_view text, T& out) {
  if constexpr (std::is_same_v<T, float>) {
    return absl::SimpleAtof(core::ToAbsl(text), &out);
  } else if constexpr (std::is_same_v<T, double>) {
    return absl::SimpleAtod(core::ToAbsl(text), &out);
  } else {
    return absl::SimpleAtoi(core::ToAbsl(text), &out);
  }
}

// Sets or appends one value of a field whose C++ type is numeric.
template <typename T>
absl::Status SetNumber(Message& message, const FieldDescriptor& field, std::string_view text,
                       std::string_view parameter, std::string_view kind,
                       void (Reflection::*set)(Message*, const FieldDescriptor*, T) const,
                       void (Reflection::*add)(Message*, const FieldDescriptor*, T) const) {
  T value{};
  if (!ParseNumber(text, value)) return Violation(parameter, core::Cat("must be ", kind));
  const Reflection& reflection = *message.GetReflection();
  (reflection.*(field.is_repeated() ? add : set))(&message, &field, value);
  return absl::OkStatus();
}

absl::Status SetString(Message& message, const FieldDescriptor& field, std::string_view text,
                       std::string_view parameter) {
  std::string value;
  if (field.type() == FieldDescriptor::TYPE_BYTES) {
    if (!DecodeBase64(text, value)) return Violation(parameter, "must be base64");
  } else {
    if (!IsValidUtf8(text)) return Violation(parameter, "must be UTF-8");
    value = std::string(text);
  }
  const Reflection& reflection = *message.GetReflection();
  if (field.is_repeated()) {
    reflection.AddString(&message, &field, std::move(value));
  } else {
    reflection.SetString(&message, &field, std::move(value));
  }
  return absl::OkStatus();
}

absl::Status SetEnum(Message& message, const FieldDescriptor& field, std::string_view text,
                     std::string_view parameter) {
  const auto* type = field.enum_type();
  int number = 0;
  if (const auto* value = type->FindValueByName(std::string(text))) {
    number = value->number();
  } else if (!absl::SimpleAtoi(core::ToAbsl(text), &number) ||
             (field.file()->syntax() == google::protobuf::FileDescriptor::SYNTAX_PROTO2 &&
              type->FindValueByNumber(number) == nullptr)) {
    return Violation(parameter, core::Cat("must be a value of ", type->full_name()));
  }
  const Reflection& reflection = *message.GetReflection();
  if (field.is_repeated()) {
    reflection.AddEnumValue(&message, &field, number);
  } else {
    reflection.SetEnumValue(&message, &field, number);
  }
  return absl::OkStatus();
}

absl::Status SetScalar(Message& message, const FieldDescriptor& field, std::string_view text,
                       std::string_view parameter) {
  using R = Reflection;
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return SetNumber<std::int32_t>(message, field, text, parameter, "a 32-bit integer",
                                     &R::SetInt32, &R::AddInt32);
    case FieldDescriptor::CPPTYPE_INT64:
      return SetNumber<std::int64_t>(message, field, text, parameter, "a 64-bit integer",
                                     &R::SetInt64, &R::AddInt64);
    case FieldDescriptor::CPPTYPE_UINT32:
      return SetNumber<std::uint32_t>(message, field, text, parameter, "an unsigned 32-bit integer",
                                      &R::SetUInt32, &R::AddUInt32);
    case FieldDescriptor::CPPTYPE_UINT64:
      return SetNumber<std::uint64_t>(message, field, text, parameter, "an unsigned 64-bit integer",
                                      &R::SetUInt64, &R::AddUInt64);
    case FieldDescriptor::CPPTYPE_FLOAT:
      return SetNumber<float>(message, field, text, parameter, "a number", &R::SetFloat,
                              &R::AddFloat);
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return SetNumber<double>(message, field, text, parameter, "a number", &R::SetDouble,
                               &R::AddDouble);
    case FieldDescriptor::CPPTYPE_BOOL: {
      bool value = false;
      if (!ParseBool(text, value)) return Violation(parameter, "must be true or false");
      const Reflection& reflection = *message.GetReflection();
      field.is_repeated() ? reflection.AddBool(&message, &field, value)
                          : reflection.SetBool(&message, &field, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM:
      return SetEnum(message, field, text, parameter);
    case FieldDescriptor::CPPTYPE_STRING:
      return SetString(message, field, text, parameter);
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return Violation(parameter, "cannot be set from text");
}

std::string JsonQuote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (static_cast<unsigned char>(c) < 0x20) return "\"\x01";  // never valid: fails to parse
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

absl::Status SetMessage(Message& message, const FieldDescriptor& field, std::string_view text,
                        std::string_view parameter) {
  const Descriptor& type = *field.message_type();
  if (!IsWrapper(type) && !HasJsonStringForm(type)) {
    return Violation(parameter, core::Cat("is a message: set its fields, e.g. ", parameter, ".",
                                          type.field_count() ? type.field(0)->name() : ""));
  }
  const Reflection& reflection = *message.GetReflection();
  Message* target = field.is_repeated() ? reflection.AddMessage(&message, &field)
                                        : reflection.MutableMessage(&message, &field);
  if (IsWrapper(type)) return SetScalar(*target, *type.FindFieldByName("value"), text, parameter);
  target->Clear();
  if (!google::protobuf::util::JsonStringToMessage(JsonQuote(text), target).ok()) {
    return Violation(parameter, core::Cat("must be a ", type.full_name(), " in its JSON form"));
  }
  return absl::OkStatus();
}

}  // namespace

std::string FieldPathName(const std::vector<const FieldDescriptor*>& fields) {
  std::string out;
  for (const auto* field : fields) core::Append(out, out.empty() ? "" : ".", field->name());
  return out;
}

absl::Status SetFieldFromText(Message& message, std::string_view path, std::string_view text,
                              std::string_view parameter) {
  auto fields = ResolveFieldPath(*message.GetDescriptor(), path);
  if (!fields.ok()) return Violation(parameter, "names no field of the request");
  Message* target = &message;
  for (std::size_t i = 0; i + 1 < fields->size(); ++i) {
    target = target->GetReflection()->MutableMessage(target, (*fields)[i]);
  }
  const FieldDescriptor& leaf = *fields->back();
  if (leaf.is_map()) return Violation(parameter, "is a map: not settable from a parameter");
  if (leaf.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    return SetMessage(*target, leaf, text, parameter);
  }
  return SetScalar(*target, leaf, text, parameter);
}

}  // namespace ndxp::server::http
