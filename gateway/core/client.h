#pragma once
// A registered calling system, as every stage and handler sees it once the caller is identified:
// who it is, and what its policy lets it do (compiled against the route table when the registry
// is loaded, so that a call's check is an index into an array).

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/field_mask.h"

namespace ndxp::gateway::v1 {
class ClientLimits;
}

namespace ndxp::core {

struct Route;

// What a client may do with one method.
struct MethodGrant {
  std::string pattern;             // as configured: "pkg.Service/Method", "pkg.Service/*", "*"
  std::optional<FieldMask> mask;   // the response fields it may see; none: every field
};

struct Client {
  std::string id;            // e.g. "VN:PROV:79:ONESTOP"
  std::string display_name;  // e.g. "Hệ thống một cửa TP Hồ Chí Minh"
  std::size_t index = 0;     // dense and stable for the process's life (reloads keep an id's
                             // index): slot in per-client arrays such as metric series
  // A client that no longer exists (a province merged on 1 July 2025): its credentials are
  // refused, naming the successor.
  bool retired = false;
  std::string successor;

  // Policy. grants[route.index]: the grant for that route, or nullptr (not allowed). A client
  // built without a route table (tests) has none: every method is refused.
  std::vector<MethodGrant> owned_grants;
  std::vector<const MethodGrant*> grants;
  std::vector<std::string> purposes;   // sorted
  std::vector<std::string> provinces;  // sorted; empty: every province

  const MethodGrant* GrantFor(std::size_t route_index) const {
    return route_index < grants.size() ? grants[route_index] : nullptr;
  }
  // Rate limits and quotas as configured (clients[].limits, bursts defaulted), or null: none. The
  // limit stages read them when a snapshot comes into force (gateway/metering/limits).
  std::shared_ptr<const gateway::v1::ClientLimits> limits;

  bool MayDeclare(std::string_view purpose) const;
  bool MayList(std::string_view province_code) const;
};

}  // namespace ndxp::core
