#include "gateway/auth/client_policy.h"

#include <algorithm>
#include <vector>

#include <spdlog/spdlog.h>

#include "gateway/core/strings.h"

namespace ndxp::auth {
namespace {

using core::Cat;

absl::Status Invalid(std::string_view path, std::string_view problem) {
  return absl::InvalidArgumentError(core::ToAbsl(Cat(path, ": ", problem)));
}

bool IsIdentifier(std::string_view part) {
  if (part.empty() || (part[0] >= '0' && part[0] <= '9')) return false;
  for (char c : part) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_';
    if (!ok) return false;
  }
  return true;
}

bool IsDottedName(std::string_view name) {
  if (name.empty()) return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = name.find('.', start);
    if (!IsIdentifier(name.substr(start, dot == std::string_view::npos ? dot : dot - start))) {
      return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

// A method pattern split: service empty for "*"; method "*" for a whole service.
struct Pattern {
  std::string_view service;
  std::string_view method;
  int specificity = 0;  // 0 "*", 1 service, 2 method
};

bool ParsePattern(std::string_view text, Pattern& out) {
  if (text == "*") {
    out = Pattern{{}, "*", 0};
    return true;
  }
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return false;
  std::string_view service = text.substr(0, slash);
  std::string_view method = text.substr(slash + 1);
  if (!IsDottedName(service) || service.find('.') == std::string_view::npos) return false;
  if (method == "*") {
    out = Pattern{service, method, 1};
    return true;
  }
  if (!IsIdentifier(method)) return false;
  out = Pattern{service, method, 2};
  return true;
}

bool Matches(const Pattern& pattern, const core::Route& route) {
  if (pattern.specificity == 0) return true;
  if (pattern.service != route.service_name) return false;
  return pattern.specificity == 1 || pattern.method == route.method_name;
}

bool IsPurpose(std::string_view purpose) {
  if (purpose.empty() || purpose.size() > kMaxPurposeChars) return false;
  for (char c : purpose) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                    c == '.';
    if (!ok) return false;
  }
  return true;
}

bool IsProvinceCode(std::string_view code) {
  return code.size() == 2 && code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9';
}

bool ServiceIsRouted(const core::RouteTable& routes, std::string_view service) {
  for (const auto* routed : routes.services()) {
    if (routed->full_name() == service) return true;
  }
  return false;
}

}  // namespace

absl::Status CompilePolicy(const gateway::v1::Client& entry, std::string_view path,
                           const core::RouteTable* routes, core::Client& out) {
  for (int i = 0; i < entry.purposes_size(); ++i) {
    if (!IsPurpose(entry.purposes(i))) {
      return Invalid(Cat(path, ".purposes[", i, "]"),
                     Cat("a purpose is 1 to ", kMaxPurposeChars,
                         " characters of a-z, 0-9, '-', '_' and '.' (e.g. administrative-procedure)"));
    }
    out.purposes.push_back(entry.purposes(i));
  }
  std::sort(out.purposes.begin(), out.purposes.end());
  out.purposes.erase(std::unique(out.purposes.begin(), out.purposes.end()), out.purposes.end());

  for (int i = 0; i < entry.provinces_size(); ++i) {
    if (!IsProvinceCode(entry.provinces(i))) {
      return Invalid(Cat(path, ".provinces[", i, "]"),
                     Cat("expected a two-digit province code such as \"79\", got \"",
                         entry.provinces(i), "\""));
    }
    out.provinces.push_back(entry.provinces(i));
  }
  std::sort(out.provinces.begin(), out.provinces.end());
  out.provinces.erase(std::unique(out.provinces.begin(), out.provinces.end()), out.provinces.end());

  std::vector<Pattern> patterns(entry.allow_size());
  out.owned_grants.resize(entry.allow_size());
  for (int i = 0; i < entry.allow_size(); ++i) {
    const auto& permission = entry.allow(i);
    const std::string at = Cat(path, ".allow[", i, "]");
    if (!ParsePattern(permission.method(), patterns[i])) {
      return Invalid(Cat(at, ".method"),
                     Cat("expected \"package.Service/Method\", \"package.Service/*\" or \"*\", got \"",
                         permission.method(), "\""));
    }
    for (int k = 0; k < i; ++k) {
      if (entry.allow(k).method() == permission.method()) {
        return Invalid(Cat(at, ".method"), Cat("\"", permission.method(), "\" is listed twice"));
      }
    }
    if (permission.fields_size() > 0 && patterns[i].specificity != 2) {
      return Invalid(Cat(at, ".fields"),
                     "a field mask names fields of one response message: give it with one "
                     "method, not a wildcard");
    }
    out.owned_grants[i].pattern = permission.method();
  }
  if (routes == nullptr) return absl::OkStatus();

  out.grants.assign(routes->size(), nullptr);
  std::vector<int> best(routes->size(), -1);
  for (int i = 0; i < entry.allow_size(); ++i) {
    const Pattern& pattern = patterns[i];
    bool matched = false;
    for (const auto& route : routes->routes()) {
      if (!Matches(pattern, *route)) continue;
      matched = true;
      const int current = best[route->index];
      if (current < 0 || patterns[current].specificity < pattern.specificity) {
        best[route->index] = i;
      }
    }
    if (matched || pattern.specificity == 0) continue;
    if (ServiceIsRouted(*routes, pattern.service)) {
      return Invalid(Cat(path, ".allow[", i, "].method"),
                     Cat("service ", pattern.service, " has no method \"", pattern.method, "\""));
    }
    spdlog::warn("{}.allow[{}]: service {} is not routed by this gateway", path, i,
                 pattern.service);
  }
  for (const auto& route : routes->routes()) {
    const int i = best[route->index];
    if (i < 0) continue;
    core::MethodGrant& grant = out.owned_grants[i];
    const auto& fields = entry.allow(i).fields();
    if (!fields.empty() && !grant.mask.has_value()) {
      std::vector<std::string> paths(fields.begin(), fields.end());
      auto mask = core::FieldMask::Compile(*route->response_prototype->GetDescriptor(), paths);
      if (!mask.ok()) {
        return Invalid(Cat(path, ".allow[", i, "].fields"), std::string(mask.status().message()));
      }
      grant.mask = *std::move(mask);
    }
    out.grants[route->index] = &grant;
  }
  return absl::OkStatus();
}

}  // namespace ndxp::auth
