#pragma once
// ndxpctl's commands. Each Add*Commands registers a command group on the CLI11 app; when the
// command line selects one of its commands, the command's callback stores what to run in `action`,
// and ctl_app runs it after parsing, returning its exit code.

#include <functional>

#include <CLI/CLI.hpp>

namespace ndxp::ctl {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the thing checked is wrong: invalid file, bad input
inline constexpr int kExitUsage = 2;    // the command line is wrong

using Action = std::function<int()>;

// `audit verify [--config FILE] [--data-dir DIR] [--public-key FILE]`,
// `audit search --subject ID [--from DATE] [--to DATE] [--config FILE] [--data-dir DIR]
// [--format table|json]`.
void AddAuditCommands(CLI::App& app, Action& action);
// `config check FILE`, `config default`.
void AddConfigCommands(CLI::App& app, Action& action);
// `data sample --connector NAME --count N [--seed S] [--scale N] [--config FILE]`.
void AddDataCommands(CLI::App& app, Action& action);
// `key generate [--client ID]`, `key hash`.
void AddKeyCommands(CLI::App& app, Action& action);
// `keys create --client ID [--expires DATE] --config FILE`, `keys list --config FILE`,
// `keys revoke KEY_ID --config FILE`.
void AddKeysCommands(CLI::App& app, Action& action);
// `health --target HOST:PORT [--service NAME] [--timeout SECONDS] [--tls-ca FILE]`.
void AddHealthCommands(CLI::App& app, Action& action);
// `usage report --from DATE --to DATE [--by ...]`, `usage indicators --month YYYY-MM`.
void AddUsageCommands(CLI::App& app, Action& action);

}  // namespace ndxp::ctl
