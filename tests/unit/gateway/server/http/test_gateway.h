#pragma once
// A pipeline over fake in-test connectors (population and business registry, canned answers), with
// the gateway's chain of stages but the access log (metrics, trace context, drain, deadline, API
// key with one client, declaration, no route): what the HTTP listener's tests run against.

#include <atomic>
#include <functional>
#include <vector>
#include <memory>
#include <string>
#include <string_view>

#include "gateway/auth/registry_source.h"
#include "gateway/core/route_table.h"
#include "gateway/metrics/registry.h"
#include "gateway/core/stage.h"
#include "gateway/server/http/http_handler.h"
#include "gateway/server/http/http_message.h"
#include "gateway/server/limits.h"
#include "gateway/server/pipeline.h"
#include "gateway/server/serving_state.h"
#include "gateway/stages/drain/drain_stage.h"

namespace ndxp::server::http::testing {

inline constexpr std::string_view kApiKey = "ndxp_test_key_for_http_listener_tests";
inline constexpr std::string_view kClientId = "VN:PROV:79:ONESTOP";
inline constexpr std::string_view kKnownId = "079203001234";
inline constexpr std::string_view kKnownName = "Nguyễn Thị Hương";
inline constexpr std::string_view kPopulation = "/ndxp.population.v1.PopulationService";

class TestGateway {
 public:
  TestGateway();
  ~TestGateway();
  TestGateway(const TestGateway&) = delete;
  TestGateway& operator=(const TestGateway&) = delete;

  Pipeline& pipeline() { return *pipeline_; }
  stages::DrainGate& drain_gate() { return drain_gate_; }
  metrics::Registry& registry() { return registry_; }
  ServingState& state() { return state_; }
  InputLimits& limits() { return limits_; }
  // GetHousehold sleeps this long before answering (to hold a request in flight).
  std::atomic<int>& household_delay_ms() { return household_->delay_ms; }
  // GetHousehold calls that have started.
  std::atomic<int>& households_entered() { return household_->entered; }

  struct HouseholdControl {
    std::atomic<int> delay_ms{0};
    std::atomic<int> entered{0};
  };

 private:
  std::shared_ptr<HouseholdControl> household_ = std::make_shared<HouseholdControl>();
  core::RouteTable routes_;
  std::unique_ptr<auth::RegistrySource> clients_;
  metrics::Registry registry_;
  stages::DrainGate drain_gate_;
  std::vector<std::unique_ptr<core::StageFactory>> factories_;
  std::unique_ptr<Pipeline> pipeline_;
  ServingState state_;
  InputLimits limits_;
};

// Handles `request` and returns its answer, which must come before Handle returns (the fake
// connectors answer inline); the answer is reported written, which ends the call.
Response HandleNow(const HttpHandler& handler, const Request& request);
// The same for the handler's refusals: `act` is given the Respond to pass on.
Response AnswerNow(const std::function<void(Respond)>& act);

// A request as a client would send it; with the test API key unless `api_key` is empty.
Request MakeRequest(beast_http::verb method, std::string_view target, std::string body = "",
                    std::string_view content_type = "", std::string_view api_key = kApiKey);

}  // namespace ndxp::server::http::testing
