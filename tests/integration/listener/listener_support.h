#pragma once
// What the gRPC listener's integration tests share: a gateway of their own configuration, plain
// HTTP GETs of /metrics and /readyz, metric samples, access-log lines by request id, the
// google.rpc.ErrorInfo of a status, and the resident memory of a process.

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "tests/integration/grpc_fixture.h"
#include "tests/integration/support/gateway_process.h"
#include "tests/integration/support/test_config.h"

namespace ndxp::testing {

inline constexpr const char* kTestClient = "VN:PROV:79:ONESTOP";
inline constexpr const char* kPopulation = "ndxp.population.v1.PopulationService";
inline constexpr const char* kBusiness = "ndxp.business.v1.BusinessRegistryService";

// A gateway started with WriteGatewayConfig(sections) and its access log in a file.
struct StartedGateway {
  std::unique_ptr<GatewayProcess> process;
  std::string config_path;
  std::string access_log;  // the file; "" when the log goes to standard output
};
StartedGateway StartGateway(const std::string& sections,
                            AccessLogTo to = AccessLogTo::kFile, bool unread_stdout = false);

// A channel of its own (its own subchannel and connection, never shared with another channel).
std::shared_ptr<grpc::Channel> OwnChannel(const std::string& target);

// `count` ids that exist in the data of the gateway configured by `config_path`.
std::vector<std::string> SampleIdsFor(const std::string& config_path, const std::string& connector,
                                      int count);

struct HttpResult {
  int status = 0;  // 0: no answer
  std::string body;
};
// GET http://127.0.0.1:port/path over HTTP/1.1; every socket operation is bounded.
HttpResult HttpGet(int port, const std::string& path);

// The value of one series in Prometheus text (e.g. `name{a="b"}`), 0 when absent.
double MetricValue(const std::string& exposition, const std::string& series);
double ScrapeMetric(int http_port, const std::string& series);
// ndxp_gateway_requests_total{protocol="grpc",client=..,service=..,method=..,code=..}.
std::string GrpcRequestsSeries(const std::string& client, const std::string& service,
                               const std::string& method, const std::string& code);
// Reads /metrics until `series` is at least `value`, at most `attempts` times back to back (for
// a counter that is raised just after an event the caller already waited for).
double MetricReaching(int http_port, const std::string& series, double value, int attempts = 50);

// The access-log line of the call with `request_id`, waited for (bounded); "" when none came.
std::string WaitForAccessLine(const std::string& access_log, const std::string& request_id,
                              std::chrono::milliseconds timeout = std::chrono::seconds(5));

std::vector<std::string> DetailTypes(const grpc::Status& status);

// The value of an initial-metadata entry the server sent, "" when absent.
std::string ServerHeader(const grpc::ClientContext& ctx, const std::string& name);

// Resident set size of a process, from /proc/PID/statm; -1 when it cannot be read.
std::int64_t ResidentBytes(pid_t pid);

// A context with the test API key, a request id and a deadline `in` from now.
std::unique_ptr<grpc::ClientContext> CallContext(const std::string& request_id,
                                                 std::chrono::milliseconds in);

// Cancels a call that has no deadline of its own unless Done() comes within `bound`, so that a
// gateway that never ends the call fails the test (CANCELLED) instead of hanging it.
class Watchdog {
 public:
  Watchdog(grpc::ClientContext* ctx, std::chrono::milliseconds bound);
  ~Watchdog();
  void Done();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

// A suite's own gateway, started once per suite from Suite::Sections() (YAML sections for
// WriteGatewayConfig) and stopped after the suite.
template <typename Suite>
class GatewaySuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    gateway_ = new StartedGateway(StartGateway(Suite::Sections()));
    listening_ = gateway_->process->WaitUntilListening();
  }
  static void TearDownTestSuite() {
    delete gateway_;
    gateway_ = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(listening_) << gateway_->process->Stderr(); }

  static GatewayProcess& gateway() { return *gateway_->process; }
  static const std::string& access_log() { return gateway_->access_log; }
  static const std::string& config_path() { return gateway_->config_path; }

 private:
  static inline StartedGateway* gateway_ = nullptr;
  static inline bool listening_ = false;
};

}  // namespace ndxp::testing
