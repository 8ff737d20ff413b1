// Prints a registry's exposition with one family of each kind, tricky label values and the process
// collector. CTest pipes it through `promtool check metrics`, which parses and lints it.

#include <iostream>

#include "gateway/metrics/histogram.h"
#include "gateway/metrics/process_collector.h"
#include "gateway/metrics/registry.h"

using ndxp::metrics::DefaultLatencyBuckets;
using ndxp::metrics::Registry;

int main() {
  Registry registry;
  auto& requests = registry.AddCounter(
      "ndxp_gateway_requests_total",
      "Calls handled, by client, method and code.\nHelp with a backslash \\ and \"quotes\".",
      {"client", "method", "code"});
  requests
      .WithLabels({"Hệ thống một cửa", "/ndxp.population.v1.PopulationService/GetCitizen", "OK"})
      .Inc(12);
  requests.WithLabels({"say \"hi\"", "back\\slash", "NOT_FOUND"}).Inc();
  requests.WithLabels({"two\nlines", "Cổng dịch vụ công", "UNAVAILABLE"}).Inc(3);

  auto& in_flight = registry.AddGauge("ndxp_gateway_in_flight_requests", "Calls being handled now.",
                                      {"connector"});
  in_flight.WithLabels({"population"}).Set(4);
  in_flight.WithLabels({"đăng ký \"kinh doanh\""}).Dec(0.5);

  auto& latency =
      registry.AddHistogram("ndxp_gateway_request_duration_seconds", "Time to answer a call.",
                            {"method", "client"}, DefaultLatencyBuckets());
  auto& get = latency.WithLabels({"GetCitizen", "Hệ thống một cửa"});
  for (double v : {0.00005, 0.0001, 0.0003, 0.002, 0.04, 0.7, 11.0}) get.Observe(v);
  latency.WithLabels({"Search\\All", "\"quoted\"\n"}).Observe(0.25);

  registry.AddCounter("ndxp_auth_failures_total", "Failed authentications (none yet).", {"method"});
  registry.AddGauge("ndxp_build_info", "Build information.", {"version"})
      .WithLabels({"0.1.0"})
      .Set(1);

  ndxp::metrics::AddProcessCollector(registry);
  std::cout << registry.Render();
  return std::cout.good() ? 0 : 1;
}
