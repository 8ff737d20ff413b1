// ndxp-connector: any built-in connector as a standalone gRPC server. Everything but argument
// handling lives in connector_server.cc.
#include <signal.h>

#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <absl/strings/str_split.h>
#include <absl/synchronization/mutex.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "connectors/builtin.h"
#include "connectors/server/connector_server.h"
#include "gateway/core/strings.h"
#include "gateway/server/log_sanitize.h"

namespace {

// The configured HOST:PORT with the port actually bound (they differ when the port was 0).
std::string WithPort(const std::string& address, int port) {
  return ndxp::core::Cat(std::string_view(address).substr(0, address.rfind(':')), ":", port);
}

std::string KnownNames() {
  std::string out;
  for (auto name : ndxp::connectors::BuiltinConnectorNames()) {
    ndxp::core::Append(out, out.empty() ? "" : ", ", name);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  ndxp::connectors::ConnectorServerOptions options;
  std::string names;
  std::string log_level = "info";
  CLI::App app{"ndxp-connector: built-in connectors as a standalone gRPC server behind the gateway"};
  app.add_option("--connector", names,
                 "NAME[,NAME...]: the connectors to serve (" + KnownNames() + ")")
      ->required();
  app.add_option("--listen", options.listen, "HOST:PORT for gRPC (port 0 = any free port)")
      ->required();
  app.add_option("--http-listen", options.http_listen,
                 "HOST:PORT for HTTP: /metrics, /healthz, /readyz and Connect/REST (default: off)");
  app.add_option("--config", options.config_path,
                 "YAML configuration (the gateway's format): connectors[] seeds and scales, "
                 "limits, grpc settings, access_log, upstream_identity")
      ->check(CLI::ExistingFile);
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error")->default_val("info");
  CLI11_PARSE(app, argc, argv);
  for (auto part : absl::StrSplit(names, ',', absl::SkipWhitespace())) {
    options.connectors.emplace_back(part.data(), part.size());
  }
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  spdlog::set_default_logger(spdlog::stderr_color_mt("ndxp-connector"));
  spdlog::set_level(spdlog::level::from_str(log_level));
  ndxp::server::RouteLibraryLogs();

  signal(SIGPIPE, SIG_IGN);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto server = ndxp::connectors::StartConnectorServer(options);
  if (!server.ok()) {
    spdlog::critical("{}", std::string(server.status().message()));
    return 1;
  }
  spdlog::info("serving {}", names);
  spdlog::info("gRPC listening on {}", WithPort(options.listen, (*server)->grpc_port()));
  if (!options.http_listen.empty()) {
    spdlog::info("HTTP listening on {}", WithPort(options.http_listen, (*server)->http_port()));
  }
  int received = 0;
  sigwait(&signals, &received);
  spdlog::info("received {}, draining", received == SIGTERM ? "SIGTERM" : "SIGINT");
  (*server)->Drain();
  spdlog::info("stopped");
  return 0;
}
