#pragma once
// The development PKI of scripts/dev-ca.sh, made once per test process in a temp dir (removed at
// exit), for the TLS unit tests: DevCa().file("client-79.crt").

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

#include <gtest/gtest.h>

namespace ndxp::tls::testing {

class DevCaDir {
 public:
  DevCaDir() {
    char pattern[] = "/tmp/ndxp-tls-unit.XXXXXX";
    const char* made = mkdtemp(pattern);
    if (made == nullptr) std::abort();
    dir_ = made;
    const std::string command = std::string("bash ") + NDXP_SOURCE_DIR + "/scripts/dev-ca.sh " +
                                dir_ + " >/dev/null";
    if (std::system(command.c_str()) != 0) std::abort();
  }
  ~DevCaDir() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  std::string file(const std::string& name) const { return dir_ + "/" + name; }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

inline const DevCaDir& DevCa() {
  static const DevCaDir* ca = new DevCaDir();  // made once; removed by the atexit below
  static const bool cleanup = [] {
    std::atexit([] { delete ca; });
    return true;
  }();
  (void)cleanup;
  return *ca;
}

}  // namespace ndxp::tls::testing
