#include "connectors/common/typed_handler.h"

#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "ndxp/population/v1/population.pb.h"

namespace ndxp::connectors {
namespace {

namespace pb = ::ndxp::population::v1;

core::UnaryFn EchoHandler() {
  return MakeUnary<pb::GetCitizenRequest, pb::GetCitizenResponse>(
      [](const core::CallContext&, const pb::GetCitizenRequest& req, pb::GetCitizenResponse& resp) {
        resp.mutable_citizen()->set_personal_id(req.personal_id());
        return absl::OkStatus();
      });
}

TEST(TypedHandlerTest, PassesGeneratedMessagesThrough) {
  pb::GetCitizenRequest req;
  req.set_personal_id("079203001234");
  pb::GetCitizenResponse resp;
  ASSERT_TRUE(EchoHandler()(core::CallContext{}, req, resp).ok());
  EXPECT_EQ(resp.citizen().personal_id(), "079203001234");
}

TEST(TypedHandlerTest, ConvertsDynamicMessagesOfTheSameType) {
  google::protobuf::DynamicMessageFactory factory;
  std::unique_ptr<google::protobuf::Message> req(
      factory.GetPrototype(pb::GetCitizenRequest::descriptor())->New());
  std::unique_ptr<google::protobuf::Message> resp(
      factory.GetPrototype(pb::GetCitizenResponse::descriptor())->New());
  ASSERT_TRUE(
      google::protobuf::TextFormat::ParseFromString("personal_id: \"001190000001\"", req.get()));
  ASSERT_TRUE(EchoHandler()(core::CallContext{}, *req, *resp).ok());
  pb::GetCitizenResponse typed;
  ASSERT_TRUE(typed.ParseFromString(resp->SerializeAsString()));
  EXPECT_EQ(typed.citizen().personal_id(), "001190000001");
}

TEST(TypedHandlerTest, RejectsAnotherType) {
  pb::GetHouseholdRequest wrong;
  pb::GetCitizenResponse resp;
  EXPECT_EQ(EchoHandler()(core::CallContext{}, wrong, resp).code(), absl::StatusCode::kInternal);
}

TEST(TypedHandlerTest, TextFormatIsOneLineUtf8) {
  pb::VerifyCitizenRequest req;
  req.set_personal_id("079203001234");
  req.set_full_name("Nguyễn Thị Hương");
  req.mutable_date_of_birth()->set_year(2003);
  const std::string text = ToTextFormat(req);
  EXPECT_EQ(text.find('\n'), std::string::npos);
  EXPECT_NE(text.find("Nguyễn Thị Hương"), std::string::npos) << text;
  pb::VerifyCitizenRequest back;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &back));
  EXPECT_EQ(back.full_name(), req.full_name());
}

}  // namespace
}  // namespace ndxp::connectors
