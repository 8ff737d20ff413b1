// google.api.http path templates, the REST router built from the route table, and binding text
// onto request fields.

#include "gateway/server/http/rest_mapping.h"

#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/timestamp.pb.h>
#include <google/protobuf/wrappers.pb.h>
#include <gtest/gtest.h>

#include "gateway/server/http/path_template.h"
#include "gateway/server/http/rest_binding.h"
#include "ndxp/business/v1/business.pb.h"
#include "ndxp/population/v1/population.pb.h"
#include "test_gateway.h"

namespace ndxp::server::http {
namespace {

std::vector<PathBinding> MatchOf(std::string_view pattern, std::string_view path, bool* ok) {
  auto compiled = PathTemplate::Parse(pattern);
  EXPECT_TRUE(compiled.ok()) << compiled.status();
  std::vector<PathBinding> bindings;
  *ok = compiled.ok() && compiled->Match(path, bindings);
  return bindings;
}

TEST(HttpPathTemplateTest, LiteralsVariablesAndVerbs) {
  bool ok = false;
  auto b = MatchOf("/v1/citizens/{personal_id}:verify", "/v1/citizens/079203001234:verify", &ok);
  ASSERT_TRUE(ok);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].field_path, "personal_id");
  EXPECT_EQ(b[0].value, "079203001234");
  MatchOf("/v1/citizens/{personal_id}:verify", "/v1/citizens/079203001234", &ok);
  EXPECT_FALSE(ok);
  MatchOf("/v1/citizens/{personal_id}", "/v1/citizens/", &ok);
  EXPECT_FALSE(ok);
  MatchOf("/v1/citizens/{personal_id}", "/v1/citizens/1/2", &ok);
  EXPECT_FALSE(ok);
  MatchOf("/v1/citizens/{personal_id}", "/v1/households/1", &ok);
  EXPECT_FALSE(ok);
}

TEST(HttpPathTemplateTest, NestedAndMultiSegmentVariables) {
  bool ok = false;
  auto b = MatchOf("/v1/{parent.name=shelves/*}/books/{id}", "/v1/shelves/s1/books/b%2F2", &ok);
  ASSERT_TRUE(ok);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0].field_path, "parent.name");
  EXPECT_EQ(b[0].value, "shelves/s1");
  EXPECT_EQ(b[1].value, "b/2") << "a single-segment value is fully decoded";
  b = MatchOf("/v1/{name=files/**}", "/v1/files/a/b%2Fc/d", &ok);
  ASSERT_TRUE(ok);
  EXPECT_EQ(b[0].value, "files/a/b%2Fc/d") << "a multi-segment value keeps %2F";
  b = MatchOf("/v1/{name=**}:get", "/v1/x/y:get", &ok);
  ASSERT_TRUE(ok);
  EXPECT_EQ(b[0].value, "x/y");
}

TEST(HttpPathTemplateTest, RejectsMalformedTemplates) {
  for (const char* bad : {"", "v1/x", "/v1/{a", "/v1/{a={b}}", "/v1/**/x", "/v1//x",
                          "/v1/x:", "/v1/{}", "/v1/{a..b}", "/v1/x}"}) {
    EXPECT_FALSE(PathTemplate::Parse(bad).ok()) << bad;
  }
}

TEST(HttpRestRouterTest, BuildsEveryRuleOfTheRouteTable) {
  testing::TestGateway gateway;
  auto router = RestRouter::Build(gateway.pipeline().routes());
  ASSERT_TRUE(router.ok()) << router.status();
  EXPECT_EQ((*router)->rules().size(), 7u);  // population 3, business 4

  RestMatch verify = (*router)->Match("POST", "/v1/citizens/079203001234:verify");
  ASSERT_NE(verify.rule, nullptr);
  EXPECT_EQ(verify.rule->route->method_name, "VerifyCitizen");
  EXPECT_EQ(verify.rule->body, "*");

  RestMatch get = (*router)->Match("GET", "/v1/citizens/079203001234");
  ASSERT_NE(get.rule, nullptr);
  EXPECT_EQ(get.rule->route->method_name, "GetCitizen");
  EXPECT_EQ(get.rule->path_fields, std::vector<std::string>{"personal_id"});

  RestMatch wrong = (*router)->Match("PUT", "/v1/citizens/079203001234");
  EXPECT_EQ(wrong.rule, nullptr);
  EXPECT_EQ(wrong.allowed, "GET");
  EXPECT_TRUE((*router)->Match("GET", "/v2/citizens/1").allowed.empty());
}

// A message with the field kinds REST parameters can set, built at run time.
class HttpBindingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    google::protobuf::FileDescriptorProto file;
    google::protobuf::Timestamp::descriptor()->file()->CopyTo(&file);
    ASSERT_NE(pool_.BuildFile(file), nullptr);
    file.Clear();
    google::protobuf::Int32Value::descriptor()->file()->CopyTo(&file);
    ASSERT_NE(pool_.BuildFile(file), nullptr);
    file.Clear();
    file.set_name("binding_test.proto");
    file.set_package("t");
    file.set_syntax("proto3");
    file.add_dependency("google/protobuf/timestamp.proto");
    file.add_dependency("google/protobuf/wrappers.proto");
    auto* inner = file.add_message_type();
    inner->set_name("Inner");
    AddField(inner, "year", 1, google::protobuf::FieldDescriptorProto::TYPE_INT32);
    auto* message = file.add_message_type();
    message->set_name("Request");
    AddField(message, "page_size", 1, google::protobuf::FieldDescriptorProto::TYPE_INT32);
    AddField(message, "ratio", 2, google::protobuf::FieldDescriptorProto::TYPE_DOUBLE);
    AddField(message, "strict", 3, google::protobuf::FieldDescriptorProto::TYPE_BOOL);
    AddField(message, "blob", 4, google::protobuf::FieldDescriptorProto::TYPE_BYTES);
    AddField(message, "tags", 5, google::protobuf::FieldDescriptorProto::TYPE_STRING, true);
    AddField(message, "since", 6, google::protobuf::FieldDescriptorProto::TYPE_MESSAGE, false,
             ".google.protobuf.Timestamp");
    AddField(message, "limit", 7, google::protobuf::FieldDescriptorProto::TYPE_MESSAGE, false,
             ".google.protobuf.Int32Value");
    AddField(message, "inner", 8, google::protobuf::FieldDescriptorProto::TYPE_MESSAGE, false,
             ".t.Inner");
    AddField(message, "big", 9, google::protobuf::FieldDescriptorProto::TYPE_UINT64);
    ASSERT_NE(pool_.BuildFile(file), nullptr);
    type_ = pool_.FindMessageTypeByName("t.Request");
    message_.reset(factory_.GetPrototype(type_)->New());
  }

  static void AddField(google::protobuf::DescriptorProto* message, const char* name, int number,
                       google::protobuf::FieldDescriptorProto::Type type, bool repeated = false,
                       const char* type_name = nullptr) {
    auto* field = message->add_field();
    field->set_name(name);
    field->set_number(number);
    field->set_type(type);
    field->set_label(repeated ? google::protobuf::FieldDescriptorProto::LABEL_REPEATED
                              : google::protobuf::FieldDescriptorProto::LABEL_OPTIONAL);
    if (type_name) field->set_type_name(type_name);
  }

  absl::Status Set(std::string_view path, std::string_view text) {
    return SetFieldFromText(*message_, path, text, path);
  }

  google::protobuf::DescriptorPool pool_;
  google::protobuf::DynamicMessageFactory factory_{&pool_};
  const google::protobuf::Descriptor* type_ = nullptr;
  std::unique_ptr<google::protobuf::Message> message_;
};

TEST_F(HttpBindingTest, Scalars) {
  ASSERT_TRUE(Set("page_size", "25").ok());
  ASSERT_TRUE(Set("pageSize", "26").ok()) << "JSON names too";
  ASSERT_TRUE(Set("ratio", "0.5").ok());
  ASSERT_TRUE(Set("strict", "true").ok());
  ASSERT_TRUE(Set("blob", "aGk").ok()) << "unpadded base64";
  ASSERT_TRUE(Set("big", "18446744073709551615").ok());
  EXPECT_EQ(message_->ShortDebugString(),
            "page_size: 26 ratio: 0.5 strict: true blob: \"hi\" big: 18446744073709551615");
}

TEST_F(HttpBindingTest, RepeatedNestedAndWellKnownTypes) {
  ASSERT_TRUE(Set("tags", "a").ok());
  ASSERT_TRUE(Set("tags", "b").ok());
  ASSERT_TRUE(Set("inner.year", "2020").ok());
  ASSERT_TRUE(Set("since", "2024-01-02T03:04:05Z").ok());
  ASSERT_TRUE(Set("limit", "7").ok());
  EXPECT_EQ(message_->ShortDebugString(),
            "tags: \"a\" tags: \"b\" since { seconds: 1704164645 } limit { value: 7 } "
            "inner { year: 2020 }");
}

TEST_F(HttpBindingTest, BadValuesNameTheParameter) {
  for (auto [path, text] :
       std::vector<std::pair<std::string, std::string>>{{"page_size", "many"},
                                                        {"page_size", "99999999999"},
                                                        {"strict", "yes"},
                                                        {"blob", "!!"},
                                                        {"since", "yesterday"},
                                                        {"inner", "x"},
                                                        {"nope", "1"},
                                                        {"page_size.x", "1"},
                                                        {"big", "-1"},
                                                        {"tags", "\xff"}}) {
    absl::Status status = Set(path, text);
    ASSERT_FALSE(status.ok()) << path << "=" << text;
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(status.message().find(path), absl::string_view::npos) << status;
  }
}

TEST(HttpBindingEnumTest, EnumsByNameOrNumber) {
  business::v1::VerifyEnterpriseResponse response;
  ASSERT_TRUE(SetFieldFromText(response, "status", "2", "status").ok());
  EXPECT_EQ(static_cast<int>(response.status()), 2);
  const auto* value = response.GetDescriptor()->FindFieldByName("status")->enum_type()->value(1);
  ASSERT_TRUE(SetFieldFromText(response, "status", value->name(), "status").ok());
  EXPECT_EQ(static_cast<int>(response.status()), value->number());
  EXPECT_FALSE(SetFieldFromText(response, "status", "NO_SUCH_VALUE", "status").ok());
}

}  // namespace
}  // namespace ndxp::server::http
