#pragma once
// Starts the real ndxp-gateway binary on free ports (127.0.0.1:0), reads the ports it prints, and
// stops it (SIGTERM, then SIGKILL after a bound) when destroyed. Output is kept for assertions.

#include <sys/types.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ndxp::testing {

class GatewayProcess {
 public:
  struct Options {
    std::vector<std::string> args;  // extra arguments, e.g. {"--config", path}
    std::vector<std::string> env;   // extra NAME=VALUE entries
  };
  explicit GatewayProcess(Options options);
  ~GatewayProcess();

  // Waits (bounded) until both listeners printed their ports. False if the process exited first.
  bool WaitUntilListening(int timeout_seconds = 60);
  int grpc_port() const { return grpc_port_; }
  int http_port() const { return http_port_; }
  std::string grpc_target() const { return "127.0.0.1:" + std::to_string(grpc_port_); }
  std::string http_base() const { return "http://127.0.0.1:" + std::to_string(http_port_); }

  // Sends a signal; Wait returns the exit code (or 128+signal), -1 on timeout.
  void Signal(int signal);
  int Wait(int timeout_seconds);

  // Everything the process wrote to stdout (the access log) and stderr (its log) so far.
  std::string Stdout();
  std::string Stderr();

 private:
  void ReadLoop(int fd, std::string* sink);

  pid_t pid_ = -1;
  int exit_code_ = -1;
  bool exited_ = false;
  int grpc_port_ = 0;
  int http_port_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  std::string stdout_;
  std::string stderr_;
  int open_streams_ = 2;
  std::thread out_reader_;
  std::thread err_reader_;
};

// Path of a built binary, from compile definitions set by CMake.
std::string GatewayBinary();
std::string CtlBinary();

// Runs a command, returns its exit code and captures stdout.
int RunCommand(const std::vector<std::string>& argv, std::string* out);

}  // namespace ndxp::testing
