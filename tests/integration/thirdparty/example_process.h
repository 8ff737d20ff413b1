#pragma once
// The ndxp_example_lookup_server binary as a child process of a test: started on 127.0.0.1:0, its
// port read from the line it prints ("example listening on HOST:PORT"), stopped by SIGTERM (or
// SIGKILL when the test gives up on it). Every wait is for output or an exit, with a bound.

#include <sys/types.h>

#include <chrono>
#include <regex>
#include <string>
#include <vector>

namespace ndxp::example {

class ExampleProcess {
 public:
  // Starts `binary --listen 127.0.0.1:0` followed by `extra` arguments.
  explicit ExampleProcess(const std::string& binary, std::vector<std::string> extra = {});
  ~ExampleProcess();  // SIGKILL when still running
  ExampleProcess(const ExampleProcess&) = delete;
  ExampleProcess& operator=(const ExampleProcess&) = delete;

  // Reads stderr until "example listening on 127.0.0.1:PORT" shows, at most `timeout`; the port,
  // or 0 when the process ended or said nothing in time.
  int WaitUntilListening(std::chrono::milliseconds timeout = std::chrono::seconds(30));
  // Reads stderr until `pattern` matches it or it ends, at most `timeout`.
  bool WaitFor(const std::regex& pattern, std::smatch& match, std::chrono::milliseconds timeout);
  // Reads stderr to its end (the process exited), at most `timeout`; then its exit status
  // (128 + signal when killed), or -1 when it did not end in time.
  int WaitForExit(std::chrono::milliseconds timeout);

  pid_t pid() const { return pid_; }
  int port() const { return port_; }
  std::string target() const { return "127.0.0.1:" + std::to_string(port_); }
  const std::string& output() const { return output_; }

 private:
  bool ReadSome(std::chrono::steady_clock::time_point deadline);

  pid_t pid_ = -1;
  int stderr_fd_ = -1;
  int port_ = 0;
  bool closed_ = false;
  bool reaped_ = false;
  std::string output_;
};

}  // namespace ndxp::example
