#include "gateway/ctl/ctl_app.h"

#include <iostream>

#include "gateway/ctl/commands.h"

#ifndef NDXP_VERSION
#define NDXP_VERSION "unknown"
#endif

namespace ndxp::ctl {

int RunCtl(int argc, char** argv) {
  CLI::App app{"ndxpctl: operator's tool for ndxp-gateway (configuration, API keys, audit log, data samples)",
               "ndxpctl"};
  app.set_version_flag("--version", NDXP_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 success, 1 check failed (invalid configuration, bad input), 2 usage error.\n"
      "Run `ndxpctl COMMAND --help` for a command's options.");
  Action action;
  AddAuditCommands(app, action);
  AddConfigCommands(app, action);
  AddDataCommands(app, action);
  AddKeyCommands(app, action);
  AddKeysCommands(app, action);
  AddHealthCommands(app, action);
  AddUsageCommands(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help and --version exit 0 (printed to stdout); anything else is a usage error.
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  if (!action) {
    std::cerr << app.help();
    return kExitUsage;
  }
  return action();
}

}  // namespace ndxp::ctl
