// A service known by its descriptor set goes through the route table, payloads and the REST
// router unchanged: dynamic prototypes, google.api.http rules read from another pool.
#include <google/protobuf/arena.h>
#include <gtest/gtest.h>

#include "adapters/descriptors/descriptor_set.h"
#include "gateway/core/payload.h"
#include "gateway/core/route_table.h"
#include "gateway/server/http/rest_binding.h"
#include "gateway/server/http/rest_mapping.h"

namespace ndxp::adapters {
namespace {

class NullTarget final : public core::Target {
 public:
  std::string_view kind() const override { return "test"; }
  void Unary(core::Call&, core::Payload&, core::Payload&, core::UnaryCompletion& done) override {
    done.OnUnaryDone(absl::UnimplementedError("test target"));
  }
  std::shared_ptr<core::TargetStream> OpenStream(core::Call&, core::StreamPeer&) override {
    return nullptr;
  }
};

std::unique_ptr<core::RouteTable> ExampleRoutes() {
  auto table = std::make_unique<core::RouteTable>();
  auto set = DescriptorSet::Load(NDXP_EXAMPLE_DESCRIPTOR_SET);
  EXPECT_TRUE(set.ok()) << set.status();
  auto service = (*set)->FindService("example.v1.LookupService");
  EXPECT_TRUE(service.ok()) << service.status();
  core::ServiceSpec spec{
      .service = *service,
      .connector_name = "example.v1.LookupService",
      .factory = (*set)->factory(),
      .make_target = [](const core::Route&) -> absl::StatusOr<std::unique_ptr<core::Target>> {
        return std::make_unique<NullTarget>();
      },
      .reads_personal_data = {}};
  EXPECT_TRUE(table->AddService(std::move(spec)).ok());
  table->Keep(*set);
  return table;
}

TEST(DescriptorRoutesTest, RoutesHaveDynamicPrototypes) {
  std::unique_ptr<core::RouteTable> routes = ExampleRoutes();
  core::RouteTable& table = *routes;
  ASSERT_EQ(table.size(), 4u);
  const core::Route* lookup = table.Find("/example.v1.LookupService/Lookup");
  ASSERT_NE(lookup, nullptr);
  EXPECT_EQ(lookup->request_prototype->GetDescriptor()->full_name(), "example.v1.LookupRequest");
  const core::Route* items = table.Find("/example.v1.LookupService/ListItems");
  ASSERT_NE(items, nullptr);
  EXPECT_EQ(items->shape, core::CallShape::kServerStreaming);

  google::protobuf::Arena arena;
  core::Payload payload(core::Payload::Direction::kRequest, lookup->request_prototype, &arena);
  payload.SetBytes(
      std::string("\x0a\x01"
                  "a",
                  3));
  auto message = payload.Message();
  ASSERT_TRUE(message.ok()) << message.status();
  const auto* key = (*message)->GetDescriptor()->FindFieldByName("key");
  EXPECT_EQ((*message)->GetReflection()->GetString(**message, key), "a");
  payload.SetBytes("\xff");
  EXPECT_EQ(payload.Message().status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(DescriptorRoutesTest, RestRulesComeFromTheSet) {
  std::unique_ptr<core::RouteTable> routes = ExampleRoutes();
  core::RouteTable& table = *routes;
  auto router = server::http::RestRouter::Build(table);
  ASSERT_TRUE(router.ok()) << router.status();
  ASSERT_EQ((*router)->rules().size(), 1u);
  auto match = (*router)->Match("GET", "/v1/lookups/slow:100");
  ASSERT_NE(match.rule, nullptr);
  EXPECT_EQ(match.rule->route->full_method, "/example.v1.LookupService/Lookup");
  ASSERT_EQ(match.bindings.size(), 1u);
  EXPECT_EQ(match.bindings[0].field_path, "key");
  EXPECT_EQ(match.bindings[0].value, "slow:100");

  std::unique_ptr<google::protobuf::Message> request(match.rule->route->request_prototype->New());
  ASSERT_TRUE(server::http::SetFieldFromText(*request, "key", match.bindings[0].value, "key").ok());
  EXPECT_EQ(request->SerializeAsString(), std::string("\x0a\x08slow:100"));

  auto wrong_method = (*router)->Match("POST", "/v1/lookups/a");
  EXPECT_EQ(wrong_method.rule, nullptr);
  EXPECT_EQ(wrong_method.allowed, "GET");
}

}  // namespace
}  // namespace ndxp::adapters
