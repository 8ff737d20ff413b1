#pragma once
// Waiting for a line in a file that another process appends to (the gateway's access log): the
// file is re-read when inotify reports a change in its directory, and the wait is bounded. No
// polling, no sleeping.
//
// Header-only: the support library's source list lives in tests/integration/CMakeLists.txt.

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace ndxp::testing {

// Every whole line (ended by a newline) of the file at `path` that contains every one of
// `needles`; none when the file is absent.
inline std::vector<std::string> LinesWith(const std::string& path,
                                          const std::vector<std::string>& needles) {
  std::vector<std::string> out;
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  for (std::size_t start = 0, end; (end = all.find('\n', start)) != std::string::npos;
       start = end + 1) {
    std::string_view line(all.data() + start, end - start);
    bool match = true;
    for (const auto& needle : needles) match = match && line.find(needle) != line.npos;
    if (match) out.emplace_back(line);
  }
  return out;
}

// Waits until the file at `path` has a whole line containing every one of `needles`, at most
// `timeout`; returns the first such line, or "" when none came in time.
inline std::string WaitForLineWith(const std::string& path, const std::vector<std::string>& needles,
                                   std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return "";
  // The directory, not the file: the file may not exist yet, and a watch on it would miss that.
  std::string dir = std::filesystem::path(path).parent_path().string();
  inotify_add_watch(fd, dir.empty() ? "." : dir.c_str(),
                    IN_MODIFY | IN_CREATE | IN_CLOSE_WRITE | IN_MOVED_TO);
  std::string found;
  for (;;) {
    // Watching began before this read: a line written after it raises an event.
    auto lines = LinesWith(path, needles);
    if (!lines.empty()) {
      found = lines.front();
      break;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;  // timeout: one last read
    char events[4096];
    while (read(fd, events, sizeof events) > 0) {
    }
  }
  close(fd);
  return found;
}

}  // namespace ndxp::testing
