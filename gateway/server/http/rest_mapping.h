#pragma once
// The REST routes of the API: every google.api.http rule (and its additional_bindings) of every
// routed method, compiled once at start from the methods' descriptors, and matched per request.

#include <absl/status/statusor.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/route_table.h"
#include "gateway/server/http/path_template.h"

namespace ndxp::server::http {

struct RestRule {
  const core::Route* route = nullptr;
  std::string http_method;  // "GET", "POST", "PUT", "PATCH", "DELETE" or a custom kind
  PathTemplate path;
  std::string body;           // "" (no body), "*" (the whole request) or a top-level field
  std::string response_body;  // "" (the whole response) or a top-level response field
  std::vector<std::string> path_fields;  // bound by the path, in proto names: "a.b"
};

struct RestMatch {
  const RestRule* rule = nullptr;     // the rule, when path and method match
  std::vector<PathBinding> bindings;  // its path variables
  std::string allowed;                // no rule, but the path matches these methods: "GET, POST"
};

class RestRouter {
 public:
  // Fails naming the method when a rule is malformed: a bad template, a variable or body naming
  // no field (or a repeated or message field), or two rules with the same method and template.
  static absl::StatusOr<std::unique_ptr<RestRouter>> Build(const core::RouteTable& routes);

  RestMatch Match(std::string_view http_method, std::string_view path) const;
  const std::vector<RestRule>& rules() const { return rules_; }

 private:
  std::vector<RestRule> rules_;  // most specific first
};

}  // namespace ndxp::server::http
