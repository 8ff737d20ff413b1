#pragma once
// Loading the gateway's configuration: YAML text or a file onto ndxp.gateway.v1.GatewayConfig,
// then defaults (defaults.h) and validation (validate.h), both included here.
//
//   absl::StatusOr<GatewayConfig> config = config::LoadEffectiveConfig(
//       path, connectors::BuiltinConnectorNames(), connectors::BuiltinServiceNames());
//
// Errors are INVALID_ARGUMENT (NOT_FOUND etc. when the file cannot be read) and read
// `config.yaml: limits.max_json_depth: expected an unsigned integer, got "deep" (line 9, column
// 19)`.

#include <string>
#include <string_view>
#include <vector>

#include <absl/status/statusor.h>

#include "gateway/config/defaults.h"
#include "gateway/config/validate.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::config {

// Maps YAML text onto GatewayConfig (see yaml_mapper.h). Empty text is an empty configuration.
// Besides the mapper's errors, writing the zero value of a key whose zero means "the default"
// (limits.*, *.address, grpc.max_concurrent_streams, connectors[].seed, upstreams[].name,
// upstreams[].connections_per_endpoint) is an error, since it would silently mean the default.
// Defaults are not applied.
absl::StatusOr<ndxp::gateway::v1::GatewayConfig> ParseConfigYaml(std::string_view yaml_text,
                                                                 std::string_view source_name);

// Reads a whole configuration-like file (the configuration, a client registry, a key store, a
// JWKS) into `out`, at most 16 MiB. Errors name the path: "<path>: cannot open: <reason>" (the
// errno's code), "<path>: larger than ... bytes".
absl::Status ReadConfigFile(const std::string& path, std::string& out);

// Reads the file and parses it; errors are prefixed with `path`.
absl::StatusOr<ndxp::gateway::v1::GatewayConfig> LoadConfigFile(const std::string& path);

// What the gateway does at start and `ndxpctl config check` does: LoadConfigFile (or the empty
// configuration when `path` is empty), ApplyDefaults and ValidateConfig with `builtin_connectors`
// and their `builtin_services` (see ApplyDefaults). Every error is prefixed with the file name.
absl::StatusOr<ndxp::gateway::v1::GatewayConfig> LoadEffectiveConfig(
    const std::string& path, const std::vector<std::string_view>& builtin_connectors,
    const std::vector<std::string_view>& builtin_services = {});

}  // namespace ndxp::config
