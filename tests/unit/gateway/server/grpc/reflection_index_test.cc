#include "gateway/server/grpc/reflection_index.h"

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/util/message_differencer.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "adapters/descriptors/descriptor_set.h"
#include "gateway/server/grpc/reflection_service.h"
#include "grpc/reflection/v1/reflection.grpc.pb.h"
#include "ndxp/population/v1/population.pb.h"

namespace ndxp::server {
namespace {

using google::protobuf::FileDescriptorProto;
using google::protobuf::FileDescriptorSet;
using ::testing::Contains;
using ::testing::IsSupersetOf;

constexpr const char* kService = "example.v1.LookupService";
constexpr const char* kExampleFile = "example/v1/lookup.proto";

std::shared_ptr<adapters::DescriptorSet> Example() {
  auto set = adapters::DescriptorSet::Load(NDXP_EXAMPLE_DESCRIPTOR_SET);
  EXPECT_TRUE(set.ok()) << set.status();
  return *set;
}

const google::protobuf::ServiceDescriptor* ServiceOf(const adapters::DescriptorSet& set) {
  return *set.FindService(kService);
}

std::vector<FileDescriptorProto> Parse(const std::vector<std::string>& files) {
  std::vector<FileDescriptorProto> out(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) EXPECT_TRUE(out[i].ParseFromString(files[i]));
  return out;
}

std::vector<std::string> Names(const std::vector<FileDescriptorProto>& files) {
  std::vector<std::string> names;
  for (const auto& file : files) names.push_back(file.name());
  return names;
}

bool HasComment(const FileDescriptorProto& file, std::string_view text) {
  for (const auto& location : file.source_code_info().location()) {
    if (location.leading_comments().find(text) != std::string::npos) return true;
  }
  return false;
}

std::vector<FileDescriptorProto> FilesForSymbol(const ReflectionIndex& index,
                                                const std::string& symbol) {
  absl::flat_hash_set<std::string> sent;
  std::vector<std::string> files;
  auto status = index.FileContainingSymbol(symbol, sent, files);
  EXPECT_TRUE(status.ok()) << status;
  return Parse(files);
}

TEST(ReflectionIndexTest, ListsWhatItIsGiven) {
  auto set = Example();
  ReflectionIndex index({kService, "grpc.health.v1.Health"}, {ServiceOf(*set)});
  EXPECT_THAT(index.services(), Contains(kService));
}

TEST(ReflectionIndexTest, SymbolOfAnotherPoolGivesItsFileAndImports) {
  auto set = Example();
  ReflectionIndex index({kService}, {ServiceOf(*set)});
  auto files = FilesForSymbol(index, kService);
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files[0].name(), kExampleFile);
  EXPECT_THAT(Names(files),
              IsSupersetOf({kExampleFile, "google/api/annotations.proto", "google/api/http.proto",
                            "google/protobuf/descriptor.proto"}));
  EXPECT_TRUE(HasComment(files[0], "Looks up values by key"));
  EXPECT_TRUE(HasComment(files[0], "Which key to look up."));
  // Rebuilt from the pool, the file is the one the set gives.
  FileDescriptorProto given;
  ASSERT_TRUE(given.ParseFromString(set->files().at(kExampleFile)));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(files[0], given));
  // Messages and methods are symbols of the file too.
  EXPECT_EQ(FilesForSymbol(index, "example.v1.LookupRequest")[0].name(), kExampleFile);
  EXPECT_EQ(FilesForSymbol(index, "example.v1.LookupService.Lookup")[0].name(), kExampleFile);
}

TEST(ReflectionIndexTest, GivenFilesAreSentAsGiven) {
  auto set = Example();
  ReflectionIndex::SerializedFiles given = set->files();
  FileDescriptorProto marked;
  ASSERT_TRUE(marked.ParseFromString(given.at(kExampleFile)));
  marked.mutable_options()->set_java_package("marked.as.given");
  given[kExampleFile] = marked.SerializeAsString();
  ReflectionIndex index({kService}, {ServiceOf(*set)}, {{&set->pool(), &given}});
  auto files = FilesForSymbol(index, kService);
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files[0].options().java_package(), "marked.as.given");
}

TEST(ReflectionIndexTest, UnroutedPoolIsNotAnswered) {
  auto set = Example();
  ReflectionIndex index({kService});
  absl::flat_hash_set<std::string> sent;
  std::vector<std::string> files;
  EXPECT_EQ(index.FileContainingSymbol(kService, sent, files).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(index.FileByName(kExampleFile, sent, files).code(), absl::StatusCode::kNotFound);
}

TEST(ReflectionIndexTest, FileByNameSendsEachImportOncePerStream) {
  auto set = Example();
  ReflectionIndex index({kService}, {ServiceOf(*set)});
  absl::flat_hash_set<std::string> sent;
  std::vector<std::string> first;
  ASSERT_TRUE(index.FileByName(kExampleFile, sent, first).ok());
  EXPECT_GE(first.size(), 4u);
  std::vector<std::string> again;
  ASSERT_TRUE(index.FileByName(kExampleFile, sent, again).ok());
  EXPECT_EQ(Names(Parse(again)), std::vector<std::string>{kExampleFile});
}

TEST(ReflectionIndexTest, OurOwnServicesAreUnchanged) {
  (void)ndxp::population::v1::GetCitizenRequest::descriptor();
  auto set = Example();
  ReflectionIndex index({"ndxp.population.v1.PopulationService", kService}, {ServiceOf(*set)});
  auto files = FilesForSymbol(index, "ndxp.population.v1.PopulationService");
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files[0].name(), "ndxp/population/v1/population.proto");
  EXPECT_TRUE(HasComment(files[0], "Reads citizens and households"));
}

TEST(ReflectionIndexTest, ImportsCopiedFromOursComeWithOurComments) {
  FileDescriptorSet slim;
  ASSERT_TRUE(slim.add_file()->ParseFromString(Example()->files().at(kExampleFile)));
  auto set = adapters::DescriptorSet::Parse(slim.SerializeAsString(), "slim");
  ASSERT_TRUE(set.ok()) << set.status();
  ReflectionIndex index({kService}, {*(*set)->FindService(kService)});
  auto files = FilesForSymbol(index, kService);
  ASSERT_THAT(Names(files), Contains("google/api/http.proto"));
  for (const auto& file : files) {
    if (file.name() == "google/api/http.proto") {
      EXPECT_TRUE(HasComment(file, "Defines the HTTP configuration for an API service"));
    }
  }
}

// A set defining its own method option, next to google.api.http.
std::shared_ptr<adapters::DescriptorSet> SetWithOption() {
  FileDescriptorSet set;
  auto* file = set.add_file();
  file->set_name("custom/v1/options.proto");
  file->set_package("custom.v1");
  file->set_syntax("proto3");
  file->add_dependency("google/protobuf/descriptor.proto");
  auto* ext = file->add_extension();
  ext->set_name("audited");
  ext->set_number(50001);
  ext->set_label(google::protobuf::FieldDescriptorProto::LABEL_OPTIONAL);
  ext->set_type(google::protobuf::FieldDescriptorProto::TYPE_BOOL);
  ext->set_extendee(".google.protobuf.MethodOptions");
  auto* message = file->add_message_type();
  message->set_name("Empty");
  auto* service = file->add_service();
  service->set_name("CustomService");
  auto* method = service->add_method();
  method->set_name("Call");
  method->set_input_type(".custom.v1.Empty");
  method->set_output_type(".custom.v1.Empty");
  auto loaded = adapters::DescriptorSet::Parse(set.SerializeAsString(), "custom");
  EXPECT_TRUE(loaded.ok()) << loaded.status();
  return *loaded;
}

TEST(ReflectionIndexTest, ExtensionsOfEveryPool) {
  (void)ndxp::population::v1::GetCitizenRequest::descriptor();  // links google.api.http
  auto set = SetWithOption();
  ReflectionIndex index({"custom.v1.CustomService"},
                        {*set->FindService("custom.v1.CustomService")});
  absl::flat_hash_set<std::string> sent;
  std::vector<std::string> files;
  ASSERT_TRUE(
      index.FileContainingExtension("google.protobuf.MethodOptions", 50001, sent, files).ok());
  EXPECT_EQ(Parse(files)[0].name(), "custom/v1/options.proto");
  files.clear();
  ASSERT_TRUE(
      index.FileContainingExtension("google.protobuf.MethodOptions", 72295728, sent, files).ok());
  EXPECT_EQ(Parse(files)[0].name(), "google/api/annotations.proto");
  EXPECT_EQ(index.FileContainingExtension("google.protobuf.MethodOptions", 7, sent, files).code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(index.FileContainingExtension("no.Such", 7, sent, files).code(),
            absl::StatusCode::kNotFound);
  std::vector<int> numbers;
  ASSERT_TRUE(index.ExtensionNumbers("google.protobuf.MethodOptions", numbers).ok());
  EXPECT_THAT(numbers, IsSupersetOf({50001, 72295728}));
  EXPECT_EQ(std::count(numbers.begin(), numbers.end(), 72295728), 1);
}

// The reflection service over a real connection: what grpcurl and buf curl see.
TEST(ReflectionIndexTest, ReflectionServiceDescribesTheOtherPool) {
  auto set = Example();
  ReflectionIndex index({kService, "grpc.reflection.v1.ServerReflection"}, {ServiceOf(*set)});
  auto service = MakeReflectionServiceV1(index);
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(service.get());
  auto server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);
  auto stub = grpc::reflection::v1::ServerReflection::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  auto stream = stub->ServerReflectionInfo(&context);

  grpc::reflection::v1::ServerReflectionRequest request;
  grpc::reflection::v1::ServerReflectionResponse response;
  request.set_list_services("");
  ASSERT_TRUE(stream->Write(request));
  ASSERT_TRUE(stream->Read(&response));
  std::vector<std::string> listed;
  for (const auto& one : response.list_services_response().service()) listed.push_back(one.name());
  EXPECT_THAT(listed, Contains(kService));

  request.set_file_containing_symbol(kService);
  ASSERT_TRUE(stream->Write(request));
  ASSERT_TRUE(stream->Read(&response));
  ASSERT_TRUE(response.has_file_descriptor_response()) << response.DebugString();
  FileDescriptorProto first;
  ASSERT_TRUE(first.ParseFromString(response.file_descriptor_response().file_descriptor_proto(0)));
  EXPECT_EQ(first.name(), kExampleFile);
  EXPECT_TRUE(HasComment(first, "Looks up values by key"));
  stream->WritesDone();
  EXPECT_TRUE(stream->Finish().ok());
  server->Shutdown();
}

}  // namespace
}  // namespace ndxp::server
