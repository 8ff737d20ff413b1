#pragma once
// A service that is not compiled into the gateway, known by its FileDescriptorSet (`protoc
// --include_imports --descriptor_set_out=FILE`, or `buf build -o FILE`): the set's files in a
// DescriptorPool of their own, a DynamicMessageFactory for their messages (JSON, REST, stages
// that read a field), and the files as given (for server reflection, comments included when the
// set has source info). Immutable once loaded; shared with the route table, which Keep()s it.
//
// Imports the set lacks are taken from the gateway's own compiled-in copies (the generated pool):
// a set built without --include_imports still loads when all it imports is standard
// (google/api/*, google/rpc/*, google/protobuf/*). Files in the set win over those copies. Method
// options are the generated MethodOptions, so `options().GetExtension(google::api::http)` reads
// a rule exactly as for the gateway's own services.
//
// A service that is one of the gateway's own is refused (FindService): one full name has one
// definition in the process, the compiled-in one that in-process stages, the JSON mapping and
// reflection already use; a set describing it (perhaps another version) would make the gateway
// answer two ways for one name.

#include <absl/container/flat_hash_map.h>
#include <absl/status/statusor.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ndxp::adapters {

// The largest descriptor set Load reads.
inline constexpr std::size_t kMaxDescriptorSetBytes = std::size_t{64} << 20;

class DescriptorSet {
 public:
  // Reads and builds the set in file `path`. Errors start with the path and say what is wrong
  // (no such file, unreadable, too large, not a FileDescriptorSet, a file importing one that is
  // neither in the set nor compiled in, a file that does not build); the caller prefixes its
  // configuration key ("upstreams[1].descriptor_set: ...").
  static absl::StatusOr<std::shared_ptr<DescriptorSet>> Load(
      const std::string& path, std::size_t max_bytes = kMaxDescriptorSetBytes);
  // The same from the set's bytes; `origin` starts the errors (a path, "test").
  static absl::StatusOr<std::shared_ptr<DescriptorSet>> Parse(std::string_view bytes,
                                                              std::string origin);

  ~DescriptorSet();
  DescriptorSet(const DescriptorSet&) = delete;
  DescriptorSet& operator=(const DescriptorSet&) = delete;

  // A service defined in the set, by full name ("example.v1.LookupService"). NOT_FOUND naming the
  // set's services when absent; FAILED_PRECONDITION when the service is compiled into the gateway.
  absl::StatusOr<const google::protobuf::ServiceDescriptor*> FindService(
      std::string_view full_name) const;

  // Where every descriptor of the set lives (with copies of the compiled-in imports it lacked).
  const google::protobuf::DescriptorPool& pool() const { return *pool_; }
  // Makes the messages of pool(): for core::ServiceSpec::factory. Thread-safe.
  google::protobuf::MessageFactory* factory() const { return factory_.get(); }
  // The set's files as given, by name: serialized FileDescriptorProtos, with source info when the
  // set has it. Imports taken from the gateway's own copies are not here.
  const absl::flat_hash_map<std::string, std::string>& files() const { return files_; }
  // Names of the services the set's files define, in file order.
  const std::vector<std::string>& service_names() const { return service_names_; }
  const std::string& origin() const { return origin_; }

 private:
  DescriptorSet() = default;

  std::string origin_;
  absl::flat_hash_map<std::string, std::string> files_;
  std::vector<std::string> service_names_;
  std::unique_ptr<google::protobuf::DescriptorPool> pool_;
  // Declared after pool_: destroyed first, as its prototypes point into the pool.
  std::unique_ptr<google::protobuf::DynamicMessageFactory> factory_;
};

}  // namespace ndxp::adapters
