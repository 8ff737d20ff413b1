// `ndxpctl data sample`: identifiers that exist in a connector's generated data, for test scripts,
// load generators and integrators' first calls.

#include <algorithm>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <string>

#include "connectors/builtin.h"
#include "gateway/config/config_loader.h"
#include "gateway/core/strings.h"
#include "gateway/ctl/commands.h"

namespace ndxp::ctl {
namespace {

inline constexpr std::size_t kMaxSampleCount = 100000;

struct SampleOptions {
  std::string connector;
  std::string kind;  // empty: the connector's primary kind
  std::size_t count = 0;
  std::optional<std::uint64_t> seed;
  std::optional<std::uint64_t> scale;
  std::string config_file;
};

std::string KnownConnectorList() {
  std::string list;
  for (std::string_view name : connectors::BuiltinConnectorNames()) {
    core::Append(list, list.empty() ? "" : ", ", name);
  }
  return list;
}

// The connectors exactly as the gateway would build them (the embedded default's, or the config
// file's), since one connector's data may depend on another's (business representatives are
// population citizens); the sampled one with --seed and --scale applied, added if not listed.
absl::StatusOr<std::vector<connectors::BuiltinSpec>> SpecsFor(const SampleOptions& options) {
  auto config =
      config::LoadEffectiveConfig(options.config_file, connectors::BuiltinConnectorNames(),
                                  connectors::BuiltinServiceNames());
  if (!config.ok()) return config.status();
  std::vector<connectors::BuiltinSpec> specs;
  for (const auto& c : config->connectors()) {
    specs.push_back({c.name(), {.seed = c.seed(), .scale = c.scale()}});
  }
  auto it = std::find_if(specs.begin(), specs.end(),
                         [&](const auto& spec) { return spec.name == options.connector; });
  if (it == specs.end()) {
    if (!options.seed && !options.scale) {
      std::cerr << "note: " << options.config_file << " does not run connector \""
                << options.connector << "\"; using its default seed and scale\n";
    }
    it = specs.insert(specs.end(), {options.connector, {}});
  }
  if (options.seed) it->settings.seed = *options.seed;
  if (options.scale) it->settings.scale = *options.scale;
  return specs;
}

// The sampled connector, built as the gateway would build it; null after printing why not.
std::unique_ptr<core::Connector> BuildSampled(const SampleOptions& options) {
  absl::StatusOr<std::vector<connectors::BuiltinSpec>> specs = SpecsFor(options);
  if (!specs.ok()) {
    std::cerr << specs.status().message() << "\n";
    return nullptr;
  }
  auto built = connectors::MakeBuiltinConnectors(*specs);
  if (!built.ok()) {
    std::cerr << built.status().message() << "\n";
    return nullptr;
  }
  auto found = std::find_if(built->begin(), built->end(),
                            [&](const auto& c) { return c->name() == options.connector; });
  if (found == built->end()) {
    std::cerr << "connector \"" << options.connector << "\" was not built\n";
    return nullptr;
  }
  return std::move(*found);
}

std::string KindList(const std::vector<core::SampleKind>& kinds) {
  std::string list;
  for (const core::SampleKind& kind : kinds) core::Append(list, list.empty() ? "" : ", ", kind.name);
  return list;
}

int Sample(const SampleOptions& options) {
  std::unique_ptr<core::Connector> connector = BuildSampled(options);
  if (connector == nullptr) return kExitFailure;
  const std::vector<core::SampleKind> kinds = connector->SampleKinds();
  std::string kind = options.kind.empty() && !kinds.empty() ? kinds.front().name : options.kind;
  if (std::none_of(kinds.begin(), kinds.end(),
                   [&](const core::SampleKind& k) { return k.name == kind; })) {
    std::cerr << "--kind: connector \"" << options.connector << "\" has no kind \"" << kind
              << "\" (its kinds: " << KindList(kinds) << ")\n";
    return kExitUsage;
  }
  std::vector<std::string> ids = connector->SampleIds(kind, options.count);
  std::string out;
  for (const std::string& id : ids) core::Append(out, id, '\n');
  std::cout << out << std::flush;
  if (ids.size() < options.count) {
    std::cerr << "note: the data of \"" << options.connector << "\" holds only " << ids.size()
              << " identifiers of kind " << kind << " at this scale\n";
  }
  return kExitOk;
}

// `ndxpctl data kinds`: every kind of identifier of a connector, and the method that takes it.
int Kinds(const SampleOptions& options) {
  std::unique_ptr<core::Connector> connector = BuildSampled(options);
  if (connector == nullptr) return kExitFailure;
  std::string out;
  for (const core::SampleKind& kind : connector->SampleKinds()) {
    core::Append(out, kind.name, '\t', connector->service().name(), '/', kind.method, '.',
                 kind.field, '\t', kind.description, '\n');
  }
  std::cout << out << std::flush;
  return kExitOk;
}

CLI::Validator KnownConnector() {
  return CLI::Validator(
      [](std::string& name) -> std::string {
        for (std::string_view known : connectors::BuiltinConnectorNames()) {
          if (known == name) return "";
        }
        return core::Cat("unknown connector \"", name, "\" (known: ", KnownConnectorList(), ")");
      },
      "NAME");
}

}  // namespace

void AddDataCommands(CLI::App& app, Action& action) {
  CLI::App* group = app.add_subcommand("data", "Look at the connectors' synthetic data");
  group->require_subcommand(1);

  auto options = std::make_shared<SampleOptions>();
  CLI::App* sample = group->add_subcommand(
      "sample",
      "Print identifiers that exist in a connector's generated data, one per line (e.g. personal "
      "ids for population, enterprise codes for business). With neither --config nor --seed/"
      "--scale the data is the embedded default's, so the ids exist in a gateway started without "
      "--config.");
  sample
      ->add_option("--connector", options->connector,
                   core::Cat("Connector name: ", KnownConnectorList()))
      ->required()
      ->check(KnownConnector());
  sample->add_option("--kind", options->kind,
                     "Kind of identifier (default: the connector's primary one, e.g. personal_id "
                     "for population); `ndxpctl data kinds --connector NAME` lists them");
  sample->add_option("--count", options->count, "How many identifiers (1 to 100000)")
      ->required()
      ->check(CLI::Range(std::size_t{1}, kMaxSampleCount));
  sample
      ->add_option("--seed", options->seed,
                   "Seed of the synthetic data, at least 1 (default: the configuration's, 1)")
      ->check(CLI::Range(std::uint64_t{1}, std::numeric_limits<std::uint64_t>::max()));
  sample->add_option("--scale", options->scale,
                     "Number of primary records generated (default: the configuration's; 0 is "
                     "the connector's own default)");
  sample->add_option("--config", options->config_file,
                     "Take the connector's seed and scale from this gateway configuration file");
  sample->callback([&action, options] { action = [options] { return Sample(*options); }; });

  auto kinds_options = std::make_shared<SampleOptions>();
  CLI::App* kinds = group->add_subcommand(
      "kinds",
      "List the kinds of identifier a connector takes, one per line: the kind (for `data sample "
      "--kind`), the method and request field that take it, and what it is");
  kinds
      ->add_option("--connector", kinds_options->connector,
                   core::Cat("Connector name: ", KnownConnectorList()))
      ->required()
      ->check(KnownConnector());
  kinds->callback(
      [&action, kinds_options] { action = [kinds_options] { return Kinds(*kinds_options); }; });
}

}  // namespace ndxp::ctl
