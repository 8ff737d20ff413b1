#pragma once
// Gateway configurations for integration tests that need sections of their own (limits, grpc,
// connectors, shutdown): the test client (API key kTestApiKey), the access log, and the caller's
// YAML sections, written into a fresh temp dir. WriteTestConfig (grpc_fixture.h) writes fixed
// `limits` and `shutdown` sections, which a caller cannot override without a duplicate key.
//
// Header-only: the support library's source list lives in tests/integration/CMakeLists.txt.

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <openssl/evp.h>

#include "tests/integration/support/gateway_process.h"

#include "tests/integration/grpc_fixture.h"

namespace ndxp::testing {

// Lowercase hex SHA-256 of `text`, as clients[].api_key_sha256 holds it.
inline std::string Sha256HexOf(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(text.data(), text.size(), digest, &len, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0xf]);
  }
  return out;
}

// Where the access log goes.
enum class AccessLogTo { kFile, kStandardOutput };

// Writes gateway.yaml into a fresh temp dir and returns its path: the test client, the access
// log (a file in that dir, whose path goes to *access_log_file, or standard output: path "-"),
// then `sections`, top-level YAML sections other than `clients` and `access_log`.
inline std::string WriteGatewayConfig(std::string_view sections, AccessLogTo to,
                                      std::string* access_log_file) {
  std::filesystem::path dir = MakeTestDir("ndxp-it-cfg");
  std::string log_path = to == AccessLogTo::kFile ? (dir / "access.log").string() : "-";
  if (access_log_file != nullptr) *access_log_file = to == AccessLogTo::kFile ? log_path : "";
  std::ofstream out(dir / "gateway.yaml");
  out << "clients:\n"
      << "  - id: \"VN:PROV:79:ONESTOP\"\n"
      << "    api_key_sha256: [\"" << Sha256HexOf(kTestApiKey) << "\"]\n"
      << "    purposes: [administrative-procedure]\n"
      << "    allow: [{method: \"*\"}]\n"
      << "access_log:\n"
      << "  path: \"" << log_path << "\"\n"
      << sections;
  return (dir / "gateway.yaml").string();
}

}  // namespace ndxp::testing
