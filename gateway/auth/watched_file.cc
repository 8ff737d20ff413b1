#include "gateway/auth/watched_file.h"

#include <sys/stat.h>

namespace ndxp::auth {

WatchedFile::WatchedFile(std::string path, std::string label)
    : path_(std::move(path)), label_(std::move(label)), seen_(Stat()) {}

WatchedFile::State WatchedFile::Stat() const {
  State state;
  struct stat info {};
  if (::stat(path_.c_str(), &info) != 0) return state;
  state.exists = true;
  state.mtime_ns = static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec;
  state.size = static_cast<long long>(info.st_size);
  state.inode = static_cast<unsigned long long>(info.st_ino);
  return state;
}

bool WatchedFile::Changed() {
  State now = Stat();
  if (now == seen_) return false;
  seen_ = now;
  return true;
}

}  // namespace ndxp::auth
