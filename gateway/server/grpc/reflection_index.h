#pragma once
// What gRPC server reflection answers from: the listed services, and file descriptors with their
// comments. Shared by the v1 and v1alpha services. Read-only after construction.
//
// The gateway's own files come from the embedded descriptor set (with comments), the generated
// pool being the fallback. A routed service whose descriptors live in another pool (a service
// known by its descriptor set, adapters/descriptors) brings that pool: its files are the set's
// files as given when they are passed in, else rebuilt from the pool as protoc writes them
// (source info included when the set had it); an import the pool copied from the gateway's own
// is answered as the gateway's own (with comments). Names are looked up in the gateway's own
// files first, then in the other pools in routing order: the first that knows a file or symbol
// answers.

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <absl/status/status.h>
#include <google/protobuf/descriptor.h>

#include <string>
#include <vector>

namespace ndxp::server {

class ReflectionIndex {
 public:
  // Serialized FileDescriptorProtos by file name.
  using SerializedFiles = absl::flat_hash_map<std::string, std::string>;
  // The files of another pool as given (e.g. adapters::DescriptorSet::files()).
  struct GivenFiles {
    const google::protobuf::DescriptorPool* pool = nullptr;
    const SerializedFiles* files = nullptr;
  };

  // `listed`: the names list_services answers. `routed`: the routed services
  // (RouteTable::services()); those outside the generated pool bring their pool. `given`: files
  // as given for some of those pools. Pools and files must outlive the index.
  explicit ReflectionIndex(
      std::vector<std::string> listed,
      const std::vector<const google::protobuf::ServiceDescriptor*>& routed = {},
      const std::vector<GivenFiles>& given = {});

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
  // The extension numbers of `type` in every pool that knows it.
  absl::Status ExtensionNumbers(const std::string& type, std::vector<int>& out) const;

 private:
  struct Source {
    const google::protobuf::DescriptorPool* pool = nullptr;
    const SerializedFiles* given = nullptr;  // may be null
  };

  void Send(const google::protobuf::FileDescriptor& file, absl::flat_hash_set<std::string>& sent,
            std::vector<std::string>& out) const;
  std::string SerializedFile(const google::protobuf::FileDescriptor& file) const;
  const Source& SourceOf(const google::protobuf::DescriptorPool* pool) const;

  std::vector<std::string> services_;
  SerializedFiles embedded_;     // the gateway's own files, from the embedded descriptor set
  std::vector<Source> sources_;  // the generated pool first, then the other pools
};

}  // namespace ndxp::server
