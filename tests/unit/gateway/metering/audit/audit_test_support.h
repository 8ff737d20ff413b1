#pragma once
// Shared by the audit log's unit tests: a temporary directory, keys made in it, file edits.

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "gateway/metering/audit/audit_keys.h"

namespace ndxp::metering::audit::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ndxp-audit-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data()) != nullptr ? pattern : "";
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// A signing key and its public key in `dir`.
struct Keys {
  std::unique_ptr<SealSigner> signer;
  std::unique_ptr<SealVerifier> verifier;
};
inline Keys MakeKeys(const std::string& dir) {
  Keys keys;
  auto signer = SealSigner::Open(dir + "/audit-ec.pem", dir + "/audit-ec.pub.pem", true, "k");
  EXPECT_TRUE(signer.ok()) << signer.status();
  keys.signer = *std::move(signer);
  auto verifier = SealVerifier::Open(dir + "/audit-ec.pub.pem");
  EXPECT_TRUE(verifier.ok()) << verifier.status();
  keys.verifier = *std::move(verifier);
  return keys;
}

}  // namespace ndxp::metering::audit::testing
