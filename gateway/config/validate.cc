#include "gateway/config/validate.h"

#include <map>
#include <string>

#include "gateway/config/duration.h"
#include "gateway/config/host_port.h"
#include "gateway/config/scalar_parse.h"
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

absl::Status CheckListeners(const v1::GatewayConfig& config) {
  NDXP_RETURN_IF_ERROR(CheckAddress("grpc.address", config.grpc().address()));
  NDXP_RETURN_IF_ERROR(CheckAddress("http.address", config.http().address()));
  const bool fixed_port = !config.http().address().ends_with(":0");
  if (fixed_port && config.grpc().address() == config.http().address()) {
    return Invalid("http.address", core::Cat("the same as grpc.address (", config.grpc().address(),
                                             "); the listeners need different ports"));
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

}  // namespace

bool IsValidClientId(std::string_view id) { return CheckClientId("id", id).ok(); }

bool IsLowerHexSha256(std::string_view digest) {
  if (digest.size() != 64) return false;
  for (char c : digest) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

absl::Status ValidateConfig(const v1::GatewayConfig& config,
                            const std::vector<std::string_view>& known_connectors) {
  NDXP_RETURN_IF_ERROR(CheckListeners(config));
  NDXP_RETURN_IF_ERROR(CheckLimits(config.limits()));
  NDXP_RETURN_IF_ERROR(CheckClients(config));
  NDXP_RETURN_IF_ERROR(CheckConnectors(config, known_connectors));
  return CheckPositive("shutdown.drain_timeout", config.shutdown().drain_timeout());
}

#undef NDXP_RETURN_IF_ERROR

}  // namespace ndxp::config
