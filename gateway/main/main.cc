// ndxp-gateway: the server. Everything but argument handling lives in gateway/server.
#include <string>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "gateway/main/startup.h"
#include "gateway/server/process_lifecycle.h"

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
  app.add_option("--data-dir", options.data_dir,
                 "directory of the usage ledger and the audit log (overrides NDXP_DATA_DIR and "
                 "data_dir; default ./ndxp-data)");
  app.add_option("--log-level", options.log_level, "trace, debug, info, warn, error")
      ->default_val("info");
  CLI11_PARSE(app, argc, argv);
  const sigset_t signals = ndxp::server::PrepareProcess("ndxp-gateway", options.log_level);

  auto server = ndxp::main::StartGateway(options);
  if (!server.ok()) {
    spdlog::critical("{}", std::string(server.status().message()));
    return 1;
  }
  spdlog::info("received {}, draining", ndxp::server::WaitForTermination(signals));
  (*server)->Drain();
  spdlog::info("stopped");
  return 0;
}
