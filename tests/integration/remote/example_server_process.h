#pragma once
// The example third-party server (ndxp_example_lookup_server) as a child process on a free port.
// It prints "example listening on HOST:PORT", which GatewayProcess does not look for (it reads
// "gRPC listening on"), hence this small launcher. Stopped with SIGTERM (then SIGKILL after a
// bound) when destroyed.

#include <sys/types.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace ndxp::testing {

class ExampleServerProcess {
 public:
  // Starts the server with `--listen 127.0.0.1:0 --grace <grace_ms>`.
  explicit ExampleServerProcess(int grace_ms = 100);
  ~ExampleServerProcess();
  ExampleServerProcess(const ExampleServerProcess&) = delete;
  ExampleServerProcess& operator=(const ExampleServerProcess&) = delete;

  // Waits (bounded) until the server printed its port. False if it exited first.
  bool WaitUntilListening(int timeout_seconds = 30);
  int port() const { return port_; }
  std::string target() const { return "127.0.0.1:" + std::to_string(port_); }
  std::string Stderr();

 private:
  void ReadLoop(int fd);

  pid_t pid_ = -1;
  std::mutex mu_;
  std::condition_variable cv_;
  std::string stderr_;
  bool closed_ = false;
  int port_ = 0;
  std::thread reader_;
};

// The example server binary, from a compile definition set by CMake.
std::string ExampleServerBinary();

}  // namespace ndxp::testing
