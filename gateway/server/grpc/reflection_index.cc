#include "gateway/server/grpc/reflection_index.h"

#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/util/message_differencer.h>

#include "embedded_descriptor_set.h"
#include "gateway/core/strings.h"

namespace ndxp::server {
namespace {

using google::protobuf::DescriptorPool;
using google::protobuf::FileDescriptor;
using google::protobuf::FileDescriptorProto;

const DescriptorPool* Generated() { return DescriptorPool::generated_pool(); }

void AddWithDependencies(const FileDescriptor& file, absl::flat_hash_set<std::string>& sent,
                         std::vector<const FileDescriptor*>& order) {
  if (!sent.insert(file.name()).second) return;
  order.push_back(&file);
  for (int i = 0; i < file.dependency_count(); ++i) {
    AddWithDependencies(*file.dependency(i), sent, order);
  }
}

// The gateway's own file of the same name, when `file` (from another pool) is a copy of it.
const FileDescriptor* OwnCopy(const FileDescriptor& file) {
  const FileDescriptor* ours = Generated()->FindFileByName(file.name());
  if (ours == nullptr) return nullptr;
  FileDescriptorProto theirs_proto;
  FileDescriptorProto ours_proto;
  file.CopyTo(&theirs_proto);
  ours->CopyTo(&ours_proto);
  return google::protobuf::util::MessageDifferencer::Equals(theirs_proto, ours_proto) ? ours
                                                                                      : nullptr;
}

}  // namespace

ReflectionIndex::ReflectionIndex(
    std::vector<std::string> listed,
    const std::vector<const google::protobuf::ServiceDescriptor*>& routed,
    const std::vector<GivenFiles>& given)
    : services_(std::move(listed)) {
  google::protobuf::FileDescriptorSet set;
  std::string_view bytes = proto::EmbeddedDescriptorSet();
  if (set.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    for (const auto& file : set.file()) embedded_[file.name()] = file.SerializeAsString();
  }
  sources_.push_back(Source{Generated(), &embedded_});
  for (const auto* service : routed) {
    const DescriptorPool* pool = service->file()->pool();
    bool known = false;
    for (const Source& source : sources_) known = known || source.pool == pool;
    if (known) continue;
    Source source{pool, nullptr};
    for (const GivenFiles& files : given) {
      if (files.pool == pool) source.given = files.files;
    }
    sources_.push_back(source);
  }
}

const ReflectionIndex::Source& ReflectionIndex::SourceOf(const DescriptorPool* pool) const {
  for (const Source& source : sources_) {
    if (source.pool == pool) return source;
  }
  return sources_.front();
}

std::string ReflectionIndex::SerializedFile(const FileDescriptor& file) const {
  const Source& source = SourceOf(file.pool());
  if (source.given != nullptr) {
    if (auto it = source.given->find(file.name()); it != source.given->end()) return it->second;
  }
  FileDescriptorProto proto;
  file.CopyTo(&proto);
  if (file.pool() != Generated()) {
    // As protoc writes a descriptor set: JSON names and source info (comments) included.
    file.CopyJsonNameTo(&proto);
    file.CopySourceCodeInfoTo(&proto);
    if (!proto.has_source_code_info()) {
      if (const FileDescriptor* ours = OwnCopy(file)) return SerializedFile(*ours);
    }
  }
  return proto.SerializeAsString();
}

void ReflectionIndex::Send(const FileDescriptor& file, absl::flat_hash_set<std::string>& sent,
                           std::vector<std::string>& out) const {
  std::vector<const FileDescriptor*> order;
  // The requested file is always sent, even when sent before in this stream.
  sent.erase(file.name());
  AddWithDependencies(file, sent, order);
  for (const auto* f : order) out.push_back(SerializedFile(*f));
}

absl::Status ReflectionIndex::FileByName(const std::string& name,
                                         absl::flat_hash_set<std::string>& sent,
                                         std::vector<std::string>& out) const {
  for (const Source& source : sources_) {
    if (const auto* file = source.pool->FindFileByName(name)) {
      Send(*file, sent, out);
      return absl::OkStatus();
    }
  }
  return absl::NotFoundError(core::Cat("file not found: ", name));
}

absl::Status ReflectionIndex::FileContainingSymbol(const std::string& symbol,
                                                   absl::flat_hash_set<std::string>& sent,
                                                   std::vector<std::string>& out) const {
  for (const Source& source : sources_) {
    if (const auto* file = source.pool->FindFileContainingSymbol(symbol)) {
      Send(*file, sent, out);
      return absl::OkStatus();
    }
  }
  return absl::NotFoundError(core::Cat("symbol not found: ", symbol));
}

absl::Status ReflectionIndex::FileContainingExtension(const std::string& type, int number,
                                                      absl::flat_hash_set<std::string>& sent,
                                                      std::vector<std::string>& out) const {
  bool type_known = false;
  for (const Source& source : sources_) {
    const auto* desc = source.pool->FindMessageTypeByName(type);
    if (desc == nullptr) continue;
    type_known = true;
    if (const auto* ext = source.pool->FindExtensionByNumber(desc, number)) {
      Send(*ext->file(), sent, out);
      return absl::OkStatus();
    }
  }
  if (!type_known) return absl::NotFoundError(core::Cat("type not found: ", type));
  return absl::NotFoundError(core::Cat("extension not found: ", number));
}

absl::Status ReflectionIndex::ExtensionNumbers(const std::string& type,
                                               std::vector<int>& out) const {
  bool type_known = false;
  absl::flat_hash_set<int> seen;
  for (const Source& source : sources_) {
    const auto* desc = source.pool->FindMessageTypeByName(type);
    if (desc == nullptr) continue;
    type_known = true;
    std::vector<const google::protobuf::FieldDescriptor*> extensions;
    source.pool->FindAllExtensions(desc, &extensions);
    for (const auto* ext : extensions) {
      if (seen.insert(ext->number()).second) out.push_back(ext->number());
    }
  }
  if (!type_known) return absl::NotFoundError(core::Cat("type not found: ", type));
  return absl::OkStatus();
}

}  // namespace ndxp::server
