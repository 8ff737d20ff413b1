// JSON request bodies as the Connect and REST handlers parse them (strict check, depth bound, then
// protobuf's JSON mapping), on arbitrary bytes, into two messages: a population request (what
// callers send) and the gateway's configuration (nested messages, repeated fields, enums,
// durations). A body that parses renders back to JSON that parses to an equal message; a refusal
// is INVALID_ARGUMENT.
#include <google/protobuf/util/message_differencer.h>

#include <cstdint>
#include <string>

#include "gateway/core/route_table.h"
#include "gateway/metrics/registry.h"
#include "gateway/server/http/json_body.h"
#include "gateway/server/pipeline.h"
#include "ndxp/gateway/v1/config.pb.h"
#include "ndxp/population/v1/population.pb.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using ndxp::server::Pipeline;

const Pipeline& ThePipeline() {
  static ndxp::core::RouteTable* routes = new ndxp::core::RouteTable();
  static ndxp::metrics::Registry* registry = new ndxp::metrics::Registry();
  static Pipeline* pipeline = new Pipeline(*routes, {}, *registry);
  return *pipeline;
}

void CheckRoundTrip(std::string_view body, google::protobuf::Message& into,
                    google::protobuf::Message& again) {
  using namespace ndxp::server::http;
  const absl::Status status =
      ParseJsonBody(ThePipeline(), ndxp::core::Protocol::kConnect, body, 16, into);
  if (!status.ok()) {
    NDXP_FUZZ_CHECK(status.code() == absl::StatusCode::kInvalidArgument);
    return;
  }
  std::string rendered;
  NDXP_FUZZ_CHECK(RenderJson(into, rendered).ok());
  const absl::Status back =
      ParseJsonBody(ThePipeline(), ndxp::core::Protocol::kConnect, rendered, 64, again);
  NDXP_FUZZ_CHECK(back.ok());
  NDXP_FUZZ_CHECK(google::protobuf::util::MessageDifferencer::Equals(into, again));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = ndxp::fuzz::AsText(data, size);
  ndxp::population::v1::VerifyCitizenRequest request, request_again;
  CheckRoundTrip(body, request, request_again);
  ndxp::gateway::v1::GatewayConfig config, config_again;
  CheckRoundTrip(body, config, config_again);
  return 0;
}
