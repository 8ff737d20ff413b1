#include "gateway/config/validate.h"

#include <map>
#include <string>
#include <utility>

#include "gateway/config/audit_config.h"
#include "gateway/config/defaults.h"
#include "gateway/config/duration.h"
#include "gateway/config/host_port.h"
#include "gateway/config/scalar_parse.h"
#include "gateway/config/validate_limits.h"
#include "gateway/config/validate_ledger.h"
#include "gateway/config/validate_tls.h"
#include "gateway/core/strings.h"

namespace ndxp::config {
namespace {

namespace v1 = ::ndxp::gateway::v1;

absl::Status Invalid(std::string_view path, std::string_view problem) {
  return absl::InvalidArgumentError(core::ToAbsl(core::Cat(path, ": ", problem)));
}

#define NDXP_RETURN_IF_ERROR(expr)                     \
  do {                                                 \
    if (absl::Status s_ = (expr); !s_.ok()) return s_; \
  } while (false)

bool IsClientIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':' ||
         c == '-' || c == '_' || c == '.';
}

absl::Status CheckAddress(std::string_view path, const std::string& address) {
  absl::StatusOr<HostPort> parsed = ParseHostPort(address);
  if (!parsed.ok()) return Invalid(path, core::ToStd(parsed.status().message()));
  return absl::OkStatus();
}

absl::Status CheckPositive(std::string_view path, const google::protobuf::Duration& duration) {
  if (IsPositive(duration)) return absl::OkStatus();
  return Invalid(path, core::Cat("must be a positive duration, got ", FormatDuration(duration)));
}

// A duration whose 0 means "never" (or "no limit"): well formed and not negative.
absl::Status CheckNotNegative(std::string_view path, const google::protobuf::Duration& duration,
                              std::string_view zero_means) {
  const bool zero = duration.seconds() == 0 && duration.nanos() == 0;
  if (zero || IsPositive(duration)) return absl::OkStatus();
  return Invalid(path, core::Cat("must not be negative, got ", FormatDuration(duration), " (0s ",
                                 zero_means, ")"));
}

absl::Status CheckGrpcConnections(const v1::GrpcListener& grpc) {
  NDXP_RETURN_IF_ERROR(CheckPositive("grpc.keepalive_time", grpc.keepalive_time()));
  NDXP_RETURN_IF_ERROR(CheckPositive("grpc.keepalive_timeout", grpc.keepalive_timeout()));
  NDXP_RETURN_IF_ERROR(CheckPositive("grpc.min_ping_interval", grpc.min_ping_interval()));
  NDXP_RETURN_IF_ERROR(
      CheckNotNegative("grpc.max_connection_idle", grpc.max_connection_idle(), "means never"));
  NDXP_RETURN_IF_ERROR(
      CheckNotNegative("grpc.max_connection_age", grpc.max_connection_age(), "means never"));
  NDXP_RETURN_IF_ERROR(CheckNotNegative("grpc.max_connection_age_grace",
                                        grpc.max_connection_age_grace(), "means no limit"));
  const std::uint32_t streams = grpc.max_concurrent_streams();
  if (streams == 0 || streams > kMaxConcurrentStreamsLimit) {
    return Invalid("grpc.max_concurrent_streams", core::Cat(streams, " is out of range (1 to ",
                                                            kMaxConcurrentStreamsLimit, ")"));
  }
  return absl::OkStatus();
}

absl::Status CheckListeners(const v1::GatewayConfig& config) {
  NDXP_RETURN_IF_ERROR(CheckAddress("grpc.address", config.grpc().address()));
  NDXP_RETURN_IF_ERROR(CheckAddress("http.address", config.http().address()));
  const bool fixed_port = !config.http().address().ends_with(":0");
  if (fixed_port && config.grpc().address() == config.http().address()) {
    return Invalid("http.address", core::Cat("the same as grpc.address (", config.grpc().address(),
                                             "); the listeners need different ports"));
  }
  NDXP_RETURN_IF_ERROR(CheckGrpcConnections(config.grpc()));
  if (config.grpc().has_tls()) {
    NDXP_RETURN_IF_ERROR(CheckTls("grpc.tls", config.grpc().tls(), TlsListener::kGrpc));
  }
  if (config.http().has_tls()) {
    NDXP_RETURN_IF_ERROR(CheckTls("http.tls", config.http().tls(), TlsListener::kHttp));
  }
  if (config.http().threads() > kMaxHttpThreads) {
    return Invalid("http.threads", core::Cat(config.http().threads(), " is more than ",
                                             kMaxHttpThreads, " (0 means one per core)"));
  }
  return CheckPositive("http.idle_timeout", config.http().idle_timeout());
}

absl::Status CheckLimits(const v1::Limits& limits) {
  const std::pair<std::string_view, std::uint32_t> sizes[] = {
      {"limits.max_request_bytes", limits.max_request_bytes()},
      {"limits.max_header_bytes", limits.max_header_bytes()},
      {"limits.max_json_depth", limits.max_json_depth()}};
  for (const auto& [path, value] : sizes) {
    if (value == 0) return Invalid(path, "must be greater than 0");
  }
  if (limits.max_request_bytes() > kMaxRequestBytesLimit) {
    return Invalid("limits.max_request_bytes",
                   core::Cat(limits.max_request_bytes(), " is more than ", kMaxRequestBytesLimit));
  }
  NDXP_RETURN_IF_ERROR(CheckPositive("limits.default_deadline", limits.default_deadline()));
  NDXP_RETURN_IF_ERROR(CheckPositive("limits.max_deadline", limits.max_deadline()));
  if (ToNanos(limits.max_deadline()) < ToNanos(limits.default_deadline())) {
    return Invalid("limits.max_deadline",
                   core::Cat(FormatDuration(limits.max_deadline()),
                             " is shorter than limits.default_deadline (",
                             FormatDuration(limits.default_deadline()), ")"));
  }
  return absl::OkStatus();
}

absl::Status CheckClientId(std::string_view path, std::string_view id) {
  if (id.empty()) return Invalid(path, "a client needs an id");
  if (id.size() > kMaxClientIdLength) {
    return Invalid(
        path, core::Cat(QuoteForError(id), " is longer than ", kMaxClientIdLength, " characters"));
  }
  for (char c : id) {
    if (IsClientIdChar(c)) continue;
    const std::string what = (c > ' ' && c < 0x7f) ? core::Cat("'", c, "'") : "a character";
    return Invalid(path, core::Cat(QuoteForError(id), " contains ", what,
                                   " that is not allowed (allowed: ASCII letters, digits, ':', "
                                   "'-', '_' and '.')"));
  }
  return absl::OkStatus();
}

absl::Status CheckDigest(std::string_view path, std::string_view digest) {
  if (IsLowerHexSha256(digest)) return absl::OkStatus();
  if (digest.starts_with("ndxp_")) {
    return Invalid(path,
                   "this is an API key, not its digest: store the output of "
                   "`ndxpctl key hash` instead, and treat the key as leaked");
  }
  return Invalid(path, core::Cat("expected a SHA-256 digest (64 lowercase hexadecimal "
                                 "characters), got ",
                                 QuoteForError(digest)));
}

absl::Status CheckClients(const v1::GatewayConfig& config) {
  std::map<std::string, std::string, std::less<>> ids;      // id -> path
  std::map<std::string, std::string, std::less<>> digests;  // digest -> path
  for (int i = 0; i < config.clients_size(); ++i) {
    const v1::Client& client = config.clients(i);
    const std::string id_path = core::Cat("clients[", i, "].id");
    NDXP_RETURN_IF_ERROR(CheckClientId(id_path, client.id()));
    if (auto [it, fresh] = ids.emplace(client.id(), id_path); !fresh) {
      return Invalid(id_path,
                     core::Cat("duplicate id \"", client.id(), "\" (also ", it->second, ")"));
    }
    for (int k = 0; k < client.api_key_sha256_size(); ++k) {
      const std::string path = core::Cat("clients[", i, "].api_key_sha256[", k, "]");
      NDXP_RETURN_IF_ERROR(CheckDigest(path, client.api_key_sha256(k)));
      if (auto [it, fresh] = digests.emplace(client.api_key_sha256(k), path); !fresh) {
        return Invalid(path, core::Cat("duplicate digest (also ", it->second,
                                       "); every API key belongs to one client"));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status CheckConnectors(const v1::GatewayConfig& config,
                             const std::vector<std::string_view>& known) {
  std::string known_list;
  for (std::string_view name : known)
    core::Append(known_list, known_list.empty() ? "" : ", ", name);
  std::map<std::string, int, std::less<>> seen;
  for (int i = 0; i < config.connectors_size(); ++i) {
    const std::string& name = config.connectors(i).name();
    const std::string path = core::Cat("connectors[", i, "].name");
    if (name.empty())
      return Invalid(path, core::Cat("a connector needs a name (known: ", known_list, ")"));
    bool is_known = false;
    for (std::string_view k : known) is_known = is_known || k == name;
    if (!is_known) {
      return Invalid(path, core::Cat("unknown connector \"", name, "\" (known: ", known_list, ")"));
    }
    if (auto [it, fresh] = seen.emplace(name, i); !fresh) {
      return Invalid(path, core::Cat("duplicate connector \"", name, "\" (also connectors[",
                                     it->second, "])"));
    }
  }
  return absl::OkStatus();
}

// The built-in connectors and, parallel to them, the services they serve.
struct Builtins {
  const std::vector<std::string_view>& connectors;
  const std::vector<std::string_view>& services;
};

bool IsIdentifierStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool IsIdentifierChar(char c) { return IsIdentifierStart(c) || (c >= '0' && c <= '9'); }

absl::Status CheckServiceName(std::string_view path, std::string_view service) {
  if (service.empty()) {
    return Invalid(path, "an upstream needs a service: its full name, e.g. "
                         "ndxp.population.v1.PopulationService");
  }
  if (IsProtoFullName(service)) return absl::OkStatus();
  return Invalid(path, core::Cat(QuoteForError(service),
                                 " is not a full service name (identifiers joined by dots, e.g. "
                                 "ndxp.population.v1.PopulationService)"));
}

// A service is routed once: by one upstream, and then not by an in-process connector too.
absl::Status CheckRoutedOnce(const v1::GatewayConfig& config, int index, const Builtins& builtins,
                             std::map<std::string, std::string, std::less<>>& services) {
  const std::string& service = config.upstreams(index).service();
  const std::string path = core::Cat("upstreams[", index, "].service");
  if (auto [it, fresh] = services.emplace(service, path); !fresh) {
    return Invalid(path, core::Cat("duplicate service \"", service, "\" (also ", it->second, ")"));
  }
  const std::string_view builtin =
      BuiltinConnectorOf(service, builtins.connectors, builtins.services);
  for (int k = 0; !builtin.empty() && k < config.connectors_size(); ++k) {
    if (config.connectors(k).name() != builtin) continue;
    return Invalid(path, core::Cat(service, " is also served in-process by connectors[", k, "] (",
                                   builtin, "); a service is routed once: remove one of them"));
  }
  return absl::OkStatus();
}

// "HOST:PORT" with the host in lower case, so that equal endpoints compare equal.
std::string EndpointKey(const HostPort& endpoint) {
  std::string host = endpoint.host;
  for (char& c : host) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return endpoint.ipv6 ? core::Cat("[", host, "]:", endpoint.port)
                       : core::Cat(host, ":", endpoint.port);
}

absl::Status CheckEndpoints(const std::string& prefix, const v1::Upstream& upstream) {
  if (upstream.endpoints().empty()) {
    return Invalid(core::Cat(prefix, ".endpoints"),
                   "an upstream needs at least one endpoint (HOST:PORT)");
  }
  std::map<std::string, std::string, std::less<>> seen;  // key -> path
  for (int k = 0; k < upstream.endpoints_size(); ++k) {
    const std::string path = core::Cat(prefix, ".endpoints[", k, "]");
    absl::StatusOr<HostPort> endpoint = ParseEndpoint(upstream.endpoints(k));
    if (!endpoint.ok()) return Invalid(path, core::ToStd(endpoint.status().message()));
    if (auto [it, fresh] = seen.emplace(EndpointKey(*endpoint), path); !fresh) {
      return Invalid(path, core::Cat("duplicate endpoint \"", upstream.endpoints(k), "\" (also ",
                                     it->second, ")"));
    }
  }
  return absl::OkStatus();
}

std::string BalancingNames() {
  std::string names;
  const google::protobuf::EnumDescriptor& type = *v1::Balancing_descriptor();
  for (int i = 0; i < type.value_count(); ++i) {
    if (type.value(i)->number() == v1::BALANCING_UNSPECIFIED) continue;
    core::Append(names, names.empty() ? "" : ", ", EnumValueYamlName(*type.value(i)));
  }
  return names;
}

// " (or did you mean ndxp.population.v1.PopulationService?)" for "PopulationService".
std::string DidYouMean(std::string_view service, const std::vector<std::string_view>& known) {
  for (std::string_view k : known) {
    const bool suffix = k.size() > service.size() && k.ends_with(service);
    if (suffix && k[k.size() - service.size() - 1] == '.') {
      return core::Cat(" (or did you mean ", k, "?)");
    }
  }
  return "";
}

absl::Status CheckDescriptorSet(const std::string& prefix, const v1::Upstream& upstream,
                                const Builtins& builtins) {
  if (!upstream.descriptor_set().empty()) return absl::OkStatus();
  if (!BuiltinConnectorOf(upstream.service(), builtins.connectors, builtins.services).empty()) {
    return absl::OkStatus();
  }
  return Invalid(core::Cat(prefix, ".descriptor_set"),
                 core::Cat(upstream.service(),
                           " is not a built-in service: give its FileDescriptorSet",
                           DidYouMean(upstream.service(), builtins.services)));
}

absl::Status CheckUpstreamSettings(const std::string& prefix, const v1::Upstream& upstream,
                                   const Builtins& builtins) {
  NDXP_RETURN_IF_ERROR(CheckEndpoints(prefix, upstream));
  if (!v1::Balancing_IsValid(upstream.balancing())) {
    return Invalid(core::Cat(prefix, ".balancing"),
                   core::Cat("unknown value ", static_cast<int>(upstream.balancing()),
                             " (known values: ", BalancingNames(), ")"));
  }
  if (upstream.has_timeout()) {
    NDXP_RETURN_IF_ERROR(CheckPositive(core::Cat(prefix, ".timeout"), upstream.timeout()));
  }
  NDXP_RETURN_IF_ERROR(CheckDescriptorSet(prefix, upstream, builtins));
  if (upstream.has_tls()) {
    NDXP_RETURN_IF_ERROR(CheckUpstreamTls(core::Cat(prefix, ".tls"), upstream.tls()));
  }
  const std::uint32_t connections = upstream.connections_per_endpoint();
  if (connections == 0 || connections > kMaxConnectionsPerEndpoint) {
    return Invalid(core::Cat(prefix, ".connections_per_endpoint"),
                   core::Cat(connections, " is out of range (1 to ", kMaxConnectionsPerEndpoint,
                             ")"));
  }
  google::protobuf::Duration min_keepalive;
  min_keepalive.set_seconds(kMinUpstreamKeepaliveSeconds);
  if (!IsPositive(upstream.keepalive_time()) ||
      ToNanos(upstream.keepalive_time()) < ToNanos(min_keepalive)) {
    return Invalid(core::Cat(prefix, ".keepalive_time"),
                   core::Cat("must be at least ", FormatDuration(min_keepalive), ", got ",
                             FormatDuration(upstream.keepalive_time())));
  }
  return absl::OkStatus();
}

absl::Status CheckUpstreams(const v1::GatewayConfig& config, const Builtins& builtins) {
  std::map<std::string, std::string, std::less<>> services;  // service -> path
  for (int i = 0; i < config.upstreams_size(); ++i) {
    const std::string prefix = core::Cat("upstreams[", i, "]");
    const v1::Upstream& upstream = config.upstreams(i);
    NDXP_RETURN_IF_ERROR(CheckServiceName(core::Cat(prefix, ".service"), upstream.service()));
    NDXP_RETURN_IF_ERROR(CheckRoutedOnce(config, i, builtins, services));
    NDXP_RETURN_IF_ERROR(CheckUpstreamSettings(prefix, upstream, builtins));
  }
  return absl::OkStatus();
}

}  // namespace

bool IsValidClientId(std::string_view id) { return CheckClientId("id", id).ok(); }

bool IsLowerHexSha256(std::string_view digest) {
  if (digest.size() != 64) return false;
  for (char c : digest) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool IsProtoFullName(std::string_view name) {
  bool at_start = true;  // of an identifier
  for (char c : name) {
    if (c == '.' && !at_start) {
      at_start = true;
    } else if (at_start ? IsIdentifierStart(c) : IsIdentifierChar(c)) {
      at_start = false;
    } else {
      return false;
    }
  }
  return !at_start;  // not empty, no trailing dot
}

absl::Status ValidateConfig(const v1::GatewayConfig& config,
                            const std::vector<std::string_view>& known_connectors,
                            const std::vector<std::string_view>& known_services) {
  NDXP_RETURN_IF_ERROR(CheckListeners(config));
  NDXP_RETURN_IF_ERROR(CheckLimits(config.limits()));
  NDXP_RETURN_IF_ERROR(CheckClients(config));
  NDXP_RETURN_IF_ERROR(CheckConnectors(config, known_connectors));
  NDXP_RETURN_IF_ERROR(CheckUpstreams(config, Builtins{known_connectors, known_services}));
  NDXP_RETURN_IF_ERROR(ValidateLimits(config));
  NDXP_RETURN_IF_ERROR(
      CheckPositive("upstream_identity.max_age", config.upstream_identity().max_age()));
  NDXP_RETURN_IF_ERROR(ValidateLedger(config.ledger()));
  NDXP_RETURN_IF_ERROR(CheckPositive("shutdown.drain_timeout", config.shutdown().drain_timeout()));
  return CheckAudit(config.audit());
}

#undef NDXP_RETURN_IF_ERROR

}  // namespace ndxp::config
