#pragma once
// Starts a real server binary (ndxp-gateway by default, or ndxp-connector, or a test server) on
// free ports (127.0.0.1:0), reads the ports it prints ("gRPC listening on HOST:PORT", "HTTP
// listening on HOST:PORT"), and stops it (SIGTERM, then SIGKILL after a bound) when destroyed.
// Output is kept for assertions.

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
    // Extra arguments, e.g. {"--config", path}. ndxp-gateway is given `--data-dir` with a new
    // test directory unless they hold one.
    std::vector<std::string> args;
    std::vector<std::string> env;   // extra NAME=VALUE entries
    // The binary; empty: ndxp-gateway, given --grpc-listen/--http-listen 127.0.0.1:0 first.
    std::string binary;
    // Whether to wait for an HTTP port too (always for ndxp-gateway).
    bool http = true;
    // Standard output is a pipe that nobody reads (Stdout() stays empty): a stalled reader, as
    // a log shipper that hangs. The read end stays open until CloseStdout() or destruction.
    bool unread_stdout = false;
  };
  explicit GatewayProcess(Options options);
  ~GatewayProcess();

  // Waits (bounded) until the listeners printed their ports. False if the process exited first.
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

  // Waits (bounded) until the process has written `text` to standard error.
  bool WaitForStderr(const std::string& text, int timeout_seconds = 30);
  pid_t pid() const { return pid_; }

  // With Options::unread_stdout: closes the read end, so that the process's writes to standard
  // output fail (EPIPE) from now on.
  void CloseStdout();

 private:
  void ReadLoop(int fd, std::string* sink);

 private:
  pid_t pid_ = -1;
  bool want_http_ = true;
  int exit_code_ = -1;
  bool exited_ = false;
  int grpc_port_ = 0;
  int http_port_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  std::string stdout_;
  std::string stderr_;
  int open_streams_ = 2;
  int unread_stdout_fd_ = -1;  // Options::unread_stdout's read end, until CloseStdout()
  std::thread out_reader_;
  std::thread err_reader_;
};

// Path of a built binary, from compile definitions set by CMake.
std::string GatewayBinary();
std::string CtlBinary();
std::string ConnectorBinary();

// ndxp-connector serving `connectors` (e.g. "population") on 127.0.0.1:0, with `extra` arguments.
GatewayProcess::Options ConnectorOptions(const std::string& connectors,
                                         std::vector<std::string> extra = {});

// A new, empty directory under the system's temp dir, removed with everything in it when the test
// process exits.
std::string MakeTestDir(const std::string& prefix);

// Runs a command, returns its exit code and captures stdout.
int RunCommand(const std::vector<std::string>& argv, std::string* out);

}  // namespace ndxp::testing
