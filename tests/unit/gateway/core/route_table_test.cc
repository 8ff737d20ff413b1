#include "gateway/core/route_table.h"

#include <gtest/gtest.h>

#include "gateway/core/call.h"
#include "ndxp/population/v1/population.pb.h"

namespace ndxp::core {
namespace {

const google::protobuf::ServiceDescriptor& PopulationService() {
  return *population::v1::GetCitizenRequest::descriptor()->file()->FindServiceByName(
      "PopulationService");
}

class NamedTarget final : public Target {
 public:
  explicit NamedTarget(std::string method) : method_(std::move(method)) {}
  std::string_view kind() const override { return "test"; }
  void Unary(Call&, Payload&, Payload&, UnaryCompletion& done) override {
    done.OnUnaryDone(absl::OkStatus());
  }
  std::shared_ptr<TargetStream> OpenStream(Call&, StreamPeer&) override { return nullptr; }
  const std::string method_;
};

ServiceSpec Spec(std::string failing_method = "") {
  ServiceSpec spec;
  spec.service = &PopulationService();
  spec.connector_name = "test";
  spec.factory = google::protobuf::MessageFactory::generated_factory();
  spec.make_target = [failing_method](const Route& route) -> absl::StatusOr<std::unique_ptr<Target>> {
    if (route.method_name == failing_method) return absl::InvalidArgumentError("no target for " + failing_method);
    return std::make_unique<NamedTarget>(route.full_method);
  };
  spec.reads_personal_data = [](const google::protobuf::MethodDescriptor& m) {
    return m.name() == "GetCitizen";
  };
  return spec;
}

TEST(RouteTableTest, RoutesEveryMethodToItsOwnTarget) {
  RouteTable table;
  ASSERT_TRUE(table.AddService(Spec()).ok());
  ASSERT_EQ(table.size(), static_cast<std::size_t>(PopulationService().method_count()));
  for (std::size_t i = 0; i < table.size(); ++i) {
    const Route& route = *table.routes()[i];
    EXPECT_EQ(route.index, i);
    EXPECT_EQ(table.Find(route.full_method), &route);
    EXPECT_EQ(static_cast<NamedTarget*>(route.target)->method_, route.full_method);
    EXPECT_EQ(route.request_prototype->GetDescriptor(), route.method->input_type());
  }
  const Route* get = table.Find("/ndxp.population.v1.PopulationService/GetCitizen");
  ASSERT_NE(get, nullptr);
  EXPECT_TRUE(get->reads_personal_data);
  // Every population method carries the proto option, whatever the spec says.
  EXPECT_TRUE(table.Find("/ndxp.population.v1.PopulationService/GetHousehold")->reads_personal_data);
  EXPECT_TRUE(MethodReadsPersonalData(*table.Find("/ndxp.population.v1.PopulationService/GetHousehold")->method));
  EXPECT_EQ(get->shape, CallShape::kUnary);
  EXPECT_EQ(table.Find("/ndxp.population.v1.PopulationService/BatchVerifyCitizens")->shape,
            CallShape::kBidiStreaming);
  EXPECT_EQ(table.Find("/ndxp.population.v1.PopulationService/Nope"), nullptr);
  EXPECT_EQ(table.Find("ndxp.population.v1.PopulationService/GetCitizen"), nullptr);
  ASSERT_EQ(table.services().size(), 1u);
}

TEST(RouteTableTest, AFailingTargetAddsNothing) {
  RouteTable table;
  absl::Status status = table.AddService(Spec("VerifyCitizen"));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(status.message()).find("VerifyCitizen"), std::string::npos);
  EXPECT_EQ(table.size(), 0u);
  EXPECT_TRUE(table.services().empty());
  EXPECT_TRUE(table.AddService(Spec()).ok()) << "the service was not half-added";
}

TEST(RouteTableTest, TheSameServiceTwiceIsRefused) {
  RouteTable table;
  ASSERT_TRUE(table.AddService(Spec()).ok());
  EXPECT_EQ(table.AddService(Spec()).code(), absl::StatusCode::kAlreadyExists);
}

TEST(RouteTableTest, KeepsWhatTheTargetsPointInto) {
  auto owner = std::make_shared<int>(7);
  std::weak_ptr<int> watch = owner;
  {
    RouteTable table;
    table.Keep(std::move(owner));
    EXPECT_FALSE(watch.expired());
  }
  EXPECT_TRUE(watch.expired());
}

}  // namespace
}  // namespace ndxp::core
