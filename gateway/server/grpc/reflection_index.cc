#include "gateway/server/grpc/reflection_index.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

#include "embedded_descriptor_set.h"
#include "gateway/core/strings.h"

namespace ndxp::server {
namespace {

const google::protobuf::DescriptorPool& Pool() {
  return *google::protobuf::DescriptorPool::generated_pool();
}

void AddWithDependencies(const google::protobuf::FileDescriptor& file,
                         absl::flat_hash_set<std::string>& sent, std::vector<const google::protobuf::FileDescriptor*>& order) {
  if (!sent.insert(file.name()).second) return;
  order.push_back(&file);
  for (int i = 0; i < file.dependency_count(); ++i) {
    AddWithDependencies(*file.dependency(i), sent, order);
  }
}

}  // namespace

ReflectionIndex::ReflectionIndex(std::vector<std::string> service_names)
    : services_(std::move(service_names)) {
  google::protobuf::FileDescriptorSet set;
  std::string_view bytes = proto::EmbeddedDescriptorSet();
  if (set.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    for (const auto& file : set.file()) embedded_[file.name()] = file.SerializeAsString();
  }
}

std::string ReflectionIndex::SerializedFile(const std::string& name) const {
  if (auto it = embedded_.find(name); it != embedded_.end()) return it->second;
  google::protobuf::FileDescriptorProto proto;
  if (const auto* file = Pool().FindFileByName(name)) file->CopyTo(&proto);
  return proto.SerializeAsString();
}

absl::Status ReflectionIndex::FileByName(const std::string& name,
                                         absl::flat_hash_set<std::string>& sent,
                                         std::vector<std::string>& out) const {
  const auto* file = Pool().FindFileByName(name);
  if (file == nullptr) return absl::NotFoundError(core::Cat("file not found: ", name));
  std::vector<const google::protobuf::FileDescriptor*> order;
  // The requested file is always sent, even when sent before in this stream.
  sent.erase(file->name());
  AddWithDependencies(*file, sent, order);
  for (const auto* f : order) out.push_back(SerializedFile(f->name()));
  return absl::OkStatus();
}

absl::Status ReflectionIndex::FileContainingSymbol(const std::string& symbol,
                                                   absl::flat_hash_set<std::string>& sent,
                                                   std::vector<std::string>& out) const {
  const auto* file = Pool().FindFileContainingSymbol(symbol);
  if (file == nullptr) return absl::NotFoundError(core::Cat("symbol not found: ", symbol));
  return FileByName(file->name(), sent, out);
}

absl::Status ReflectionIndex::FileContainingExtension(const std::string& type, int number,
                                                      absl::flat_hash_set<std::string>& sent,
                                                      std::vector<std::string>& out) const {
  const auto* desc = Pool().FindMessageTypeByName(type);
  if (desc == nullptr) return absl::NotFoundError(core::Cat("type not found: ", type));
  const auto* ext = Pool().FindExtensionByNumber(desc, number);
  if (ext == nullptr) return absl::NotFoundError(core::Cat("extension not found: ", number));
  return FileByName(ext->file()->name(), sent, out);
}

absl::Status ReflectionIndex::ExtensionNumbers(const std::string& type, std::vector<int>& out) const {
  const auto* desc = Pool().FindMessageTypeByName(type);
  if (desc == nullptr) return absl::NotFoundError(core::Cat("type not found: ", type));
  std::vector<const google::protobuf::FieldDescriptor*> extensions;
  Pool().FindAllExtensions(desc, &extensions);
  for (const auto* ext : extensions) out.push_back(ext->number());
  return absl::OkStatus();
}

}  // namespace ndxp::server
