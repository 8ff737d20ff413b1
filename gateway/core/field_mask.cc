#include "gateway/core/field_mask.h"

#include <algorithm>


#include "gateway/core/strings.h"

namespace ndxp::core {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

absl::Status BadPath(std::string_view path, std::string_view problem) {
  return absl::InvalidArgumentError(core::ToAbsl(core::Cat(path, ": ", problem)));
}

}  // namespace

absl::StatusOr<FieldMask> FieldMask::Compile(const Descriptor& type,
                                             const std::vector<std::string>& paths) {
  if (paths.empty()) return absl::InvalidArgumentError("a field mask needs at least one path");
  auto root = std::make_shared<Node>();
  std::vector<std::string> sorted = paths;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  for (const std::string& path : sorted) {
    if (path.empty()) return BadPath("\"\"", "an empty field path");
    Node* node = root.get();
    const Descriptor* message = &type;
    bool whole_parent = false;  // an earlier, shorter path keeps this subtree whole already
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
      const std::size_t dot = path.find('.', start);
      parts.push_back(std::string_view(path).substr(start, dot == std::string::npos ? dot : dot - start));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (message == nullptr) {
        return BadPath(path, core::Cat("\"", parts[i - 1], "\" is not a message: nothing is under it"));
      }
      const FieldDescriptor* field = message->FindFieldByName(std::string(parts[i]));
      if (field == nullptr) {
        return BadPath(path, core::Cat(message->name(), " has no field \"", parts[i], "\""));
      }
      const bool last = i + 1 == parts.size();
      if (field->is_map() && !last) {
        return BadPath(path, core::Cat("\"", parts[i], "\" is a map: mask it whole"));
      }
      const Descriptor* next =
          field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE ? field->message_type() : nullptr;
      if (!whole_parent) {
        auto [it, fresh] = node->children.try_emplace(field->number(), nullptr);
        if (last) {
          it->second.reset();  // the whole field, whatever was listed under it
        } else if (!fresh && it->second == nullptr) {
          whole_parent = true;  // a shorter path keeps it whole: only check the rest of the names
        } else {
          if (it->second == nullptr) it->second = std::make_unique<Node>();
          node = it->second.get();
        }
      }
      message = next;
    }
  }
  FieldMask mask;
  mask.type_ = &type;
  mask.root_ = std::move(root);
  mask.paths_ = std::move(sorted);
  return mask;
}

bool FieldMask::Apply(Message& message) const {
  if (root_ == nullptr || message.GetDescriptor() != type_) return false;
  return ApplyNode(*root_, message);
}

bool FieldMask::ApplyNode(const Node& node, Message& message) {
  const Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  bool cleared = false;
  for (const FieldDescriptor* field : fields) {
    auto it = node.children.find(field->number());
    if (it == node.children.end()) {
      reflection->ClearField(&message, field);
      cleared = true;
      continue;
    }
    if (it->second == nullptr) continue;  // kept whole
    // A path through this message field: mask what is under it.
    if (field->is_repeated()) {
      const int n = reflection->FieldSize(message, field);
      for (int k = 0; k < n; ++k) {
        cleared |= ApplyNode(*it->second, *reflection->MutableRepeatedMessage(&message, field, k));
      }
    } else {
      cleared |= ApplyNode(*it->second, *reflection->MutableMessage(&message, field));
    }
  }
  // Unknown fields (from a newer upstream) are not in any mask.
  if (!reflection->GetUnknownFields(message).empty()) {
    reflection->MutableUnknownFields(&message)->Clear();
    cleared = true;
  }
  return cleared;
}

}  // namespace ndxp::core
