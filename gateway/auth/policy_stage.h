#pragma once
// The policy stage: what the identified client may do with this route, checked before the call
// reaches its target (so that a refusal says nothing of whether the record exists, AIP-193).
// - The method must be granted by the client's `allow` list: else PERMISSION_DENIED,
//   METHOD_NOT_ALLOWED. A JWT with scopes narrows it further: one scope must be the method's
//   service ("pkg.Service", "pkg.Service/*"), the method ("pkg.Service/Method") or "*": else
//   METHOD_NOT_IN_TOKEN_SCOPE.
// - A method that reads personal data needs a declared purpose (x-ndxp-purpose) among the
//   client's purposes: else PERMISSION_DENIED, PURPOSE_REQUIRED or PURPOSE_NOT_ALLOWED.
// - A listing method (its request has a top-level `province_code`) of a client restricted to some
//   provinces must name one of them: else PERMISSION_DENIED, PROVINCE_NOT_ALLOWED. The request
//   is parsed for this only for such clients.
// - The response field mask of the grant clears every other field of every response message
//   (unary and streamed, in-process and remote, whatever the protocol); responses are parsed for
//   this only for clients with a mask.
// Refusals are counted in ndxp_gateway_policy_refusals_total{client,reason}.

#include <memory>
#include <string_view>
#include <vector>

#include <google/protobuf/descriptor.h>

#include "gateway/core/call.h"
#include "gateway/core/route_table.h"
#include "gateway/core/stage.h"
#include "gateway/metrics/registry.h"

namespace ndxp::auth {

class PolicyStage final : public core::Stage {
 public:
  PolicyStage(const core::Route& route, metrics::Family<metrics::Counter>& refusals);

  std::string_view name() const override { return "policy"; }
  core::Verdict OnRequest(core::Call& call) override;

  bool inspects_requests() const override { return province_field_ != nullptr; }
  bool InspectsRequestsOf(const core::Call& call) const override;
  absl::Status OnRequestMessage(core::Call& call, const google::protobuf::Message& request) override;

  bool inspects_responses() const override { return true; }
  bool InspectsResponsesOf(const core::Call& call) const override;
  absl::Status OnResponseMessage(core::Call& call, google::protobuf::Message& response) override;

 private:
  absl::Status Refuse(const core::Call& call, std::string_view reason, std::string message);
  bool InTokenScope(const std::vector<std::string>& scopes) const;

  const core::Route& route_;
  std::string method_;            // "pkg.Service/Method"
  std::string service_wildcard_;  // "pkg.Service/*"
  const google::protobuf::FieldDescriptor* province_field_ = nullptr;
  metrics::Family<metrics::Counter>& refusals_;
};

class PolicyFactory final : public core::StageFactory {
 public:
  PolicyFactory(const core::RouteTable& routes, metrics::Registry& metrics);
  std::string_view name() const override { return "policy"; }
  core::Stage* ForRoute(const core::Route* route) override;

 private:
  std::vector<std::unique_ptr<PolicyStage>> stages_;  // by route index
};

}  // namespace ndxp::auth
