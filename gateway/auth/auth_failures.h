#pragma once
// ndxp_gateway_auth_failures_total{protocol,reason}: calls refused because the caller could not be
// identified. One family per registry, shared by whichever identify stage the process runs.

#include "gateway/metrics/registry.h"

namespace ndxp::auth {

inline metrics::Family<metrics::Counter>& AddAuthFailures(metrics::Registry& registry) {
  return registry.AddCounter("ndxp_gateway_auth_failures_total",
                             "Calls refused because the caller could not be identified, by reason.",
                             {"protocol", "reason"});
}

}  // namespace ndxp::auth
