#include "gateway/config/validate_limits.h"

#include <map>
#include <string>

#include "gateway/config/rate.h"
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

// rate, burst and the two quotas, common to a client's limits and its per-connector entries.
absl::Status CheckLimitSet(std::string_view path, const std::string& rate, std::uint32_t burst,
                           std::uint64_t quota_daily, std::uint64_t quota_monthly) {
  if (!rate.empty()) {
    auto parsed = ParseRate(rate);
    if (!parsed.ok()) return Invalid(core::Cat(path, ".rate"), core::ToStd(parsed.status().message()));
  } else if (burst != 0) {
    return Invalid(core::Cat(path, ".burst"), "a burst needs a rate (set rate too)");
  }
  if (burst > kMaxBurst) {
    return Invalid(core::Cat(path, ".burst"),
                   core::Cat(burst, " is out of range (1 to ", kMaxBurst, ")"));
  }
  if (quota_daily > kMaxQuota) {
    return Invalid(core::Cat(path, ".quota_daily"),
                   core::Cat(quota_daily, " is more than ", kMaxQuota, " (0 means no quota)"));
  }
  if (quota_monthly > kMaxQuota) {
    return Invalid(core::Cat(path, ".quota_monthly"),
                   core::Cat(quota_monthly, " is more than ", kMaxQuota, " (0 means no quota)"));
  }
  if (quota_daily != 0 && quota_monthly != 0 && quota_daily > quota_monthly) {
    return Invalid(core::Cat(path, ".quota_daily"),
                   core::Cat(quota_daily, " is more than quota_monthly (", quota_monthly, ")"));
  }
  return absl::OkStatus();
}

std::string KnownList(const std::vector<std::string_view>& known) {
  std::string list;
  for (std::string_view name : known) core::Append(list, list.empty() ? "" : ", ", name);
  return list;
}

absl::Status CheckBulkhead(std::string_view path, std::uint32_t max) {
  if (max <= kMaxConcurrentCallsLimit) return absl::OkStatus();
  return Invalid(path, core::Cat(max, " is more than ", kMaxConcurrentCallsLimit,
                                 " (0 means no limit)"));
}

}  // namespace

absl::Status CheckClientLimits(const v1::ClientLimits& limits, std::string_view path,
                               const std::vector<std::string_view>& known_connectors) {
  NDXP_RETURN_IF_ERROR(CheckLimitSet(path, limits.rate(), limits.burst(), limits.quota_daily(),
                                     limits.quota_monthly()));
  std::map<std::string, int, std::less<>> seen;
  for (int k = 0; k < limits.connectors_size(); ++k) {
    const v1::ConnectorLimits& entry = limits.connectors(k);
    const std::string prefix = core::Cat(path, ".connectors[", k, "]");
    const std::string name_path = core::Cat(prefix, ".connector");
    if (entry.connector().empty()) {
      return Invalid(name_path, known_connectors.empty()
                                    ? std::string("an entry needs a connector name")
                                    : core::Cat("an entry needs a connector name (known: ",
                                                KnownList(known_connectors), ")"));
    }
    if (!known_connectors.empty()) {
      bool known = false;
      for (std::string_view name : known_connectors) known = known || name == entry.connector();
      if (!known) {
        return Invalid(name_path, core::Cat("unknown connector \"", entry.connector(),
                                            "\" (known: ", KnownList(known_connectors), ")"));
      }
    }
    if (auto [it, fresh] = seen.emplace(entry.connector(), k); !fresh) {
      return Invalid(name_path, core::Cat("duplicate connector \"", entry.connector(), "\" (also ",
                                          path, ".connectors[", it->second, "])"));
    }
    if (entry.rate().empty() && entry.quota_daily() == 0 && entry.quota_monthly() == 0) {
      return Invalid(prefix, "sets no limit (rate, quota_daily or quota_monthly)");
    }
    NDXP_RETURN_IF_ERROR(CheckLimitSet(prefix, entry.rate(), entry.burst(), entry.quota_daily(),
                                       entry.quota_monthly()));
  }
  return absl::OkStatus();
}

absl::Status ValidateLimits(const v1::GatewayConfig& config) {
  std::vector<std::string_view> known;
  for (const v1::Connector& connector : config.connectors()) known.push_back(connector.name());
  for (const v1::Upstream& upstream : config.upstreams()) known.push_back(upstream.name());
  for (int i = 0; i < config.clients_size(); ++i) {
    if (!config.clients(i).has_limits()) continue;
    NDXP_RETURN_IF_ERROR(
        CheckClientLimits(config.clients(i).limits(), core::Cat("clients[", i, "].limits"), known));
  }
  for (int i = 0; i < config.connectors_size(); ++i) {
    NDXP_RETURN_IF_ERROR(CheckBulkhead(core::Cat("connectors[", i, "].max_concurrent_calls"),
                                       config.connectors(i).max_concurrent_calls()));
  }
  for (int i = 0; i < config.upstreams_size(); ++i) {
    NDXP_RETURN_IF_ERROR(CheckBulkhead(core::Cat("upstreams[", i, "].max_concurrent_calls"),
                                       config.upstreams(i).max_concurrent_calls()));
  }
  return absl::OkStatus();
}

#undef NDXP_RETURN_IF_ERROR

}  // namespace ndxp::config
