// `ndxpctl key generate [--client ID]` and `ndxpctl key hash`.

#include <unistd.h>

#include <iostream>
#include <memory>
#include <string>

#include "gateway/auth/api_key.h"
#include "gateway/config/validate.h"
#include "gateway/core/strings.h"
#include "gateway/ctl/commands.h"

namespace ndxp::ctl {
namespace {

struct GenerateOptions {
  std::string client_id;
  std::string display_name;
};

// A YAML double-quoted string.
std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

int Generate(const GenerateOptions& options) {
  const std::string key = auth::GenerateApiKey();
  const std::string digest = auth::Sha256Hex(key);
  const std::string id = options.client_id.empty() ? "CHANGE:ME" : options.client_id;
  std::string out = core::Cat("api_key: ", key, "\napi_key_sha256: ", digest, "\n\n");
  core::Append(out,
               "# Give the API key to the client's operators over a secure channel; it is shown "
               "only now.\n"
               "# The gateway stores only the digest: add this entry to `clients:` in its "
               "configuration\n"
               "# (or append the digest to an existing client's api_key_sha256 list).\n");
  core::Append(out, "- id: ", Quoted(id), "\n");
  if (!options.display_name.empty()) {
    core::Append(out, "  display_name: ", Quoted(options.display_name), "\n");
  }
  core::Append(out, "  api_key_sha256:\n    - \"", digest, "\"\n");
  std::cout << out << std::flush;
  return kExitOk;
}

std::string_view Trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

int Hash() {
  if (isatty(STDIN_FILENO)) std::cerr << "API key (then Enter): " << std::flush;
  std::string line;
  std::getline(std::cin, line);
  const std::string_view key = Trim(line);
  if (key.empty()) {
    std::cerr << "ndxpctl key hash: no API key on standard input\n";
    return kExitFailure;
  }
  std::string rest;
  while (std::getline(std::cin, rest)) {
    if (!Trim(rest).empty()) {
      std::cerr << "ndxpctl key hash: expected one key on one line, got more\n";
      return kExitFailure;
    }
  }
  std::cout << auth::Sha256Hex(key) << "\n";
  return kExitOk;
}

CLI::Validator ClientId() {
  return CLI::Validator(
      [](std::string& id) -> std::string {
        if (config::IsValidClientId(id)) return "";
        return core::Cat("invalid client id \"", id,
                         "\": 1 to 64 ASCII letters, digits, ':', '-', '_' or '.'");
      },
      "ID");
}

}  // namespace

void AddKeyCommands(CLI::App& app, Action& action) {
  CLI::App* group = app.add_subcommand("key", "Create and hash client API keys");
  group->require_subcommand(1);

  auto options = std::make_shared<GenerateOptions>();
  CLI::App* generate = group->add_subcommand(
      "generate",
      "Generate a new API key (256 random bits, \"ndxp_\" + base64url) and print it, its SHA-256 "
      "digest, and a YAML entry for the gateway configuration's clients list.");
  generate
      ->add_option("--client", options->client_id,
                   "Client id for the YAML entry, e.g. VN:PROV:79:ONESTOP")
      ->check(ClientId());
  generate->add_option("--display-name", options->display_name,
                       "Human-readable name for the YAML entry");
  generate->callback([&action, options] { action = [options] { return Generate(*options); }; });

  CLI::App* hash = group->add_subcommand(
      "hash",
      "Read an API key from standard input (one line; never from the command line, which other "
      "users can see) and print its SHA-256 digest, the value for api_key_sha256.");
  hash->callback([&action] { action = [] { return Hash(); }; });
}

}  // namespace ndxp::ctl
