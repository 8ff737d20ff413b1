#include "gateway/metering/data_dir_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "gateway/core/strings.h"

namespace ndxp::metering {

absl::StatusOr<std::unique_ptr<DataDirLock>> DataDirLock::Acquire(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return absl::FailedPreconditionError(
        core::Cat("data_dir: cannot make '", dir, "': ", ec.message()));
  }
  const std::string path = dir + "/LOCK";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::FailedPreconditionError(
        core::Cat("data_dir: cannot open '", path, "': ", std::strerror(errno)));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return absl::FailedPreconditionError(core::Cat(
          "data_dir: '", dir, "' is in use by another gateway (", path,
          " is locked); give each gateway its own directory (--data-dir, NDXP_DATA_DIR)"));
    }
    return absl::FailedPreconditionError(
        core::Cat("data_dir: cannot lock '", path, "': ", std::strerror(err)));
  }
  return std::unique_ptr<DataDirLock>(new DataDirLock(dir, fd));
}

DataDirLock::~DataDirLock() { ::close(fd_); }

}  // namespace ndxp::metering
