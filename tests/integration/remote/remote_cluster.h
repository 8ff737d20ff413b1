#pragma once
// The processes behind the remote-upstream integration tests, each started on first use and
// shared by every test of the binary (so a whole run starts each once, and a single test run by
// CTest starts only what it needs); stopped at the end of the run, gateways first.
//
//   connector 0, 1   ndxp-connector --connector population,business, the shared caller-assertion
//                    key, an access log each; connector 0 also serves HTTP (/metrics)
//   example          the example third-party server (example.v1.LookupService)
//   remote           gateway: population (least_request) and business (round_robin) on both
//                    connectors, example.v1.LookupService on the example server; nothing in-process
//   inprocess        gateway: the embedded default connectors in-process (same seeds and scales)
//   mixed            gateway: business in-process, population on both connectors, the example
//                    service on the example server (no timeout)
//   timeout          gateway: example.v1.LookupService with upstreams[].timeout 1s, the built-in
//                    connectors in-process
// Accessors return nullptr (after recording a test failure with the process's output) when a
// process could not start.
//
// Helpers for what the tests observe: /metrics over HTTP, a metric's value, the access log lines.

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "tests/integration/grpc_fixture.h"
#include "tests/integration/remote/example_server_process.h"
#include "tests/integration/support/gateway_process.h"

namespace ndxp::testing {

inline constexpr const char* kPopulationService = "ndxp.population.v1.PopulationService";
inline constexpr const char* kBusinessService = "ndxp.business.v1.BusinessRegistryService";
inline constexpr const char* kLookupService = "example.v1.LookupService";

// A process and what the tests read of it.
struct Started {
  std::unique_ptr<GatewayProcess> process;
  std::string access_log;  // its access log file
  std::string config;      // its configuration file
};

class RemoteCluster {
 public:
  static RemoteCluster& Get();
  // Stops every process, gateways first (the test environment calls it at the end).
  static void StopAll();

  // A temp dir of the cluster's own files, and the caller-assertion key file in it.
  const std::string& dir() const { return dir_; }
  const std::string& key_file() const { return key_file_; }

  Started* connector(int index);  // 0 or 1
  ExampleServerProcess* example();
  Started* remote();
  Started* inprocess();
  Started* mixed();
  Started* timeout();

  // Writes a configuration for ndxp-connector (key file, access log) and returns its path.
  std::string WriteConnectorConfig(const std::string& name, std::string* access_log) const;
  // Starts ndxp-connector on it; `http` adds --http-listen 127.0.0.1:0.
  std::unique_ptr<Started> StartConnector(const std::string& name, bool http) const;
  // Starts a gateway with the test configuration (WriteTestConfig: one client, key kTestApiKey)
  // plus `extra_yaml`, and the shared key as upstream_identity.key_file.
  std::unique_ptr<Started> StartGateway(const std::string& extra_yaml) const;

 private:
  RemoteCluster();
  Started* Keep(std::unique_ptr<Started>& slot, const char* what,
                const std::function<std::unique_ptr<Started>()>& start);

  std::string dir_;
  std::string key_file_;
  std::unique_ptr<Started> connectors_[2];
  std::unique_ptr<ExampleServerProcess> example_;
  std::unique_ptr<Started> remote_, inprocess_, mixed_, timeout_;
};

// YAML for one upstreams[] entry (indented for the `upstreams:` list).
std::string UpstreamYaml(const std::string& service, const std::vector<std::string>& endpoints,
                         const std::string& extra_keys = "");

// A channel to a process's gRPC port.
std::shared_ptr<grpc::Channel> ChannelTo(const GatewayProcess& process);
std::shared_ptr<grpc::Channel> ChannelTo(const std::string& target);

// GET http://127.0.0.1:<port><path>; the body, or "" on failure (bounded by `timeout`).
std::string HttpGet(int port, const std::string& path,
                    std::chrono::milliseconds timeout = std::chrono::seconds(10));

// Sum of the values of metric `name` over the series whose labels include every one of `labels`
// (e.g. {"upstream=\"population\""}), in Prometheus text `exposition`; 0 when none matches.
double MetricSum(const std::string& exposition, const std::string& name,
                 const std::vector<std::string>& labels = {});

// The first line of any of `paths` that contains `needle`, waiting (bounded, on inotify events of
// the files' directories) for it to be written; "" when it did not appear in time.
std::string WaitForLine(const std::vector<std::string>& paths, const std::string& needle,
                        std::chrono::milliseconds timeout = std::chrono::seconds(10));

// The value of a string member of a one-line JSON object, e.g. JsonField(line, "trace_id").
std::string JsonField(const std::string& line, const std::string& name);


}  // namespace ndxp::testing
