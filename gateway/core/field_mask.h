#pragma once
// A response field mask: the fields of a message type a client may see, as a tree of field
// descriptors compiled once from paths such as "citizen.full_name". Applying it clears every set
// field outside the tree, recursively (through each element of a repeated message field); a path
// that ends at a message field keeps everything under it. Works on generated and dynamic
// messages alike (reflection), so remote and third-party responses are masked too.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <absl/container/flat_hash_map.h>
#include <absl/status/statusor.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

namespace ndxp::core {

class FieldMask {
 public:
  // Compiles `paths` against `type`. INVALID_ARGUMENT naming the path and the part that is wrong
  // ("citizen.ful_name: Citizen has no field \"ful_name\""; a path through a scalar or a map).
  // An empty list is an error: no mask means every field, and is not made into a FieldMask.
  static absl::StatusOr<FieldMask> Compile(const google::protobuf::Descriptor& type,
                                           const std::vector<std::string>& paths);

  // Clears the fields of `message` (of the compiled type) outside the mask. Returns whether
  // anything was cleared.
  bool Apply(google::protobuf::Message& message) const;

  // The paths, as given (normalised: sorted, duplicates removed), for logs and docs.
  const std::vector<std::string>& paths() const { return paths_; }

 private:
  struct Node {
    // Field number -> what is kept under it; nullptr: the whole field.
    absl::flat_hash_map<int, std::unique_ptr<Node>> children;
  };
  static bool ApplyNode(const Node& node, google::protobuf::Message& message);

  const google::protobuf::Descriptor* type_ = nullptr;
  std::shared_ptr<const Node> root_;
  std::vector<std::string> paths_;
};

}  // namespace ndxp::core
