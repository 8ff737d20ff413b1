#include "tests/integration/support/gateway_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <regex>

extern char** environ;

namespace ndxp::testing {
namespace {

pid_t Spawn(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
            int out_fd, int err_fd) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
  for (const auto& e : extra_env) env_strings.push_back(e);
  std::vector<char*> env;
  for (auto& e : env_strings) env.push_back(e.data());
  env.push_back(nullptr);
  pid_t pid = -1;
  // posix_spawnp: a bare name ("curl") is looked up in PATH; a path is used as it is.
  if (posix_spawnp(&pid, argv[0].c_str(), &actions, nullptr, args.data(), env.data()) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

int PortAfter(const std::string& text, const std::string& label) {
  std::smatch m;
  std::regex re(label + " listening on [^\\s]*:([0-9]+)");
  return std::regex_search(text, m, re) ? std::stoi(m[1]) : 0;
}

// The directories MakeTestDir made, removed at exit.
class TestDirs {
 public:
  ~TestDirs() {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& dir : dirs_) {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  }
  void Add(std::string dir) {
    std::lock_guard<std::mutex> lock(mu_);
    dirs_.push_back(std::move(dir));
  }

 private:
  std::mutex mu_;
  std::vector<std::string> dirs_;
};

TestDirs& Dirs() {
  static TestDirs dirs;
  return dirs;
}

}  // namespace

std::string MakeTestDir(const std::string& prefix) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(::getpid()) + "-XXXXXX"))
          .string();
  if (mkdtemp(pattern.data()) == nullptr) return "";
  Dirs().Add(pattern);
  return pattern;
}

std::string GatewayBinary() { return NDXP_GATEWAY_BINARY; }
std::string CtlBinary() { return NDXP_CTL_BINARY; }
std::string ConnectorBinary() { return NDXP_CONNECTOR_BINARY; }

GatewayProcess::Options ConnectorOptions(const std::string& connectors,
                                         std::vector<std::string> extra) {
  GatewayProcess::Options options;
  options.binary = ConnectorBinary();
  options.args = {"--connector", connectors, "--listen", "127.0.0.1:0"};
  options.args.insert(options.args.end(), extra.begin(), extra.end());
  options.http = false;
  for (const auto& arg : extra) options.http = options.http || arg == "--http-listen";
  return options;
}

GatewayProcess::GatewayProcess(Options options) : want_http_(options.http) {
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) return;
  std::vector<std::string> argv;
  if (options.binary.empty()) {
    argv = {GatewayBinary(), "--grpc-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0"};
    want_http_ = true;
  } else {
    argv = {options.binary};
  }
  argv.insert(argv.end(), options.args.begin(), options.args.end());
  // Every gateway gets a data directory of its own (ledger, audit log: one gateway per
  // directory, it is locked), unless the test chose one (--data-dir or NDXP_DATA_DIR).
  bool env_data_dir = false;
  for (const auto& var : options.env) env_data_dir = env_data_dir || var.rfind("NDXP_DATA_DIR=", 0) == 0;
  if (argv.front() == GatewayBinary() && !env_data_dir &&
      std::find(argv.begin(), argv.end(), "--data-dir") == argv.end()) {
    argv.push_back("--data-dir");
    argv.push_back(MakeTestDir("ndxp-data"));
  }
  pid_ = Spawn(argv, options.env, out[1], err[1]);
  close(out[1]);
  close(err[1]);
  if (options.unread_stdout) {
    unread_stdout_fd_ = out[0];
    open_streams_ = 1;  // only standard error is read
  } else {
    out_reader_ = std::thread([this, fd = out[0]] { ReadLoop(fd, &stdout_); });
  }
  err_reader_ = std::thread([this, fd = err[0]] { ReadLoop(fd, &stderr_); });
}

void GatewayProcess::CloseStdout() {
  if (unread_stdout_fd_ >= 0) close(unread_stdout_fd_);
  unread_stdout_fd_ = -1;
}

void GatewayProcess::ReadLoop(int fd, std::string* sink) {
  char buf[4096];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    std::lock_guard<std::mutex> lock(mu_);
    sink->append(buf, static_cast<std::size_t>(n));
    if (sink == &stderr_) {
      if (grpc_port_ == 0) grpc_port_ = PortAfter(stderr_, "gRPC");
      if (http_port_ == 0) http_port_ = PortAfter(stderr_, "HTTP");
    }
    cv_.notify_all();
  }
  close(fd);
  std::lock_guard<std::mutex> lock(mu_);
  --open_streams_;
  cv_.notify_all();
}

bool GatewayProcess::WaitUntilListening(int timeout_seconds) {
  std::unique_lock<std::mutex> lock(mu_);
  auto listening = [this] { return grpc_port_ != 0 && (!want_http_ || http_port_ != 0); };
  return cv_.wait_for(lock, std::chrono::seconds(timeout_seconds),
                      [&] { return listening() || open_streams_ == 0; }) &&
         listening();
}

bool GatewayProcess::WaitForStderr(const std::string& text, int timeout_seconds) {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_for(lock, std::chrono::seconds(timeout_seconds), [&] {
    return stderr_.find(text) != std::string::npos || open_streams_ == 0;
  }) && stderr_.find(text) != std::string::npos;
}

void GatewayProcess::Signal(int signal) {
  if (pid_ > 0 && !exited_) kill(pid_, signal);
}

int GatewayProcess::Wait(int timeout_seconds) {
  if (pid_ <= 0) return -1;
  if (exited_) return exit_code_;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  for (;;) {
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exited_ = true;
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return exit_code_;
    }
    if (std::chrono::steady_clock::now() > deadline) return -1;
    // Waiting for a child's exit: there is no fd to poll for it without signalfd plumbing.
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

std::string GatewayProcess::Stdout() {
  std::lock_guard<std::mutex> lock(mu_);
  return stdout_;
}

std::string GatewayProcess::Stderr() {
  std::lock_guard<std::mutex> lock(mu_);
  return stderr_;
}

GatewayProcess::~GatewayProcess() {
  if (pid_ > 0 && !exited_) {
    Signal(SIGTERM);
    if (Wait(20) < 0) {
      kill(pid_, SIGKILL);
      Wait(5);
    }
  }
  CloseStdout();
  if (out_reader_.joinable()) out_reader_.join();
  if (err_reader_.joinable()) err_reader_.join();
}

int RunCommand(const std::vector<std::string>& argv, std::string* out) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return -1;
  pid_t pid = Spawn(argv, {}, fds[1], 2);
  close(fds[1]);
  char buf[4096];
  for (;;) {
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n <= 0) break;
    if (out) out->append(buf, static_cast<std::size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  if (pid <= 0 || waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace ndxp::testing
