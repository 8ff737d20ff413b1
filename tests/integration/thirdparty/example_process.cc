#include "tests/integration/thirdparty/example_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace ndxp::example {

ExampleProcess::ExampleProcess(const std::string& binary, std::vector<std::string> extra) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
  std::vector<std::string> args = {binary, "--listen", "127.0.0.1:0"};
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  if (posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  stderr_fd_ = fds[0];
}

ExampleProcess::~ExampleProcess() {
  if (pid_ > 0 && !reaped_) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (stderr_fd_ >= 0) ::close(stderr_fd_);
}

int ExampleProcess::WaitUntilListening(std::chrono::milliseconds timeout) {
  std::smatch match;
  if (port_ == 0 &&
      WaitFor(std::regex("example listening on 127\\.0\\.0\\.1:([0-9]+)\n"), match, timeout)) {
    port_ = std::stoi(match[1].str());
  }
  return port_;
}

bool ExampleProcess::WaitFor(const std::regex& pattern, std::smatch& match,
                             std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!std::regex_search(output_, match, pattern)) {
    if (!ReadSome(deadline)) return false;
  }
  return true;
}

int ExampleProcess::WaitForExit(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return -1;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (ReadSome(deadline)) {
  }
  if (!closed_) return -1;  // stderr still open: the process is still running
  int status = 0;
  ::waitpid(pid_, &status, 0);
  reaped_ = true;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool ExampleProcess::ReadSome(std::chrono::steady_clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  if (closed_ || stderr_fd_ < 0 || left.count() <= 0) return false;
  pollfd p{stderr_fd_, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
  char buffer[4096];
  ssize_t n = ::read(stderr_fd_, buffer, sizeof buffer);
  if (n <= 0) {
    closed_ = true;
    return false;
  }
  output_.append(buffer, static_cast<std::size_t>(n));
  return true;
}

}  // namespace ndxp::example
