#include "adapters/upstream/upstream_status.h"

#include <spdlog/spdlog.h>

#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::adapters {
namespace {

// "ndxp.population.v1.PopulationService" of "/ndxp.population.v1.PopulationService/GetCitizen".
std::string_view ServiceOf(std::string_view full_method) {
  if (full_method.starts_with('/')) full_method.remove_prefix(1);
  return full_method.substr(0, full_method.find('/'));
}

}  // namespace

absl::Status UpstreamCallStatus(const grpc::Status& status, const grpc::ClientContext& context,
                                std::string_view full_method) {
  const bool transport_failure = status.error_code() == grpc::StatusCode::UNAVAILABLE &&
                                 status.error_details().empty() &&
                                 context.GetServerTrailingMetadata().empty();
  if (!transport_failure) return core::FromGrpcStatus(status);
  spdlog::debug("upstream call {} failed: {}", full_method, status.error_message());
  const std::string_view service = ServiceOf(full_method);
  return core::ErrorWithReason(
      absl::StatusCode::kUnavailable,
      core::Cat("the upstream serving ", service,
                " could not be reached or closed the connection; retry the call"),
      kUpstreamUnavailable, {{"service", service}});
}

}  // namespace ndxp::adapters
