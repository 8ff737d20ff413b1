// `ndxpctl config check FILE` and `ndxpctl config default`.

#include <iostream>
#include <memory>
#include <string>

#include "connectors/builtin.h"
#include "gateway/auth/jwks_source.h"
#include "gateway/auth/registry_source.h"
#include "gateway/config/config_loader.h"
#include "gateway/config/yaml_emitter.h"
#include "gateway/ctl/commands.h"

namespace ndxp::ctl {
namespace {

struct CheckOptions {
  std::string file;
  bool print = false;
};

int CheckConfig(const CheckOptions& options) {
  auto config = config::LoadEffectiveConfig(options.file, connectors::BuiltinConnectorNames(),
                                    connectors::BuiltinServiceNames());
  if (!config.ok()) {
    std::cerr << config.status().message() << "\n";
    return kExitFailure;
  }
  // The clients' policies (form only: field masks are checked against the routes at start) and
  // the client registry and key store files it names.
  if (auto clients = auth::RegistrySource::Open(*config, {}, nullptr, nullptr); !clients.ok()) {
    std::cerr << options.file << ": " << clients.status().message() << "\n";
    return kExitFailure;
  }
  if (config->has_jwt()) {
    if (auto jwks = auth::JwksSource::Open(config->jwt(), nullptr); !jwks.ok()) {
      std::cerr << options.file << ": " << jwks.status().message() << "\n";
      return kExitFailure;
    }
  }
  if (options.print) {
    std::cout << "# Effective configuration of " << options.file << " (defaults applied)\n"
              << config::MessageToYaml(*config);
  } else {
    std::cout << options.file << ": ok\n";
  }
  return kExitOk;
}

int PrintDefault() {
  std::cout << "# The embedded default configuration of ndxp-gateway (started without --config).\n"
               "# Every key is shown; see docs/configuration.md for what each one means.\n"
               "# Without --config the gateway also registers a demo client (API key from\n"
               "# NDXP_DEMO_API_KEY, or printed at start); a file lists its own clients.\n"
            << config::MessageToYaml(config::DefaultConfig(connectors::BuiltinConnectorNames()));
  return kExitOk;
}

}  // namespace

void AddConfigCommands(CLI::App& app, Action& action) {
  CLI::App* group = app.add_subcommand("config", "Check gateway configuration files");
  group->require_subcommand(1);

  auto check_options = std::make_shared<CheckOptions>();
  CLI::App* check = group->add_subcommand(
      "check",
      "Parse a gateway configuration file, apply the defaults and validate it, as ndxp-gateway "
      "does at start. Prints \"FILE: ok\", or the first error (naming the key, e.g. "
      "limits.max_json_depth) on standard error and exits 1.");
  check->add_option("FILE", check_options->file, "YAML configuration file")->required();
  check->add_flag("--print", check_options->print,
                  "On success print the effective configuration (defaults applied) as YAML");
  check->callback([&action, check_options] {
    action = [check_options] { return CheckConfig(*check_options); };
  });

  CLI::App* def = group->add_subcommand(
      "default",
      "Print the embedded default configuration (what ndxp-gateway runs without --config) as "
      "YAML; a valid starting point for a file.");
  def->callback([&action] { action = [] { return PrintDefault(); }; });
}

}  // namespace ndxp::ctl
