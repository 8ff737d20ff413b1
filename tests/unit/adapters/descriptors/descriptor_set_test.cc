#include "adapters/descriptors/descriptor_set.h"

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "embedded_descriptor_set.h"
#include "gateway/core/strings.h"
#include "google/api/annotations.pb.h"
#include "ndxp/population/v1/population.pb.h"

namespace ndxp::adapters {
namespace {

using google::protobuf::FileDescriptorProto;
using google::protobuf::FileDescriptorSet;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr const char* kExample = NDXP_EXAMPLE_DESCRIPTOR_SET;
constexpr const char* kService = "example.v1.LookupService";
constexpr const char* kExampleFile = "example/v1/lookup.proto";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

FileDescriptorSet ExampleSet() {
  FileDescriptorSet set;
  EXPECT_TRUE(set.ParseFromString(ReadFile(kExample)));
  return set;
}

// The example's set without the files under google/ (a set built without --include_imports of
// the standard protos).
std::string WithoutGoogleImports() {
  FileDescriptorSet in = ExampleSet();
  FileDescriptorSet out;
  for (const auto& file : in.file()) {
    if (!file.name().starts_with("google/")) *out.add_file() = file;
  }
  return out.SerializeAsString();
}

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/ndxp_descriptors_test_" + std::to_string(::getpid()) + "_" + name;
}

void ExpectHttpRule(const DescriptorSet& set) {
  auto service = set.FindService(kService);
  ASSERT_TRUE(service.ok()) << service.status();
  const auto* lookup = (*service)->FindMethodByName("Lookup");
  ASSERT_NE(lookup, nullptr);
  // Read exactly as gateway/server/http/rest_mapping.cc reads our own services' rules.
  ASSERT_TRUE(lookup->options().HasExtension(google::api::http));
  const google::api::HttpRule& rule = lookup->options().GetExtension(google::api::http);
  EXPECT_EQ(rule.pattern_case(), google::api::HttpRule::kGet);
  EXPECT_EQ(rule.get(), "/v1/lookups/{key}");
  EXPECT_FALSE((*service)->FindMethodByName("Sum")->options().HasExtension(google::api::http));
}

TEST(DescriptorSetTest, LoadsTheExampleSet) {
  auto set = DescriptorSet::Load(kExample);
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ((*set)->origin(), kExample);
  EXPECT_THAT((*set)->service_names(), ::testing::ElementsAre(kService));
  auto service = (*set)->FindService(kService);
  ASSERT_TRUE(service.ok()) << service.status();
  EXPECT_EQ((*service)->method_count(), 4);
  EXPECT_EQ((*service)->file()->pool(), &(*set)->pool());
  EXPECT_TRUE((*service)->FindMethodByName("ListItems")->server_streaming());
  EXPECT_TRUE((*service)->FindMethodByName("Sum")->client_streaming());
  const auto* echo = (*service)->FindMethodByName("Echo");
  EXPECT_TRUE(echo->client_streaming() && echo->server_streaming());
  // The route table keeps it as shared_ptr<void>.
  std::shared_ptr<void> kept = *set;
  EXPECT_NE(kept, nullptr);
}

TEST(DescriptorSetTest, KeepsTheFilesAsGiven) {
  FileDescriptorSet given = ExampleSet();
  auto set = DescriptorSet::Parse(given.SerializeAsString(), "example");
  ASSERT_TRUE(set.ok()) << set.status();
  ASSERT_EQ((*set)->files().size(), static_cast<std::size_t>(given.file_size()));
  for (const auto& file : given.file()) {
    auto it = (*set)->files().find(file.name());
    ASSERT_NE(it, (*set)->files().end()) << file.name();
    EXPECT_EQ(it->second, file.SerializeAsString()) << file.name();
  }
  FileDescriptorProto example;
  ASSERT_TRUE(example.ParseFromString((*set)->files().at(kExampleFile)));
  ASSERT_TRUE(example.has_source_code_info());
  bool commented = false;
  for (const auto& location : example.source_code_info().location()) {
    commented = commented ||
                location.leading_comments().find("Looks up values by key") != std::string::npos;
  }
  EXPECT_TRUE(commented);
}

TEST(DescriptorSetTest, HttpRuleReadsAsForOurServices) {
  auto set = DescriptorSet::Load(kExample);
  ASSERT_TRUE(set.ok()) << set.status();
  ExpectHttpRule(**set);
}

TEST(DescriptorSetTest, SetWithoutGoogleImportsUsesTheCompiledInOnes) {
  auto set = DescriptorSet::Parse(WithoutGoogleImports(), "slim.binpb");
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ((*set)->files().size(), 1u);
  EXPECT_TRUE((*set)->files().contains(kExampleFile));
  const auto* annotations = (*set)->pool().FindFileByName("google/api/annotations.proto");
  ASSERT_NE(annotations, nullptr);
  EXPECT_NE(annotations, google::protobuf::DescriptorPool::generated_pool()->FindFileByName(
                             "google/api/annotations.proto"));  // a copy in the set's own pool
  ExpectHttpRule(**set);
}

TEST(DescriptorSetTest, ImportMissingEverywhereIsAnError) {
  FileDescriptorSet set = ExampleSet();
  for (auto& file : *set.mutable_file()) {
    if (file.name() == kExampleFile) file.add_dependency("example/v1/absent.proto");
  }
  auto loaded = DescriptorSet::Parse(set.SerializeAsString(), "/etc/ndxp/example.binpb");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(loaded.status().message()),
              StartsWith("/etc/ndxp/example.binpb: example/v1/lookup.proto imports "
                         "example/v1/absent.proto, which is neither in the set nor compiled "
                         "into the gateway"));
}

TEST(DescriptorSetTest, NotASetIsAnError) {
  FileDescriptorProto single = ExampleSet().file(0);
  for (const std::string& bytes :
       {std::string(""), std::string("upstreams:\n  - service: x\n"), single.SerializeAsString(),
        std::string("\x0a\x05\x01\x02", 4)}) {
    auto loaded = DescriptorSet::Parse(bytes, "bad.binpb");
    ASSERT_FALSE(loaded.ok()) << bytes;
    EXPECT_EQ(loaded.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(loaded.status().message()),
                StartsWith("bad.binpb: is not a FileDescriptorSet ("));
  }
}

TEST(DescriptorSetTest, FileProblemsNameThePath) {
  auto missing = DescriptorSet::Load("/nonexistent/example.binpb");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "/nonexistent/example.binpb: no such file");

  auto directory = DescriptorSet::Load(::testing::TempDir());
  ASSERT_FALSE(directory.ok());
  EXPECT_THAT(std::string(directory.status().message()), HasSubstr("is a directory"));

  auto large = DescriptorSet::Load(kExample, 100);
  ASSERT_FALSE(large.ok());
  EXPECT_THAT(std::string(large.status().message()),
              HasSubstr("is larger than 100 bytes, the most a descriptor set may be"));
}

TEST(DescriptorSetTest, UnreadableFileIsAnError) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads any file";
  const std::string path = TempPath("unreadable.binpb");
  std::ofstream(path) << ReadFile(kExample);
  ASSERT_EQ(::chmod(path.c_str(), 0), 0);
  auto loaded = DescriptorSet::Load(path);
  ::unlink(path.c_str());
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(std::string(loaded.status().message()), StartsWith(path + ": cannot be opened"));
}

TEST(DescriptorSetTest, AbsentServiceIsNotFound) {
  auto set = DescriptorSet::Load(kExample);
  ASSERT_TRUE(set.ok()) << set.status();
  auto service = (*set)->FindService("example.v1.OtherService");
  ASSERT_FALSE(service.ok());
  EXPECT_EQ(service.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(service.status().message(),
            core::Cat(kExample,
                      ": defines no service example.v1.OtherService (it defines "
                      "example.v1.LookupService)"));
  // A message is no service, nor is a service of a compiled-in import the set lacked.
  EXPECT_FALSE((*set)->FindService("example.v1.LookupRequest").ok());
}

TEST(DescriptorSetTest, OurOwnServiceIsRefused) {
  (void)ndxp::population::v1::GetCitizenRequest::descriptor();  // linked, as in the gateway
  auto set = DescriptorSet::Parse(proto::EmbeddedDescriptorSet(), "ours.binpb");
  ASSERT_TRUE(set.ok()) << set.status();
  auto service = (*set)->FindService("ndxp.population.v1.PopulationService");
  ASSERT_FALSE(service.ok());
  EXPECT_EQ(service.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(service.status().message()),
              StartsWith("ours.binpb: ndxp.population.v1.PopulationService is one of the "
                         "gateway's own services"));
}

TEST(DescriptorSetTest, DuplicateFileCycleAndBadFileAreErrors) {
  FileDescriptorSet twice = ExampleSet();
  *twice.add_file() = twice.file(0);
  auto loaded = DescriptorSet::Parse(twice.SerializeAsString(), "twice");
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(std::string(loaded.status().message()), HasSubstr("twice: holds "));

  FileDescriptorSet cycle;
  auto* a = cycle.add_file();
  a->set_name("a.proto");
  a->add_dependency("b.proto");
  auto* b = cycle.add_file();
  b->set_name("b.proto");
  b->add_dependency("a.proto");
  loaded = DescriptorSet::Parse(cycle.SerializeAsString(), "cycle");
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(std::string(loaded.status().message()), HasSubstr("cycle: import cycle: "));

  FileDescriptorSet bad;
  auto* c = bad.add_file();
  c->set_name("c.proto");
  c->set_package("c");
  auto* field = c->add_message_type();
  field->set_name("C");
  auto* f = field->add_field();
  f->set_name("x");
  f->set_number(1);
  f->set_label(google::protobuf::FieldDescriptorProto::LABEL_OPTIONAL);
  f->set_type_name(".nowhere.Type");
  loaded = DescriptorSet::Parse(bad.SerializeAsString(), "bad");
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(std::string(loaded.status().message()),
              HasSubstr("bad: c.proto does not build: c.C.x: "));
}

TEST(DescriptorSetTest, DynamicMessagesSpeakJsonAndBinary) {
  auto set = DescriptorSet::Load(kExample);
  ASSERT_TRUE(set.ok()) << set.status();
  const auto* lookup = (*(*set)->FindService(kService))->FindMethodByName("Lookup");
  const auto* request_prototype = (*set)->factory()->GetPrototype(lookup->input_type());
  ASSERT_NE(request_prototype, nullptr);

  std::unique_ptr<google::protobuf::Message> request(request_prototype->New());
  google::protobuf::util::JsonParseOptions strict;
  strict.ignore_unknown_fields = false;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(R"({"key":"a"})", request.get(), strict).ok());
  EXPECT_EQ(request->SerializeAsString(), std::string("\x0a\x01"
                                                      "a",
                                                      3));
  std::unique_ptr<google::protobuf::Message> parsed(request_prototype->New());
  ASSERT_TRUE(
      parsed->ParseFromString(std::string("\x0a\x01"
                                          "b",
                                          3)));
  EXPECT_EQ(
      parsed->GetReflection()->GetString(*parsed, lookup->input_type()->FindFieldByName("key")),
      "b");
  EXPECT_FALSE(
      google::protobuf::util::JsonStringToMessage(R"({"nope":1})", request.get(), strict).ok());

  std::unique_ptr<google::protobuf::Message> response(
      (*set)->factory()->GetPrototype(lookup->output_type())->New());
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(
          R"({"key":"a","value":"value-of-a","received":{"requestId":"r-1","hasApiKey":true}})",
          response.get(), strict)
          .ok());
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(*response, &json).ok());
  EXPECT_EQ(json,
            R"({"key":"a","value":"value-of-a","received":{"requestId":"r-1","hasApiKey":true}})");
}

}  // namespace
}  // namespace ndxp::adapters
