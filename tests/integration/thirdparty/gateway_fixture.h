#pragma once
// The real ndxp-gateway in front of the real ndxp_example_lookup_server, routed by the example's
// descriptor set alone (upstreams[].descriptor_set), with the tools an integrator calls it with
// (curl, buf curl) run as child processes with a bound on their time.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "tests/integration/support/gateway_process.h"
#include "tests/integration/thirdparty/dynamic_client.h"
#include "tests/integration/thirdparty/example_process.h"

namespace ndxp::example {

inline constexpr const char* kService = "example.v1.LookupService";
inline constexpr const char* kLookup = "/example.v1.LookupService/Lookup";
inline constexpr const char* kListItems = "/example.v1.LookupService/ListItems";
inline constexpr const char* kSum = "/example.v1.LookupService/Sum";
inline constexpr const char* kEcho = "/example.v1.LookupService/Echo";

// Paths from CMake: the example's descriptor set, its server, buf.
std::string DescriptorSetPath();
std::string ExampleServerBinary();
std::string BufBinary();

// A fresh directory under the temp dir for one test's files ("" when it cannot be made).
std::string MakeTempDir();

// MakeTempDir's directory, removed with what it holds when destroyed.
class TempDir {
 public:
  TempDir() : path_(MakeTempDir()) {}
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The configuration lines routing the example (on `port`) by the descriptor set at `set_path`,
// plus upstream_identity.key_file when `key_file` is not empty; appended to WriteTestConfig's.
// Only the business connector runs in-process, on a small data set, so that the gateway starts
// fast: "ours" beside the example.
std::string ExampleUpstreamYaml(int port, const std::string& set_path,
                                const std::string& key_file = "");

class ThirdPartyGateway {
 public:
  // Starts the example server, then the gateway in front of it (with a caller-assertion key when
  // `with_identity_key`). Failures are reported by ok() and error().
  explicit ThirdPartyGateway(bool with_identity_key = true);
  ~ThirdPartyGateway();

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  ExampleProcess& example() { return *example_; }
  testing::GatewayProcess& gateway() { return *gateway_; }
  const std::string& access_log() const { return access_log_; }

  // A channel to the gateway's gRPC listener, and one straight to the example server.
  std::shared_ptr<grpc::Channel> Channel() const;
  std::shared_ptr<grpc::Channel> DirectChannel() const;
  std::string grpc_url() const;  // http://127.0.0.1:PORT of the gRPC listener
  std::string http_url() const;  // http://127.0.0.1:PORT of the HTTP listener

 private:
  std::string error_;
  std::string dir_;
  std::string access_log_;
  // Declared first: destroyed last, after the gateway whose upstream it is.
  std::unique_ptr<ExampleProcess> example_;
  std::unique_ptr<testing::GatewayProcess> gateway_;
};

struct CommandResult {
  int exit_code = -1;  // -1: did not end within the bound (it was killed)
  std::string output;  // stdout and stderr, interleaved
};
// Runs `argv`, reading its output until it ends or `timeout` passes (then SIGKILL).
CommandResult RunProcess(const std::vector<std::string>& argv,
                         std::chrono::milliseconds timeout = std::chrono::seconds(60));

struct HttpResult {
  int status = 0;       // HTTP status; 0 when curl failed
  std::string headers;  // the response headers as received, lowercase names not guaranteed
  std::string body;
  std::string curl_output;  // what curl said (errors)
};
// curl -sS with `args` (method, headers, data, URL), at most 20 s.
HttpResult Curl(const std::vector<std::string>& args);

// Waits until the file at `path` contains `text`, reading it again each time its directory
// changes (inotify), at most `timeout`. The file's content last read.
std::string WaitForFileContaining(const std::string& path, const std::string& text,
                                  std::chrono::milliseconds timeout);

// Reads a whole file ("" when it cannot be read).
std::string ReadWholeFile(const std::string& path);
bool WriteWholeFile(const std::string& path, const std::string& bytes);

// Suite fixture: one gateway (with the identity key) and one example server per test process.
class ThirdPartyGatewayTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;

  static ThirdPartyGateway& env() { return *env_; }
  static const DynamicSchema& schema() { return *schema_; }
  // A new message of the example's, from JSON; fails the test when it does not parse.
  static std::unique_ptr<google::protobuf::Message> Json(const std::string& type,
                                                         const std::string& json = "{}");

  static inline ThirdPartyGateway* env_ = nullptr;
  static inline DynamicSchema* schema_ = nullptr;
};

}  // namespace ndxp::example
