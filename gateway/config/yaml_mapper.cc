#include "gateway/config/yaml_mapper.h"

#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <absl/status/statusor.h>
#include <google/protobuf/timestamp.pb.h>
#include <google/protobuf/util/time_util.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include "gateway/config/duration.h"
#include "gateway/config/scalar_parse.h"
#include "gateway/core/strings.h"

namespace ndxp::config {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

absl::Status MapMessageValue(const YAML::Node& node, Message& message, const std::string& path);
absl::Status MapScalarField(const YAML::Node& node, Message& message, const FieldDescriptor& field,
                            const std::string& path);

absl::Status Error(const std::string& path, const YAML::Node& at, std::string_view problem) {
  std::string message = path.empty() ? std::string(problem) : core::Cat(path, ": ", problem);
  message += LocationSuffix(at);
  return absl::InvalidArgumentError(core::ToAbsl(message));
}

// A parse error's message (which names no key) placed under `path`.
absl::Status AtPath(const std::string& path, const YAML::Node& at, const absl::Status& problem) {
  return Error(path, at, core::ToStd(problem.message()));
}

std::string Describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
      return "null";
    case YAML::NodeType::Sequence:
      return "a sequence";
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Scalar:
      return QuoteForError(node.Scalar());
    default:
      return "nothing";
  }
}

bool IsWrapper(const Descriptor& type) {
  static const std::set<std::string, std::less<>> kWrappers = {
      "google.protobuf.DoubleValue", "google.protobuf.FloatValue",  "google.protobuf.Int64Value",
      "google.protobuf.UInt64Value", "google.protobuf.Int32Value",  "google.protobuf.UInt32Value",
      "google.protobuf.BoolValue",   "google.protobuf.StringValue", "google.protobuf.BytesValue"};
  return kWrappers.contains(type.full_name());
}

// What a scalar field expects, for "expected ..., got ..." messages.
std::string Expectation(const FieldDescriptor& field) {
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
      return "an integer";
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64:
      return "an unsigned integer";
    case FieldDescriptor::CPPTYPE_BOOL:
      return "true or false";
    case FieldDescriptor::CPPTYPE_FLOAT:
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return "a number";
    case FieldDescriptor::CPPTYPE_ENUM:
      return "an enum value name";
    default:
      return "a string";
  }
}

absl::Status SetSeconds(Message& message, std::int64_t seconds, std::int32_t nanos) {
  const Descriptor& type = *message.GetDescriptor();
  const Reflection& reflection = *message.GetReflection();
  reflection.SetInt64(&message, type.FindFieldByName("seconds"), seconds);
  reflection.SetInt32(&message, type.FindFieldByName("nanos"), nanos);
  return absl::OkStatus();
}

absl::Status MapDuration(const YAML::Node& node, Message& message, const std::string& path) {
  if (!node.IsScalar()) {
    return Error(path, node,
                 core::Cat("expected a duration such as \"30s\", got ", Describe(node)));
  }
  absl::StatusOr<google::protobuf::Duration> parsed = ParseDuration(node.Scalar());
  if (!parsed.ok()) return AtPath(path, node, parsed.status());
  return SetSeconds(message, parsed->seconds(), parsed->nanos());
}

absl::Status MapTimestamp(const YAML::Node& node, Message& message, const std::string& path) {
  google::protobuf::Timestamp parsed;
  if (!node.IsScalar() || !google::protobuf::util::TimeUtil::FromString(node.Scalar(), &parsed)) {
    return Error(path, node,
                 core::Cat("expected an RFC 3339 timestamp such as \"2024-01-31T08:00:00Z\", got ",
                           Describe(node)));
  }
  return SetSeconds(message, parsed.seconds(), parsed.nanos());
}

// Keys the message accepts, in declaration order, for "unknown key" messages.
std::string KnownKeys(const Descriptor& type) {
  std::string keys;
  for (int i = 0; i < type.field_count(); ++i) {
    core::Append(keys, i == 0 ? "" : ", ", type.field(i)->name());
  }
  return keys;
}

std::string Child(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : core::Cat(path, ".", key);
}

// A proto map<K, V> field from a YAML map.
absl::Status MapMapField(const YAML::Node& node, Message& message, const FieldDescriptor& field,
                         const std::string& path) {
  if (node.IsNull()) return absl::OkStatus();
  if (!node.IsMap()) return Error(path, node, core::Cat("expected a map, got ", Describe(node)));
  const FieldDescriptor& key_field = *field.message_type()->map_key();
  const FieldDescriptor& value_field = *field.message_type()->map_value();
  std::set<std::string, std::less<>> seen;
  for (const auto& entry : node) {
    if (!entry.first.IsScalar()) {
      return Error(path, entry.first,
                   core::Cat("map keys must be scalars, got ", Describe(entry.first)));
    }
    const std::string& key = entry.first.Scalar();
    const std::string key_path = Child(path, key);
    if (!seen.insert(key).second) return Error(key_path, entry.first, "duplicate key");
    Message& item = *message.GetReflection()->AddMessage(&message, &field);
    if (auto status = MapScalarField(entry.first, item, key_field, key_path); !status.ok()) {
      return status;
    }
    const YAML::Node& value = entry.second;
    absl::Status status =
        value_field.message_type() != nullptr
            ? MapMessageValue(value, *item.GetReflection()->MutableMessage(&item, &value_field),
                              key_path)
            : MapScalarField(value, item, value_field, key_path);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

// A repeated field from a YAML sequence.
absl::Status MapRepeatedField(const YAML::Node& node, Message& message,
                              const FieldDescriptor& field, const std::string& path) {
  if (node.IsNull()) return absl::OkStatus();
  if (!node.IsSequence()) {
    return Error(path, node, core::Cat("expected a sequence, got ", Describe(node)));
  }
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string item_path = core::Cat(path, "[", i, "]");
    absl::Status status =
        field.message_type() != nullptr
            ? MapMessageValue(node[i], *message.GetReflection()->AddMessage(&message, &field),
                              item_path)
            : MapScalarField(node[i], message, field, item_path);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status MapField(const YAML::Node& node, Message& message, const FieldDescriptor& field,
                      const std::string& path) {
  if (field.is_map()) return MapMapField(node, message, field, path);
  if (field.is_repeated()) return MapRepeatedField(node, message, field, path);
  if (field.message_type() != nullptr) {
    return MapMessageValue(node, *message.GetReflection()->MutableMessage(&message, &field), path);
  }
  return MapScalarField(node, message, field, path);
}

// The keys of a YAML map onto the fields of `message`.
absl::Status MapFields(const YAML::Node& node, Message& message, const std::string& path) {
  const Descriptor& type = *message.GetDescriptor();
  std::set<std::string, std::less<>> seen;
  std::map<const google::protobuf::OneofDescriptor*, std::string> oneof_members;
  for (const auto& entry : node) {
    if (!entry.first.IsScalar()) {
      return Error(path, entry.first,
                   core::Cat("keys must be strings, got ", Describe(entry.first)));
    }
    const std::string& key = entry.first.Scalar();
    const std::string key_path = Child(path, key);
    const FieldDescriptor* field = type.FindFieldByName(key);
    if (field == nullptr) {
      return Error(key_path, entry.first,
                   core::Cat("unknown key (known keys: ", KnownKeys(type), ")"));
    }
    if (!seen.insert(key).second) return Error(key_path, entry.first, "duplicate key");
    if (const auto* oneof = field->real_containing_oneof(); oneof != nullptr) {
      auto [it, inserted] = oneof_members.emplace(oneof, key);
      if (!inserted) {
        return Error(key_path, entry.first,
                     core::Cat("conflicts with \"", it->second, "\" (only one of ", oneof->name(),
                               "'s keys may be given)"));
      }
    }
    absl::Status status = MapField(entry.second, message, *field, key_path);
    if (!status.ok() && entry.second.IsNull()) {
      // yaml-cpp gives an empty value no position of its own: place the error at its key.
      return absl::InvalidArgumentError(
          core::ToAbsl(core::Cat(status.message(), LocationSuffix(entry.first))));
    }
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status MapMessageValue(const YAML::Node& node, Message& message, const std::string& path) {
  const Descriptor& type = *message.GetDescriptor();
  if (type.full_name() == "google.protobuf.Duration") return MapDuration(node, message, path);
  if (type.full_name() == "google.protobuf.Timestamp") return MapTimestamp(node, message, path);
  if (IsWrapper(type)) return MapScalarField(node, message, *type.FindFieldByName("value"), path);
  if (node.IsNull()) return absl::OkStatus();  // present, empty
  if (!node.IsMap()) {
    return Error(path, node, core::Cat("expected a map, got ", Describe(node)));
  }
  return MapFields(node, message, path);
}

template <typename T, typename Setter, typename Adder>
absl::Status Store(const absl::StatusOr<T>& value, const YAML::Node& node, const std::string& path,
                   const FieldDescriptor& field, Setter set, Adder add) {
  if (!value.ok()) return AtPath(path, node, value.status());
  field.is_repeated() ? add(*value) : set(*value);
  return absl::OkStatus();
}

absl::Status MapScalarField(const YAML::Node& node, Message& message, const FieldDescriptor& field,
                            const std::string& path) {
  if (!node.IsScalar()) {
    return Error(path, node, core::Cat("expected ", Expectation(field), ", got ", Describe(node)));
  }
  const std::string& text = node.Scalar();
  const Reflection& r = *message.GetReflection();
  Message* m = &message;
  const FieldDescriptor* f = &field;
  using Limits32 = std::numeric_limits<std::int32_t>;
  using Limits64 = std::numeric_limits<std::int64_t>;
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return Store(
          ParseSignedScalar(text, Limits32::min(), Limits32::max()), node, path, field,
          [&](auto v) { r.SetInt32(m, f, v); }, [&](auto v) { r.AddInt32(m, f, v); });
    case FieldDescriptor::CPPTYPE_INT64:
      return Store(
          ParseSignedScalar(text, Limits64::min(), Limits64::max()), node, path, field,
          [&](auto v) { r.SetInt64(m, f, v); }, [&](auto v) { r.AddInt64(m, f, v); });
    case FieldDescriptor::CPPTYPE_UINT32:
      return Store(
          ParseUnsignedScalar(text, std::numeric_limits<std::uint32_t>::max()), node, path, field,
          [&](auto v) { r.SetUInt32(m, f, v); }, [&](auto v) { r.AddUInt32(m, f, v); });
    case FieldDescriptor::CPPTYPE_UINT64:
      return Store(
          ParseUnsignedScalar(text, std::numeric_limits<std::uint64_t>::max()), node, path, field,
          [&](auto v) { r.SetUInt64(m, f, v); }, [&](auto v) { r.AddUInt64(m, f, v); });
    case FieldDescriptor::CPPTYPE_BOOL:
      return Store(
          ParseBoolScalar(text), node, path, field, [&](bool v) { r.SetBool(m, f, v); },
          [&](bool v) { r.AddBool(m, f, v); });
    case FieldDescriptor::CPPTYPE_FLOAT:
      return Store(
          ParseFloatingScalar(text, true), node, path, field,
          [&](double v) { r.SetFloat(m, f, static_cast<float>(v)); },
          [&](double v) { r.AddFloat(m, f, static_cast<float>(v)); });
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return Store(
          ParseFloatingScalar(text, false), node, path, field,
          [&](double v) { r.SetDouble(m, f, v); }, [&](double v) { r.AddDouble(m, f, v); });
    case FieldDescriptor::CPPTYPE_ENUM:
      return Store(
          ParseEnumScalar(text, *field.enum_type()), node, path, field,
          [&](int v) { r.SetEnumValue(m, f, v); }, [&](int v) { r.AddEnumValue(m, f, v); });
    case FieldDescriptor::CPPTYPE_STRING:
      return Store(
          field.type() == FieldDescriptor::TYPE_STRING ? ParseStringScalar(text)
                                                       : absl::StatusOr<std::string>(text),
          node, path, field,
          [&](const std::string& v) { r.SetString(m, f, v); },
          [&](const std::string& v) { r.AddString(m, f, v); });
    default:
      return Error(path, node, "unsupported field type");
  }
}

}  // namespace

std::string LocationSuffix(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null() || node.IsNull()) return "";
  return core::Cat(" (line ", mark.line + 1, ", column ", mark.column + 1, ")");
}

absl::Status MapYamlToMessage(const YAML::Node& node, Message& message, const std::string& path) {
  if (!node.IsDefined() || node.IsNull()) return absl::OkStatus();
  if (path.empty() && !node.IsMap()) {
    return Error(path, node, core::Cat("expected a map at the top level, got ", Describe(node)));
  }
  return MapMessageValue(node, message, path);
}

namespace {

// Counts the documents of a YAML stream from the parser's events, without building them, and
// notices when the parser stops advancing. yaml-cpp 0.7's LoadAll never returns on some malformed
// texts (", a]" or ", {c: d}]": a stray ',' then a flow end that its parser does not consume), each
// pass yielding another empty document until memory runs out; found by tests/fuzz/config_yaml.
class DocumentCounter final : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    stuck_ = documents_ > 0 && mark.pos == last_start_.pos;
    last_start_ = mark;
    ++documents_;
    first_node_ = true;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { first_node_ = false; }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { Node(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    Node(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    Node(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    Node(mark);
  }
  void OnMapEnd() override {}

  std::size_t documents() const { return documents_; }
  bool stuck() const { return stuck_; }
  const YAML::Mark& last_start() const { return last_start_; }
  // Where the second document's first node is; null when it has none (an empty document).
  const YAML::Mark& second() const { return second_; }

 private:
  void Node(const YAML::Mark& mark) {
    if (first_node_ && documents_ == 2) second_ = mark;
    first_node_ = false;
  }
  std::size_t documents_ = 0;
  bool stuck_ = false;
  bool first_node_ = false;
  YAML::Mark last_start_ = YAML::Mark::null_mark();
  YAML::Mark second_ = YAML::Mark::null_mark();
};

std::string At(const YAML::Mark& mark) {
  return mark.is_null() ? std::string()
                        : core::Cat(" at line ", mark.line + 1, ", column ", mark.column + 1);
}

}  // namespace

absl::Status ParseYamlInto(std::string_view yaml_text, std::string_view source_name,
                           Message& message, YAML::Node& root) {
  const std::string prefix = source_name.empty() ? "" : core::Cat(source_name, ": ");
  const std::string text(yaml_text);
  DocumentCounter counter;
  try {
    std::istringstream stream(text);
    YAML::Parser parser(stream);
    while (!counter.stuck() && parser.HandleNextDocument(counter)) {
    }
    if (counter.stuck()) {
      return absl::InvalidArgumentError(core::ToAbsl(
          core::Cat(prefix, "YAML syntax error", At(counter.last_start()),
                    ": the parser cannot read past this point (a stray ',' or flow end?)")));
    }
    if (counter.documents() > 1) {
      const YAML::Mark& second = counter.second();
      return absl::InvalidArgumentError(core::ToAbsl(core::Cat(
          prefix, "expected one YAML document, found ", counter.documents(),
          second.is_null() ? std::string()
                           : core::Cat(" (line ", second.line + 1, ", column ", second.column + 1,
                                       ")"))));
    }
    root = counter.documents() == 0 ? YAML::Node() : YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(
        core::ToAbsl(core::Cat(prefix, "YAML syntax error", At(e.mark), ": ", e.msg)));
  }
  absl::Status status = MapYamlToMessage(root, message);
  if (status.ok()) return status;
  return absl::InvalidArgumentError(core::ToAbsl(core::Cat(prefix, status.message())));
}

absl::Status ParseYamlInto(std::string_view yaml_text, std::string_view source_name,
                           Message& message) {
  YAML::Node root;
  return ParseYamlInto(yaml_text, source_name, message, root);
}

}  // namespace ndxp::config
