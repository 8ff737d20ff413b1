#include "gateway/tls/file_watch.h"

#include <sys/stat.h>

namespace ndxp::tls {

FileWatch::FileWatch(std::vector<std::string> paths, absl::Duration interval,
                     std::function<void()> on_change)
    : paths_(std::move(paths)), interval_(interval), on_change_(std::move(on_change)) {
  for (const auto& path : paths_) stamps_.push_back(Look(path));
  thread_ = std::thread([this] { Run(); });
}

FileWatch::~FileWatch() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  thread_.join();
}

FileWatch::Stamp FileWatch::Look(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Stamp{};
  return Stamp{true, static_cast<unsigned long>(st.st_ino), static_cast<long long>(st.st_size),
               static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

void FileWatch::Run() {
  for (;;) {
    {
      absl::MutexLock lock(&mu_);
      auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stop_; };
      if (mu_.AwaitWithTimeout(absl::Condition(&stopping), interval_)) return;
    }
    bool changed = false;
    for (std::size_t i = 0; i < paths_.size(); ++i) {
      Stamp now = Look(paths_[i]);
      if (!(now == stamps_[i])) changed = true;
      stamps_[i] = now;
    }
    if (changed) on_change_();
  }
}

}  // namespace ndxp::tls
