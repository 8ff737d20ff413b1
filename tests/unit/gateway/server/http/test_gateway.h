#pragma once
// A CallPipeline over fake in-test connectors (population and business registry, canned answers),
// one API client, a metrics registry and a disabled access log: what the HTTP listener's tests
// run against.

#include <atomic>
#include <memory>
#include <string>
#include <string_view>

#include "gateway/auth/client_registry.h"
#include "gateway/core/route_table.h"
#include "gateway/metrics/registry.h"
#include "gateway/server/access_log.h"
#include "gateway/server/call_pipeline.h"
#include "gateway/server/http/http_message.h"
#include "gateway/server/limits.h"
#include "gateway/server/serving_state.h"

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

  CallPipeline& pipeline() { return *pipeline_; }
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
  auth::ApiKeyAuthenticator authenticator_;
  metrics::Registry registry_;
  std::unique_ptr<AccessLog> access_log_;
  std::unique_ptr<CallPipeline> pipeline_;
  ServingState state_;
  InputLimits limits_;
};

// A request as a client would send it; with the test API key unless `api_key` is empty.
Request MakeRequest(beast_http::verb method, std::string_view target, std::string body = "",
                    std::string_view content_type = "", std::string_view api_key = kApiKey);

}  // namespace ndxp::server::http::testing
