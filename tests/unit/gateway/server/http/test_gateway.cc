#include "test_gateway.h"

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <thread>

#include "adapters/inprocess/inprocess_routes.h"
#include "gateway/auth/api_key.h"
#include "gateway/auth/identify_stage.h"
#include "gateway/auth/declaration_stage.h"
#include "gateway/stages/deadline/deadline_stage.h"
#include "gateway/stages/metrics/metrics_stage.h"
#include "gateway/stages/routing/no_route_stage.h"
#include "gateway/stages/trace/trace_context_stage.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"
#include "ndxp/business/v1/business.pb.h"
#include "ndxp/population/v1/population.pb.h"

namespace ndxp::server::http::testing {
namespace {

namespace pop = ndxp::population::v1;
namespace biz = ndxp::business::v1;
using google::protobuf::Message;

// A connector for any service: the unary methods it is given answer, every other method (of any
// shape) has a handler that refuses.
class FakeConnector : public core::Connector {
 public:
  using Unary = std::function<absl::Status(const Message&, Message&)>;
  FakeConnector(std::string name, const google::protobuf::ServiceDescriptor& service,
                std::map<std::string, Unary> unary)
      : name_(std::move(name)), service_(service), unary_(std::move(unary)) {}

  std::string_view name() const override { return name_; }
  const google::protobuf::ServiceDescriptor& service() const override { return service_; }
  std::vector<core::MethodHandler> Handlers() override {
    std::vector<core::MethodHandler> handlers;
    for (int i = 0; i < service_.method_count(); ++i)
      handlers.push_back(HandlerFor(*service_.method(i)));
    return handlers;
  }
  std::vector<core::SampleKind> SampleKinds() const override { return {}; }
  std::vector<std::string> SampleIds(std::string_view, std::size_t) const override { return {}; }
  std::vector<core::MethodExample> Examples() const override { return {}; }

 private:
  core::MethodHandler HandlerFor(const google::protobuf::MethodDescriptor& method) {
    core::MethodHandler handler;
    handler.method = &method;
    auto refuse = absl::UnimplementedError("not in the fake");
    switch (core::ShapeOf(method)) {
      case core::CallShape::kUnary: {
        auto it = unary_.find(method.name());
        Unary fn =
            it != unary_.end() ? it->second : [refuse](const Message&, Message&) { return refuse; };
        handler.unary = [fn](const core::CallContext&, const Message& in, Message& out) {
          return fn(in, out);
        };
        break;
      }
      case core::CallShape::kServerStreaming:
        handler.server_stream = [refuse](const core::CallContext&, const Message&) {
          return refuse;
        };
        break;
      default:
        handler.request_stream = [refuse](const core::CallContext&) { return refuse; };
    }
    return handler;
  }

  std::string name_;
  const google::protobuf::ServiceDescriptor& service_;
  std::map<std::string, Unary> unary_;
};

bool WellFormedId(const std::string& id) {
  return id.size() == 12 && id.find_first_not_of("0123456789") == std::string::npos;
}

std::unique_ptr<core::Connector> Population(
    std::shared_ptr<TestGateway::HouseholdControl> control) {
  std::map<std::string, FakeConnector::Unary> unary;
  unary["GetCitizen"] = [](const Message& in, Message& out) {
    const auto& request = static_cast<const pop::GetCitizenRequest&>(in);
    if (!WellFormedId(request.personal_id())) {
      return core::FieldViolation("personal_id", "must be twelve digits");
    }
    if (request.personal_id() != kKnownId) return core::NotFound("citizen", "no such citizen");
    auto* citizen = static_cast<pop::GetCitizenResponse&>(out).mutable_citizen();
    citizen->set_personal_id(request.personal_id());
    citizen->set_full_name(std::string(kKnownName));
    citizen->mutable_date_of_birth()->set_year(2003);
    return absl::OkStatus();
  };
  unary["VerifyCitizen"] = [](const Message& in, Message& out) {
    const auto& request = static_cast<const pop::VerifyCitizenRequest&>(in);
    if (request.personal_id() != kKnownId) return core::NotFound("citizen", "no such citizen");
    auto& response = static_cast<pop::VerifyCitizenResponse&>(out);
    bool same = request.full_name() == kKnownName;
    response.set_full_name(same ? ndxp::common::v1::MATCH_RESULT_MATCH
                                : ndxp::common::v1::MATCH_RESULT_MISMATCH);
    response.set_matched(same);
    return absl::OkStatus();
  };
  unary["GetHousehold"] = [control](const Message& in, Message& out) {
    control->entered.fetch_add(1);
    int ms = control->delay_ms.load();
    if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    const auto& request = static_cast<const pop::GetHouseholdRequest&>(in);
    static_cast<pop::GetHouseholdResponse&>(out).mutable_household()->set_household_id(
        request.household_id());
    return absl::OkStatus();
  };
  return std::make_unique<FakeConnector>(
      "population", *pop::GetCitizenRequest::descriptor()->file()->service(0), std::move(unary));
}

// ListEnterprises echoes its request, so that tests see how query parameters were bound:
// next_page_token = "<province>|<page_token>|<registered_since.year>", total_size = page_size.
std::unique_ptr<core::Connector> Business() {
  std::map<std::string, FakeConnector::Unary> unary;
  unary["ListEnterprises"] = [](const Message& in, Message& out) {
    const auto& request = static_cast<const biz::ListEnterprisesRequest&>(in);
    auto& response = static_cast<biz::ListEnterprisesResponse&>(out);
    response.set_next_page_token(core::Cat(request.province_code(), "|", request.page_token(), "|",
                                           request.registered_since().year()));
    response.set_total_size(request.page_size());
    return absl::OkStatus();
  };
  return std::make_unique<FakeConnector>(
      "business", *biz::GetEnterpriseRequest::descriptor()->file()->service(0), std::move(unary));
}

}  // namespace

TestGateway::TestGateway() {
  auto added = adapters::AddInProcessConnector(routes_, Population(household_));
  if (added.ok()) added = adapters::AddInProcessConnector(routes_, Business());
  if (!added.ok()) throw std::runtime_error(std::string(added.message()));
  gateway::v1::GatewayConfig config;
  gateway::v1::Client* client = config.add_clients();
  client->set_id(std::string(kClientId));
  client->set_display_name("Một cửa TP HCM");
  client->add_api_key_sha256(auth::Sha256Hex(kApiKey));
  client->add_allow()->set_method("*");
  auto clients = auth::RegistrySource::Open(config, {}, &routes_, nullptr);
  if (!clients.ok()) throw std::runtime_error(std::string(clients.status().message()));
  clients_ = *std::move(clients);
  factories_.push_back(std::make_unique<stages::MetricsStageFactory>(registry_, 1));
  factories_.push_back(std::make_unique<stages::TraceContextStageFactory>());
  factories_.push_back(std::make_unique<stages::DrainStageFactory>(drain_gate_));
  factories_.push_back(
      std::make_unique<stages::DeadlineStageFactory>(gateway::v1::Limits(),
                                                     absl::flat_hash_map<std::string, absl::Duration>()));
  factories_.push_back(std::make_unique<auth::DeclarationFactory>());
  factories_.push_back(std::make_unique<auth::IdentifyFactory>(
      *clients_, nullptr, auth::AcceptedCredentials{}, auth::AcceptedCredentials{}, registry_));
  factories_.push_back(std::make_unique<stages::NoRouteStageFactory>());
  std::vector<core::StageFactory*> order;
  for (auto& factory : factories_) order.push_back(factory.get());
  pipeline_ = std::make_unique<Pipeline>(routes_, order, registry_);
}

Response AnswerNow(const std::function<void(Respond)>& act) {
  std::optional<Answer> answer;
  act([&answer](Answer a) { answer = std::move(a); });
  if (!answer) throw std::runtime_error("the handler did not answer before returning");
  if (answer->written) answer->written(true);
  return std::move(answer->response);
}

Response HandleNow(const HttpHandler& handler, const Request& request) {
  return AnswerNow([&](Respond respond) { handler.Handle(request, std::move(respond)); });
}

TestGateway::~TestGateway() = default;

Request MakeRequest(beast_http::verb method, std::string_view target, std::string body,
                    std::string_view content_type, std::string_view api_key) {
  Request request{method, boost::beast::string_view(target.data(), target.size()), 11};
  request.set(beast_http::field::host, "localhost");
  if (!content_type.empty()) {
    request.set(beast_http::field::content_type,
                boost::beast::string_view(content_type.data(), content_type.size()));
  }
  if (!api_key.empty()) request.set(kApiKeyHeader, api_key);
  request.body() = std::move(body);
  request.prepare_payload();
  return request;
}

}  // namespace ndxp::server::http::testing
