#pragma once
// A client's policy, from its configuration entry into core::Client: the methods it may call
// (most specific pattern first: "pkg.Service/Method", then "pkg.Service/*", then "*"), the response
// fields it may see of each, the purposes it may declare and the provinces it may list.

#include <string_view>

#include <absl/status/status.h>

#include "gateway/core/client.h"
#include "gateway/core/route_table.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::auth {

// Longest purpose a client may declare (x-ndxp-purpose is bounded by the same).
inline constexpr std::size_t kMaxPurposeChars = 64;

// Fills `out`'s policy from `entry` (`path` names it in errors, e.g. "clients[3]"). With a route
// table, grants are resolved per route and field masks compiled against each method's response;
// a method of a routed service that does not exist is an error. Without one, only the form is
// checked.
absl::Status CompilePolicy(const gateway::v1::Client& entry, std::string_view path,
                           const core::RouteTable* routes, core::Client& out);

}  // namespace ndxp::auth
