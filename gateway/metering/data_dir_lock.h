#pragma once
// The data directory of one gateway: made when missing (mode 0700) and locked (flock on
// data_dir/LOCK) for as long as the gateway runs, so that two gateways never write the same
// ledger or audit log. A second gateway on the same directory fails to start with a message that
// names it.

#include <memory>
#include <string>

#include <absl/status/statusor.h>

namespace ndxp::metering {

class DataDirLock {
 public:
  static absl::StatusOr<std::unique_ptr<DataDirLock>> Acquire(const std::string& dir);
  ~DataDirLock();
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;

  const std::string& dir() const { return dir_; }

 private:
  DataDirLock(std::string dir, int fd) : dir_(std::move(dir)), fd_(fd) {}
  std::string dir_;
  int fd_;
};

}  // namespace ndxp::metering
