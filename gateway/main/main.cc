// ndxp-gateway: the server. Everything but argument handling lives in gateway/server.
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <absl/synchronization/mutex.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "gateway/main/startup.h"
#include "gateway/server/log_sanitize.h"

int main(int argc, char** argv) {
  ndxp::main::StartupOptions options;
  CLI::App app{"ndxp-gateway: the NDXP national data-sharing gateway"};
  app.add_option("--config", options.config_path,
                 "YAML configuration file; without it the embedded default runs (all built-in "
                 "connectors in-process, gRPC on 127.0.0.1:50051, HTTP on 127.0.0.1:8080)")
      ->check(CLI::ExistingFile);
  app.add_option("--grpc-listen", options.grpc_listen,
                 "HOST:PORT for the gRPC listener (overrides grpc.address; port 0 = any free port)");
  app.add_option("--http-listen", options.http_listen,
                 "HOST:PORT for the HTTP listener (overrides http.address; port 0 = any free port)");
  app.add_option("--log-level", options.log_level, "trace, debug, info, warn, error")
      ->default_val("info");
  CLI11_PARSE(app, argc, argv);
  // Abseil's mutex deadlock detection keeps a process-wide graph behind one lock; gRPC core's
  // mutexes are absl::Mutex, so it would serialize the hot path. Production binaries turn it off.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);

  // Logs go to stderr; stdout is the access log on the embedded default.
  spdlog::set_default_logger(spdlog::stderr_color_mt("ndxp-gateway"));
  ndxp::server::RouteLibraryLogs();

  // SIGTERM and SIGINT are taken by sigwait in the main thread: block them before any thread
  // starts, so every thread inherits the mask.
  // A closed standard output (the access log's reader gone) must not kill the process: writes fail
  // with EPIPE instead, and the access log counts them.
  signal(SIGPIPE, SIG_IGN);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto server = ndxp::main::StartGateway(options);
  if (!server.ok()) {
    spdlog::critical("{}", std::string(server.status().message()));
    return 1;
  }
  int received = 0;
  sigwait(&signals, &received);
  spdlog::info("received {}, draining", received == SIGTERM ? "SIGTERM" : "SIGINT");
  (*server)->Drain();
  spdlog::info("stopped");
  return 0;
}
