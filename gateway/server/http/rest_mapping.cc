#include "gateway/server/http/rest_mapping.h"

#include <algorithm>

#include "gateway/core/strings.h"
#include "gateway/server/http/rest_binding.h"
#include "google/api/annotations.pb.h"

namespace ndxp::server::http {
namespace {

using google::protobuf::FieldDescriptor;

// The method and path of a rule, whichever pattern it sets.
std::pair<std::string, std::string> MethodAndPath(const google::api::HttpRule& rule) {
  switch (rule.pattern_case()) {
    case google::api::HttpRule::kGet:
      return {"GET", rule.get()};
    case google::api::HttpRule::kPut:
      return {"PUT", rule.put()};
    case google::api::HttpRule::kPost:
      return {"POST", rule.post()};
    case google::api::HttpRule::kDelete:
      return {"DELETE", rule.delete_()};
    case google::api::HttpRule::kPatch:
      return {"PATCH", rule.patch()};
    case google::api::HttpRule::kCustom:
      return {rule.custom().kind(), rule.custom().path()};
    default:
      return {"", ""};
  }
}

absl::Status RuleError(const core::Route& route, std::string_view problem) {
  return absl::InvalidArgumentError(core::ToAbsl(
      core::Cat("google.api.http rule of ", route.method->full_name(), ": ", problem)));
}

absl::Status CheckPathField(const core::Route& route, const std::string& path) {
  auto fields = ResolveFieldPath(*route.method->input_type(), path);
  if (!fields.ok()) return RuleError(route, core::Cat("path variable {", path, "} names no field"));
  const FieldDescriptor& leaf = *fields->back();
  if (leaf.is_repeated() || leaf.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    return RuleError(route, core::Cat("path variable {", path, "} must name a singular scalar"));
  }
  return absl::OkStatus();
}

// body and response_body name a top-level field; it must be a singular message, so that the
// HTTP body is that message's JSON.
absl::Status CheckTopLevelField(const core::Route& route, const google::protobuf::Descriptor& type,
                                const std::string& name, std::string_view what) {
  if (name.empty() || (name == "*" && what == "body")) return absl::OkStatus();
  const FieldDescriptor* field = type.FindFieldByName(name);
  if (field == nullptr) {
    return RuleError(route, core::Cat(what, " \"", name, "\" is no field of ", type.full_name()));
  }
  if (field->is_repeated() || field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
    return RuleError(route, core::Cat(what, " \"", name, "\" must be a singular message field"));
  }
  return absl::OkStatus();
}

absl::StatusOr<RestRule> Compile(const core::Route& route, const google::api::HttpRule& http) {
  auto [method, pattern] = MethodAndPath(http);
  if (method.empty() || pattern.empty()) return RuleError(route, "sets no method and path");
  auto path = PathTemplate::Parse(pattern);
  if (!path.ok()) return RuleError(route, core::ToStd(path.status().message()));
  RestRule rule{&route, method, std::move(*path), http.body(), http.response_body(), {}};
  for (const auto& field : rule.path.VariableFieldPaths()) {
    if (auto status = CheckPathField(route, field); !status.ok()) return status;
    rule.path_fields.push_back(
        FieldPathName(*ResolveFieldPath(*route.method->input_type(), field)));
  }
  if (auto s = CheckTopLevelField(route, *route.method->input_type(), rule.body, "body"); !s.ok()) {
    return s;
  }
  if (auto s = CheckTopLevelField(route, *route.method->output_type(), rule.response_body,
                                  "response_body");
      !s.ok()) {
    return s;
  }
  return rule;
}

}  // namespace

absl::StatusOr<std::unique_ptr<RestRouter>> RestRouter::Build(const core::RouteTable& routes) {
  auto router = std::make_unique<RestRouter>();
  for (const auto& route : routes.routes()) {
    const auto& options = route->method->options();
    if (!options.HasExtension(google::api::http)) continue;
    const google::api::HttpRule& http = options.GetExtension(google::api::http);
    std::vector<const google::api::HttpRule*> all{&http};
    for (const auto& extra : http.additional_bindings()) all.push_back(&extra);
    for (const auto* one : all) {
      auto rule = Compile(*route, *one);
      if (!rule.ok()) return rule.status();
      for (const auto& existing : router->rules_) {
        if (existing.http_method == rule->http_method &&
            existing.path.pattern() == rule->path.pattern()) {
          return RuleError(
              *route, core::Cat(rule->http_method, " ", rule->path.pattern(),
                                " is already mapped to ", existing.route->method->full_name()));
        }
      }
      router->rules_.push_back(std::move(*rule));
    }
  }
  std::stable_sort(router->rules_.begin(), router->rules_.end(),
                   [](const RestRule& a, const RestRule& b) {
                     return a.path.Specificity() < b.path.Specificity();
                   });
  return router;
}

RestMatch RestRouter::Match(std::string_view http_method, std::string_view path) const {
  RestMatch match;
  std::vector<PathBinding> bindings;
  bool verb_matched = false;
  for (const RestRule& rule : rules_) {
    // Rules with a custom verb come first; a path ending in a verb that some rule declares is
    // that verb's, never a verb-less rule's variable ("/v1/citizens/{id}" must not take
    // "1:verify").
    if (verb_matched && rule.path.verb().empty()) break;
    if (!rule.path.Match(path, bindings)) continue;
    verb_matched = verb_matched || !rule.path.verb().empty();
    if (rule.http_method == http_method) {
      match.rule = &rule;
      match.bindings = std::move(bindings);
      match.allowed.clear();
      return match;
    }
    if (match.allowed.find(rule.http_method) == std::string::npos) {
      core::Append(match.allowed, match.allowed.empty() ? "" : ", ", rule.http_method);
    }
  }
  return match;
}

}  // namespace ndxp::server::http
