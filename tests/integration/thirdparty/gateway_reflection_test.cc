// Server reflection of a service the gateway knows by its descriptor set alone: buf curl finds and
// calls it with no schema of its own, and raw ServerReflectionInfo calls (v1 and v1alpha) answer
// its file as the set gave it, with comments and every import.
#include <absl/strings/escaping.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/descriptor_database.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "google/rpc/error_details.pb.h"
#include "grpc/reflection/v1/reflection.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "tests/integration/grpc_fixture.h"
#include "tests/integration/thirdparty/gateway_fixture.h"

namespace ndxp::example {
namespace {

using google::protobuf::FileDescriptorProto;

class ReflectionTest : public ThirdPartyGatewayTest {
 protected:
  CommandResult Buf(std::vector<std::string> args) {
    std::vector<std::string> argv = {BufBinary(), "curl", "--protocol", "grpc",
                                     "--http2-prior-knowledge"};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunProcess(argv);
  }
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Fails when the gateway does not list a service routed by descriptor set (or stops listing its
// own beside it).
TEST_F(ReflectionTest, BufCurlListsTheServiceBesideOurs) {
  CommandResult run = Buf({"--list-services", env().grpc_url()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  auto lines = Lines(run.output);
  std::set<std::string> services(lines.begin(), lines.end());
  for (const char* expected : {kService, "ndxp.business.v1.BusinessRegistryService",
                               "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection"}) {
    EXPECT_TRUE(services.count(expected)) << expected << " not in:\n" << run.output;
  }
}

// Fails when a method is missing from the reflected file or an extra one appears.
TEST_F(ReflectionTest, BufCurlListsItsFourMethods) {
  CommandResult run = Buf({"--list-methods", env().grpc_url()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::set<std::string> methods;
  for (const auto& line : Lines(run.output)) {
    if (line.rfind(std::string(kService) + "/", 0) == 0) methods.insert(line);
  }
  EXPECT_EQ(methods, (std::set<std::string>{
                         "example.v1.LookupService/Echo", "example.v1.LookupService/ListItems",
                         "example.v1.LookupService/Lookup", "example.v1.LookupService/Sum"}))
      << run.output;
}

// buf curl resolves the request and response types from reflection only (no --schema): fails when
// the file or one of its imports is not answered, or when the call does not reach the upstream.
TEST_F(ReflectionTest, BufCurlCallsLookupByReflectionAlone) {
  CommandResult run = Buf({"-H", std::string("x-api-key: ") + testing::kTestApiKey, "-d",
                           R"({"key":"a"})", env().grpc_url() + kLookup});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  auto response = schema().FromJson("example.v1.LookupResponse", run.output);
  ASSERT_NE(response, nullptr) << run.output;
  const auto* type = response->GetDescriptor();
  const auto* reflection = response->GetReflection();
  EXPECT_EQ(reflection->GetString(*response, type->FindFieldByName("key")), "a");
  EXPECT_EQ(reflection->GetString(*response, type->FindFieldByName("value")), "value-of-a");
}

// The upstream's NOT_FOUND comes back to buf curl as not_found with its message and its
// ErrorInfo detail, the bytes the upstream sent (buf curl 1.75 prints a detail's type and value,
// not its fields, for the gateway's own services too).
TEST_F(ReflectionTest, BufCurlSeesNotFoundWithItsErrorInfo) {
  CommandResult run = Buf({"-H", std::string("x-api-key: ") + testing::kTestApiKey, "-d",
                           R"({"key":"missing"})", env().grpc_url() + kLookup});
  EXPECT_NE(run.exit_code, 0) << run.output;
  google::protobuf::Struct error;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(run.output, &error).ok()) << run.output;
  EXPECT_EQ(error.fields().at("code").string_value(), "not_found") << run.output;
  EXPECT_EQ(error.fields().at("message").string_value(),
            "no value is stored under key \"missing\"");
  const auto& details = error.fields().at("details").list_value();
  ASSERT_EQ(details.values_size(), 1) << run.output;
  const auto& detail = details.values(0).struct_value().fields();
  EXPECT_EQ(detail.at("type").string_value(), "google.rpc.ErrorInfo");
  std::string bytes;
  ASSERT_TRUE(absl::Base64Unescape(detail.at("value").string_value(), &bytes)) << run.output;
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(info.ParseFromString(bytes));
  EXPECT_EQ(info.reason(), "KEY_NOT_FOUND");
  EXPECT_EQ(info.domain(), "example.v1");
  EXPECT_EQ(info.metadata().at("key"), "missing");
}

// The two reflection versions as types (a namespace cannot be a template argument).
struct V1 {
  using ServerReflection = grpc::reflection::v1::ServerReflection;
  using Request = grpc::reflection::v1::ServerReflectionRequest;
  using Response = grpc::reflection::v1::ServerReflectionResponse;
};
struct V1Alpha {
  using ServerReflection = grpc::reflection::v1alpha::ServerReflection;
  using Request = grpc::reflection::v1alpha::ServerReflectionRequest;
  using Response = grpc::reflection::v1alpha::ServerReflectionResponse;
};

// The files of one file_descriptor_response, parsed, in the order sent.
template <typename Response>
std::vector<FileDescriptorProto> FilesOf(const Response& response) {
  std::vector<FileDescriptorProto> files;
  for (const auto& bytes : response.file_descriptor_response().file_descriptor_proto()) {
    files.emplace_back();
    EXPECT_TRUE(files.back().ParseFromString(bytes));
  }
  return files;
}

std::set<std::string> NamesOf(const std::vector<FileDescriptorProto>& files) {
  std::set<std::string> names;
  for (const auto& f : files) names.insert(f.name());
  return names;
}

// Whether any location of the file has `text` in its leading comments.
bool HasComment(const FileDescriptorProto& file, const std::string& text) {
  for (const auto& location : file.source_code_info().location()) {
    if (location.leading_comments().find(text) != std::string::npos) return true;
  }
  return false;
}

template <typename Ns>
class ReflectionVersionTest : public ThirdPartyGatewayTest {};
using Versions = ::testing::Types<V1, V1Alpha>;
class VersionName {
 public:
  template <typename T>
  static std::string GetName(int) {
    return std::is_same_v<T, V1> ? "v1" : "v1alpha";
  }
};
TYPED_TEST_SUITE(ReflectionVersionTest, Versions, VersionName);

// file_containing_symbol answers the file exactly as the set holds it (comments included), then
// every file it imports, transitively; the answer alone is enough to rebuild the service. Fails
// when source info is dropped, an import is missing, or the file is rebuilt differently.
TYPED_TEST(ReflectionVersionTest, FileContainingSymbolHasCommentsAndImports) {
  auto stub = TypeParam::ServerReflection::NewStub(this->env().Channel());
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  auto stream = stub->ServerReflectionInfo(&context);
  typename TypeParam::Request request;
  typename TypeParam::Response response;

  request.set_list_services("");
  ASSERT_TRUE(stream->Write(request));
  ASSERT_TRUE(stream->Read(&response));
  std::set<std::string> listed;
  for (const auto& s : response.list_services_response().service()) listed.insert(s.name());
  EXPECT_TRUE(listed.count(kService));

  request.set_file_containing_symbol(kService);
  ASSERT_TRUE(stream->Write(request));
  ASSERT_TRUE(stream->Read(&response));
  ASSERT_TRUE(response.has_file_descriptor_response()) << response.error_response().error_message();
  auto files = FilesOf(response);
  ASSERT_FALSE(files.empty());
  const FileDescriptorProto& lookup = files.front();
  EXPECT_EQ(lookup.name(), "example/v1/lookup.proto");
  EXPECT_TRUE(lookup.has_source_code_info());
  EXPECT_TRUE(HasComment(lookup, "Looks up values by key, and streams in every direction."));
  EXPECT_TRUE(HasComment(lookup, "Which key to look up."));
  EXPECT_EQ(NamesOf(files),
            (std::set<std::string>{"example/v1/lookup.proto", "google/api/annotations.proto",
                                   "google/api/http.proto", "google/protobuf/descriptor.proto"}));
  const auto& set = this->schema().set();
  for (const auto& given : set.file()) {
    if (given.name() != lookup.name()) continue;
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(given, lookup))
        << "reflection answers another file than the set's:\n"
        << lookup.DebugString();
  }

  // What reflection sent is enough to rebuild the service, as a reflection client does.
  google::protobuf::SimpleDescriptorDatabase database;
  for (const auto& f : files) ASSERT_TRUE(database.Add(f)) << f.name();
  google::protobuf::DescriptorPool pool(&database);
  const auto* service = pool.FindServiceByName(kService);
  ASSERT_NE(service, nullptr);
  EXPECT_EQ(service->method_count(), 4);

  // A symbol of the same file asked again on the stream: the file is sent again (its imports,
  // already sent on this stream, need not be).
  request.set_file_containing_symbol("example.v1.LookupRequest");
  ASSERT_TRUE(stream->Write(request));
  ASSERT_TRUE(stream->Read(&response));
  auto again = FilesOf(response);
  ASSERT_FALSE(again.empty()) << response.error_response().error_message();
  EXPECT_EQ(again.front().name(), "example/v1/lookup.proto");

  request.set_file_by_filename("example/v1/lookup.proto");
  ASSERT_TRUE(stream->Write(request));
  ASSERT_TRUE(stream->Read(&response));
  auto by_name = FilesOf(response);
  ASSERT_FALSE(by_name.empty()) << response.error_response().error_message();
  EXPECT_EQ(by_name.front().name(), "example/v1/lookup.proto");

  // The type of the details the service sends (its NOT_FOUND carries a google.rpc.ErrorInfo):
  // a reflection client resolves it the same way to show them.
  request.set_file_containing_symbol("google.rpc.ErrorInfo");
  ASSERT_TRUE(stream->Write(request));
  ASSERT_TRUE(stream->Read(&response));
  auto details_file = FilesOf(response);
  ASSERT_FALSE(details_file.empty()) << response.error_response().error_message();
  EXPECT_EQ(details_file.front().name(), "google/rpc/error_details.proto");

  request.set_file_containing_symbol("example.v1.NoSuchMessage");
  ASSERT_TRUE(stream->Write(request));
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_EQ(response.error_response().error_code(), grpc::StatusCode::NOT_FOUND);

  ASSERT_TRUE(stream->WritesDone());
  EXPECT_TRUE(stream->Finish().ok());
}

}  // namespace
}  // namespace ndxp::example
