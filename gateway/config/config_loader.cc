#include "gateway/config/config_loader.h"

#include <cerrno>
#include <cstdio>
#include <memory>

#include <yaml-cpp/yaml.h>

#include "gateway/config/defaults.h"
#include "gateway/config/validate.h"
#include "gateway/config/yaml_mapper.h"
#include "gateway/core/strings.h"

namespace ndxp::config {
namespace {

namespace v1 = ::ndxp::gateway::v1;

// A configuration file larger than this is certainly a mistake (a log, a device).
constexpr std::size_t kMaxFileBytes = 16 * 1024 * 1024;

// A key without presence whose zero value stands for its default.
struct ZeroMeansDefault {
  std::string_view section;
  std::string_view key;
  std::string_view problem;
  std::string_view default_text;
  bool (*is_zero)(const v1::GatewayConfig&);
};

constexpr ZeroMeansDefault kZeroKeys[] = {
    {"grpc", "address", "must not be empty", kDefaultGrpcAddress,
     [](const v1::GatewayConfig& c) { return c.grpc().address().empty(); }},
    {"grpc", "max_concurrent_streams", "must be greater than 0", "256",
     [](const v1::GatewayConfig& c) { return c.grpc().max_concurrent_streams() == 0; }},
    {"http", "address", "must not be empty", kDefaultHttpAddress,
     [](const v1::GatewayConfig& c) { return c.http().address().empty(); }},
    {"limits", "max_request_bytes", "must be greater than 0", "4194304",
     [](const v1::GatewayConfig& c) { return c.limits().max_request_bytes() == 0; }},
    {"limits", "max_header_bytes", "must be greater than 0", "16384",
     [](const v1::GatewayConfig& c) { return c.limits().max_header_bytes() == 0; }},
    {"limits", "max_json_depth", "must be greater than 0", "32",
     [](const v1::GatewayConfig& c) { return c.limits().max_json_depth() == 0; }},
};

absl::Status ZeroError(std::string_view source, std::string_view path, std::string_view problem,
                       std::string_view default_text, const YAML::Node& at) {
  return absl::InvalidArgumentError(core::ToAbsl(
      core::Cat(source, source.empty() ? "" : ": ", path, ": ", problem,
                "; omit the key for the default (", default_text, ")", LocationSuffix(at))));
}

// yaml-cpp's const operator[] yields an invalid node for a missing key; only defined ones count.
YAML::Node Get(const YAML::Node& map, std::string_view key) {
  if (!map.IsDefined() || !map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  return map[std::string(key)];
}

// The same for keys of the items of a list: `connectors[i].seed`, `upstreams[i].name`.
struct ItemZeroMeansDefault {
  std::string_view list;
  std::string_view key;
  std::string_view problem;
  std::string_view default_text;
  bool (*is_zero)(const v1::GatewayConfig&, int index);
};

constexpr ItemZeroMeansDefault kItemZeroKeys[] = {
    {"connectors", "seed", "must be at least 1", "1",
     [](const v1::GatewayConfig& c, int i) { return c.connectors(i).seed() == 0; }},
    {"upstreams", "name", "must not be empty",
     "the built-in connector's name, or the service's full name",
     [](const v1::GatewayConfig& c, int i) { return c.upstreams(i).name().empty(); }},
    {"upstreams", "connections_per_endpoint", "must be at least 1", "1",
     [](const v1::GatewayConfig& c, int i) {
       return c.upstreams(i).connections_per_endpoint() == 0;
     }},
};

absl::Status RejectExplicitItemZeros(const YAML::Node& root, const v1::GatewayConfig& config,
                                     std::string_view source) {
  for (const ItemZeroMeansDefault& z : kItemZeroKeys) {
    const YAML::Node list = Get(root, z.list);
    if (!list.IsDefined() || !list.IsSequence()) continue;
    for (std::size_t i = 0; i < list.size(); ++i) {
      YAML::Node value = Get(list[i], z.key);
      if (value.IsDefined() && z.is_zero(config, static_cast<int>(i))) {
        return ZeroError(source, core::Cat(z.list, "[", i, "].", z.key), z.problem,
                         z.default_text, value);
      }
    }
  }
  return absl::OkStatus();
}

absl::Status RejectExplicitZeros(const YAML::Node& root, const v1::GatewayConfig& config,
                                 std::string_view source) {
  for (const ZeroMeansDefault& z : kZeroKeys) {
    YAML::Node value = Get(Get(root, z.section), z.key);
    if (value.IsDefined() && z.is_zero(config)) {
      return ZeroError(source, core::Cat(z.section, ".", z.key), z.problem, z.default_text, value);
    }
  }
  return RejectExplicitItemZeros(root, config, source);
}

}  // namespace

absl::Status ReadConfigFile(const std::string& path, std::string& out) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (file == nullptr)
    return absl::ErrnoToStatus(errno, core::ToAbsl(core::Cat(path, ": cannot open")));
  char buf[65536];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, file.get())) > 0) {
    out.append(buf, n);
    if (out.size() > kMaxFileBytes) {
      return absl::InvalidArgumentError(core::ToAbsl(
          core::Cat(path, ": larger than ", kMaxFileBytes, " bytes; not a configuration file")));
    }
  }
  if (std::ferror(file.get())) {
    return absl::ErrnoToStatus(errno, core::ToAbsl(core::Cat(path, ": cannot read")));
  }
  return absl::OkStatus();
}


absl::StatusOr<v1::GatewayConfig> ParseConfigYaml(std::string_view yaml_text,
                                                  std::string_view source_name) {
  v1::GatewayConfig config;
  YAML::Node root;
  if (absl::Status status = ParseYamlInto(yaml_text, source_name, config, root); !status.ok()) {
    return status;
  }
  if (absl::Status status = RejectExplicitZeros(root, config, source_name); !status.ok()) {
    return status;
  }
  return config;
}

absl::StatusOr<v1::GatewayConfig> LoadConfigFile(const std::string& path) {
  std::string text;
  if (absl::Status status = ReadConfigFile(path, text); !status.ok()) return status;
  return ParseConfigYaml(text, path);
}

absl::StatusOr<v1::GatewayConfig> LoadEffectiveConfig(
    const std::string& path, const std::vector<std::string_view>& builtin_connectors,
    const std::vector<std::string_view>& builtin_services) {
  v1::GatewayConfig config;
  if (!path.empty()) {
    absl::StatusOr<v1::GatewayConfig> loaded = LoadConfigFile(path);
    if (!loaded.ok()) return loaded.status();
    config = *std::move(loaded);
  }
  ApplyDefaults(config, builtin_connectors, builtin_services);
  absl::Status status = ValidateConfig(config, builtin_connectors, builtin_services);
  if (!status.ok()) {
    const std::string source = path.empty() ? "embedded default" : path;
    return absl::InvalidArgumentError(core::ToAbsl(core::Cat(source, ": ", status.message())));
  }
  return config;
}

}  // namespace ndxp::config
