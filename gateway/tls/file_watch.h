#pragma once
// Notices when TLS files are replaced: every `interval`, stat() each path (following symlinks, so
// that a swapped symlink or a renamed-over file counts) and call `on_change` on the watch's own
// thread when any file's inode, size or modification time differs from the last look. Stops
// (promptly, without waiting for the interval) when destroyed.

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <absl/base/thread_annotations.h>
#include <absl/synchronization/mutex.h>
#include <absl/time/time.h>

namespace ndxp::tls {

// How often the listeners look at their certificate files (and gRPC's file watcher re-reads them).
inline constexpr absl::Duration kReloadCheckInterval = absl::Seconds(1);

class FileWatch {
 public:
  FileWatch(std::vector<std::string> paths, absl::Duration interval,
            std::function<void()> on_change);
  ~FileWatch();
  FileWatch(const FileWatch&) = delete;
  FileWatch& operator=(const FileWatch&) = delete;

 private:
  struct Stamp {
    bool present = false;
    unsigned long inode = 0;
    long long size = 0;
    long long mtime_ns = 0;
    bool operator==(const Stamp&) const = default;
  };
  static Stamp Look(const std::string& path);
  void Run();

  const std::vector<std::string> paths_;
  const absl::Duration interval_;
  const std::function<void()> on_change_;
  std::vector<Stamp> stamps_;
  absl::Mutex mu_;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace ndxp::tls
