#include "adapters/descriptors/descriptor_set.h"

#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>
#include <sys/stat.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <system_error>

#include "gateway/core/strings.h"
#include "google/api/annotations.pb.h"

namespace ndxp::adapters {
namespace {

using google::protobuf::DescriptorPool;
using google::protobuf::FileDescriptorProto;
using google::protobuf::internal::WireFormatLite;

// Method options hold google.api.http as a generated extension only when annotations.pb.cc is
// linked (its static initialiser registers the extension with the parser, and puts
// google/api/annotations.proto into the generated pool for sets that lack it). Keep it linked
// into whatever links this library.
[[gnu::used]] const void* const kLinkHttpAnnotation = &google::api::http;

// Files importing files importing ... deeper than this are refused (the builder recurses).
constexpr int kMaxImportDepth = 256;

absl::Status Error(absl::StatusCode code, std::string_view origin, std::string_view problem) {
  return absl::Status(code, core::ToAbsl(core::Cat(origin, ": ", problem)));
}

absl::Status NotASet(std::string_view origin, std::string_view why) {
  return Error(absl::StatusCode::kInvalidArgument, origin,
               core::Cat("is not a FileDescriptorSet (", why, ")"));
}

absl::Status FileError(const std::string& path, int error, std::string_view doing) {
  absl::StatusCode code = error == ENOENT   ? absl::StatusCode::kNotFound
                          : error == EACCES ? absl::StatusCode::kPermissionDenied
                                            : absl::StatusCode::kFailedPrecondition;
  if (error == ENOENT) return Error(code, path, "no such file");
  return Error(code, path,
               core::Cat("cannot be ", doing, ": ", std::generic_category().message(error)));
}

// The whole file, if it is a readable regular file of at most `max_bytes`.
absl::StatusOr<std::string> ReadBounded(const std::string& path, std::size_t max_bytes) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return FileError(path, errno, "opened");
  if (S_ISDIR(info.st_mode)) {
    return Error(absl::StatusCode::kFailedPrecondition, path, "is a directory, not a file");
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (file == nullptr) return FileError(path, errno, "opened");
  std::string bytes;
  char buffer[1 << 16];
  while (true) {
    std::size_t n = std::fread(buffer, 1, sizeof buffer, file.get());
    if (bytes.size() + n > max_bytes) {
      return Error(
          absl::StatusCode::kInvalidArgument, path,
          core::Cat("is larger than ", max_bytes, " bytes, the most a descriptor set may be"));
    }
    bytes.append(buffer, n);
    if (n == sizeof buffer) continue;
    if (std::ferror(file.get())) return FileError(path, errno, "read");
    return bytes;
  }
}

// The set's files, each the bytes of one FileDescriptorProto as given (field 1, repeated).
// Other fields are skipped, as a parser skips unknown fields.
absl::StatusOr<std::vector<std::string_view>> SplitFiles(std::string_view bytes,
                                                         std::string_view origin) {
  if (bytes.size() > INT_MAX) return NotASet(origin, "larger than 2 GiB");
  google::protobuf::io::CodedInputStream input(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                               static_cast<int>(bytes.size()));
  std::vector<std::string_view> files;
  while (static_cast<std::size_t>(input.CurrentPosition()) < bytes.size()) {
    const std::uint32_t tag = input.ReadTag();
    if (tag == 0) return NotASet(origin, "it is not protobuf binary");
    if (WireFormatLite::GetTagFieldNumber(tag) != 1 ||
        WireFormatLite::GetTagWireType(tag) != WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
      if (!WireFormatLite::SkipField(&input, tag))
        return NotASet(origin, "it is not protobuf binary");
      continue;
    }
    std::uint32_t length = 0;
    if (!input.ReadVarint32(&length)) return NotASet(origin, "it is not protobuf binary");
    const std::size_t start = static_cast<std::size_t>(input.CurrentPosition());
    if (length > bytes.size() - start) return NotASet(origin, "it is truncated");
    input.Skip(static_cast<int>(length));
    files.push_back(bytes.substr(start, length));
  }
  if (files.empty()) return NotASet(origin, "it holds no file");
  return files;
}

// The first error of a file that does not build.
class FirstError final : public DescriptorPool::ErrorCollector {
 public:
  void AddError(const std::string& filename, const std::string& element_name,
                const google::protobuf::Message*, ErrorLocation,
                const std::string& message) override {
    if (!first_.empty()) return;
    first_ = element_name.empty() || element_name == filename
                 ? message
                 : core::Cat(element_name, ": ", message);
  }
  const std::string& first() const { return first_; }

 private:
  std::string first_;
};

// Builds files into the pool, each after its imports; an import missing from the set is the
// gateway's compiled-in copy.
class PoolBuilder {
 public:
  PoolBuilder(std::string_view origin, DescriptorPool& pool,
              const std::vector<FileDescriptorProto>& given)
      : origin_(origin), pool_(pool) {
    for (const auto& file : given) given_[file.name()] = &file;
  }

  absl::Status Build(const std::string& name, std::string_view importer, int depth) {
    if (auto it = built_.find(name); it != built_.end()) {
      if (it->second) return absl::OkStatus();
      return Error(absl::StatusCode::kInvalidArgument, origin_,
                   core::Cat("import cycle: ", importer, " imports ", name,
                             ", which is among its own imports"));
    }
    if (depth > kMaxImportDepth) {
      return Error(absl::StatusCode::kInvalidArgument, origin_,
                   core::Cat("imports nest deeper than ", kMaxImportDepth, " files at ", name));
    }
    FileDescriptorProto compiled_in;
    const FileDescriptorProto* proto = Given(name);
    if (proto == nullptr) {
      const auto* ours = DescriptorPool::generated_pool()->FindFileByName(name);
      if (ours == nullptr) {
        return Error(absl::StatusCode::kInvalidArgument, origin_,
                     core::Cat(importer, " imports ", name,
                               ", which is neither in the set nor compiled into the gateway "
                               "(build the set with --include_imports)"));
      }
      ours->CopyTo(&compiled_in);
      proto = &compiled_in;
    }
    built_[name] = false;
    for (const std::string& dependency : proto->dependency()) {
      if (auto status = Build(dependency, name, depth + 1); !status.ok()) return status;
    }
    FirstError errors;
    if (pool_.BuildFileCollectingErrors(*proto, &errors) == nullptr) {
      return Error(absl::StatusCode::kInvalidArgument, origin_,
                   core::Cat(name, " does not build: ", errors.first()));
    }
    built_[name] = true;
    return absl::OkStatus();
  }

 private:
  const FileDescriptorProto* Given(const std::string& name) const {
    auto it = given_.find(name);
    return it == given_.end() ? nullptr : it->second;
  }

  std::string_view origin_;
  DescriptorPool& pool_;
  absl::flat_hash_map<std::string, const FileDescriptorProto*> given_;
  absl::flat_hash_map<std::string, bool> built_;  // false while its imports are being built
};

}  // namespace

DescriptorSet::~DescriptorSet() = default;

absl::StatusOr<std::shared_ptr<DescriptorSet>> DescriptorSet::Load(const std::string& path,
                                                                   std::size_t max_bytes) {
  auto bytes = ReadBounded(path, max_bytes);
  if (!bytes.ok()) return bytes.status();
  return Parse(*bytes, path);
}

absl::StatusOr<std::shared_ptr<DescriptorSet>> DescriptorSet::Parse(std::string_view bytes,
                                                                    std::string origin) {
  auto parts = SplitFiles(bytes, origin);
  if (!parts.ok()) return parts.status();
  std::shared_ptr<DescriptorSet> set(new DescriptorSet());
  std::vector<FileDescriptorProto> protos(parts->size());
  for (std::size_t i = 0; i < parts->size(); ++i) {
    const std::string_view part = (*parts)[i];
    if (!protos[i].ParseFromArray(part.data(), static_cast<int>(part.size()))) {
      return NotASet(origin, core::Cat("its file #", i + 1, " is no FileDescriptorProto"));
    }
    if (protos[i].name().empty())
      return NotASet(origin, core::Cat("its file #", i + 1, " has no name"));
    if (!set->files_.emplace(protos[i].name(), std::string(part)).second) {
      return Error(absl::StatusCode::kInvalidArgument, origin,
                   core::Cat("holds ", protos[i].name(), " twice"));
    }
  }
  set->pool_ = std::make_unique<DescriptorPool>();
  PoolBuilder builder(origin, *set->pool_, protos);
  for (const auto& proto : protos) {
    if (auto status = builder.Build(proto.name(), proto.name(), 0); !status.ok()) return status;
  }
  for (const auto& proto : protos) {
    const auto* file = set->pool_->FindFileByName(proto.name());
    for (int i = 0; i < file->service_count(); ++i) {
      set->service_names_.push_back(file->service(i)->full_name());
    }
  }
  set->factory_ = std::make_unique<google::protobuf::DynamicMessageFactory>();
  set->origin_ = std::move(origin);
  return set;
}

absl::StatusOr<const google::protobuf::ServiceDescriptor*> DescriptorSet::FindService(
    std::string_view full_name) const {
  const std::string name(full_name);
  if (DescriptorPool::generated_pool()->FindServiceByName(name) != nullptr) {
    return Error(absl::StatusCode::kFailedPrecondition, origin_,
                 core::Cat(name,
                           " is one of the gateway's own services: it is routed with its "
                           "compiled-in descriptors, without a descriptor set"));
  }
  const auto* service = pool_->FindServiceByName(name);
  if (service != nullptr && files_.contains(service->file()->name())) return service;
  std::string known;
  for (const auto& one : service_names_) core::Append(known, known.empty() ? "" : ", ", one);
  return Error(
      absl::StatusCode::kNotFound, origin_,
      core::Cat("defines no service ", name, " (it defines ", known.empty() ? "none" : known, ")"));
}

}  // namespace ndxp::adapters
