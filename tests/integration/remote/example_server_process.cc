#include "tests/integration/remote/example_server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <vector>

extern char** environ;

namespace ndxp::testing {
namespace {

// Polls waitpid until the child exits or `timeout` passes; true when it exited.
bool Reap(pid_t pid, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return true;
    if (std::chrono::steady_clock::now() > deadline) return false;
    // A child's exit has no descriptor to wait on here (as in GatewayProcess::Wait).
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

std::string ExampleServerBinary() { return NDXP_EXAMPLE_SERVER_BINARY; }

ExampleServerProcess::ExampleServerProcess(int grace_ms) {
  int err[2];
  if (pipe2(err, O_CLOEXEC) != 0) return;
  std::vector<std::string> argv = {ExampleServerBinary(), "--listen", "127.0.0.1:0", "--grace",
                                   std::to_string(grace_ms)};
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  if (posix_spawn(&pid_, argv[0].c_str(), &actions, nullptr, args.data(), environ) != 0) {
    pid_ = -1;
  }
  posix_spawn_file_actions_destroy(&actions);
  close(err[1]);
  reader_ = std::thread([this, fd = err[0]] { ReadLoop(fd); });
}

void ExampleServerProcess::ReadLoop(int fd) {
  static const std::regex kListening("example listening on [^\\s]*:([0-9]+)");
  char buf[4096];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    std::lock_guard<std::mutex> lock(mu_);
    stderr_.append(buf, static_cast<std::size_t>(n));
    std::smatch m;
    if (port_ == 0 && std::regex_search(stderr_, m, kListening)) port_ = std::stoi(m[1]);
    cv_.notify_all();
  }
  close(fd);
  std::lock_guard<std::mutex> lock(mu_);
  closed_ = true;
  cv_.notify_all();
}

bool ExampleServerProcess::WaitUntilListening(int timeout_seconds) {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_for(lock, std::chrono::seconds(timeout_seconds), [this] {
    return port_ != 0 || closed_;
  }) && port_ != 0;
}

std::string ExampleServerProcess::Stderr() {
  std::lock_guard<std::mutex> lock(mu_);
  return stderr_;
}

ExampleServerProcess::~ExampleServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    if (!Reap(pid_, std::chrono::seconds(10))) {
      kill(pid_, SIGKILL);
      Reap(pid_, std::chrono::seconds(5));
    }
  }
  if (reader_.joinable()) reader_.join();
}

}  // namespace ndxp::testing
