// ndxp-connector: any built-in connector as a standalone gRPC server. Everything but argument
// handling lives in connector_server.cc.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <absl/strings/str_split.h>
#include <spdlog/spdlog.h>

#include "connectors/builtin.h"
#include "connectors/server/connector_server.h"
#include "gateway/core/strings.h"
#include "gateway/server/process_lifecycle.h"

namespace {

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
  const sigset_t signals = ndxp::server::PrepareProcess("ndxp-connector", log_level);

  auto server = ndxp::connectors::StartConnectorServer(options);
  if (!server.ok()) {
    spdlog::critical("{}", std::string(server.status().message()));
    return 1;
  }
  spdlog::info("serving {}", names);
  spdlog::info("gRPC listening on {}", ndxp::server::WithPort(options.listen, (*server)->grpc_port()));
  if (!options.http_listen.empty()) {
    spdlog::info("HTTP listening on {}", ndxp::server::WithPort(options.http_listen, (*server)->http_port()));
  }
  spdlog::info("received {}, draining", ndxp::server::WaitForTermination(signals));
  (*server)->Drain();
  spdlog::info("stopped");
  return 0;
}
