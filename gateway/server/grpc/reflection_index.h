#pragma once
// What gRPC server reflection answers from: the listed services, and file descriptors with their
// comments (from the embedded descriptor set; the generated pool is the fallback). Shared by the
// v1 and v1alpha services. Read-only after construction.

#include <string>
#include <vector>

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <absl/status/status.h>

namespace ndxp::server {

class ReflectionIndex {
 public:
  explicit ReflectionIndex(std::vector<std::string> service_names);

  const std::vector<std::string>& services() const { return services_; }

  // Appends the serialized FileDescriptorProto of a file and of its transitive dependencies,
  // skipping those in `sent` (and adding what it appends to `sent`). NOT_FOUND when unknown.
  absl::Status FileByName(const std::string& name, absl::flat_hash_set<std::string>& sent,
                          std::vector<std::string>& out) const;
  absl::Status FileContainingSymbol(const std::string& symbol,
                                    absl::flat_hash_set<std::string>& sent,
                                    std::vector<std::string>& out) const;
  absl::Status FileContainingExtension(const std::string& type, int number,
                                       absl::flat_hash_set<std::string>& sent,
                                       std::vector<std::string>& out) const;
  absl::Status ExtensionNumbers(const std::string& type, std::vector<int>& out) const;

 private:
  std::string SerializedFile(const std::string& name) const;

  std::vector<std::string> services_;
  absl::flat_hash_map<std::string, std::string> embedded_;  // file name -> serialized proto
};

}  // namespace ndxp::server
