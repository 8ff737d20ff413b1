#pragma once
// A gateway started once per test suite with a test configuration, plus gRPC channels and
// sample ids for it.

#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "tests/integration/support/gateway_process.h"

namespace ndxp::testing {

inline constexpr const char* kTestApiKey = "ndxp_test_key_for_integration_tests_0001";

// Writes the test configuration (clients, limits, access log file) into a fresh temp dir and
// returns its path. `access_log` receives the access log path.
std::string WriteTestConfig(std::string* access_log, std::string_view extra_yaml = "");

// `count` ids from `ndxpctl data sample` (same defaults as the gateway).
std::vector<std::string> SampleIds(const std::string& connector, int count);

// The google.rpc.ErrorInfo reason in a status's details, or "" when it has none.
std::string ErrorInfoReason(const grpc::Status& status);

// A ClientContext carrying the test API key (or `key` when given).
std::unique_ptr<grpc::ClientContext> AuthedContext(const char* key = kTestApiKey);

class GatewayTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  static std::shared_ptr<grpc::Channel> Channel();

  static inline GatewayProcess* gateway_ = nullptr;
  static inline std::string access_log_path_;
};

}  // namespace ndxp::testing
