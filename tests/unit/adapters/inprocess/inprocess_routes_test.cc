#include "adapters/inprocess/inprocess_routes.h"

#include <gtest/gtest.h>

#include "ndxp/population/v1/population.pb.h"

namespace ndxp::adapters {
namespace {

using namespace ::ndxp::core;

const google::protobuf::ServiceDescriptor& PopulationService() {
  return *population::v1::GetCitizenRequest::descriptor()->file()->FindServiceByName(
      "PopulationService");
}

// A connector whose handlers are built per shape, optionally leaving one out or mis-shaping it.
class FakeConnector : public Connector {
 public:
  explicit FakeConnector(std::string skip = "", std::string wrong_shape = "")
      : skip_(std::move(skip)), wrong_shape_(std::move(wrong_shape)) {}
  std::string_view name() const override { return "fake"; }
  const google::protobuf::ServiceDescriptor& service() const override { return PopulationService(); }
  std::vector<MethodHandler> Handlers() override {
    std::vector<MethodHandler> out;
    for (int i = 0; i < service().method_count(); ++i) {
      const auto* m = service().method(i);
      if (m->name() == skip_) continue;
      MethodHandler h{.method = m};
      bool streaming_request = m->client_streaming();
      if (m->name() == wrong_shape_) streaming_request = !streaming_request;
      if (streaming_request) {
        h.request_stream = [](const CallContext&) -> absl::StatusOr<std::unique_ptr<RequestStream>> {
          return absl::UnimplementedError("");
        };
      } else if (m->server_streaming()) {
        h.server_stream = [](const CallContext&, const google::protobuf::Message&)
            -> absl::StatusOr<std::unique_ptr<ResponseStream>> { return absl::UnimplementedError(""); };
      } else {
        h.unary = [](const CallContext&, const google::protobuf::Message&,
                     google::protobuf::Message&) { return absl::OkStatus(); };
      }
      out.push_back(std::move(h));
    }
    return out;
  }
  std::vector<core::SampleKind> SampleKinds() const override { return {}; }
  std::vector<std::string> SampleIds(std::string_view, std::size_t) const override { return {}; }
  std::vector<MethodExample> Examples() const override { return {}; }

 private:
  std::string skip_, wrong_shape_;
};

TEST(InProcessRoutesTest, RoutesEveryMethodByFullNameWithItsShape) {
  RouteTable table;
  ASSERT_TRUE(AddInProcessConnector(table, std::make_unique<FakeConnector>()).ok());
  EXPECT_EQ(table.size(), static_cast<std::size_t>(PopulationService().method_count()));
  const Route* get = table.Find("/ndxp.population.v1.PopulationService/GetCitizen");
  ASSERT_NE(get, nullptr);
  EXPECT_EQ(get->shape, CallShape::kUnary);
  EXPECT_EQ(get->connector_name, "fake");
  EXPECT_EQ(get->method_name, "GetCitizen");
  EXPECT_EQ(get->request_prototype->GetDescriptor(), population::v1::GetCitizenRequest::descriptor());
  const Route* bidi = table.Find("/ndxp.population.v1.PopulationService/BatchVerifyCitizens");
  ASSERT_NE(bidi, nullptr);
  EXPECT_EQ(bidi->shape, CallShape::kBidiStreaming);
  EXPECT_EQ(table.Find("/ndxp.population.v1.PopulationService/ReconcileCitizens")->shape,
            CallShape::kClientStreaming);
  for (std::size_t i = 0; i < table.size(); ++i) EXPECT_EQ(table.routes()[i]->index, i);
  EXPECT_EQ(get->target->kind(), "in_process");
}

TEST(InProcessRoutesTest, UnknownMethodsAreNotFound) {
  RouteTable table;
  ASSERT_TRUE(AddInProcessConnector(table, std::make_unique<FakeConnector>()).ok());
  EXPECT_EQ(table.Find("/ndxp.population.v1.PopulationService/Nope"), nullptr);
  EXPECT_EQ(table.Find("ndxp.population.v1.PopulationService/GetCitizen"), nullptr);
  EXPECT_EQ(table.Find(""), nullptr);
}

TEST(InProcessRoutesTest, MissingHandlerIsRefusedNamingTheMethod) {
  RouteTable table;
  absl::Status status = AddInProcessConnector(table, std::make_unique<FakeConnector>("GetHousehold"));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(status.message()).find("GetHousehold"), std::string::npos);
  EXPECT_EQ(table.size(), 0u);
}

TEST(InProcessRoutesTest, HandlerOfTheWrongShapeIsRefused) {
  RouteTable table;
  absl::Status status = AddInProcessConnector(table, std::make_unique<FakeConnector>("", "GetCitizen"));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(status.message()).find("unary"), std::string::npos);
}

TEST(InProcessRoutesTest, TheSameServiceTwiceIsRefused) {
  RouteTable table;
  ASSERT_TRUE(AddInProcessConnector(table, std::make_unique<FakeConnector>()).ok());
  EXPECT_EQ(AddInProcessConnector(table, std::make_unique<FakeConnector>()).code(),
            absl::StatusCode::kAlreadyExists);
}

}  // namespace
}  // namespace ndxp::adapters
