#include "gateway/auth/policy_stage.h"

#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::auth {
namespace {

using core::Cat;
using google::protobuf::FieldDescriptor;

std::string Purposes(const core::Client& client) {
  if (client.purposes.empty()) return "none";
  std::string out;
  for (const std::string& p : client.purposes) {
    if (!out.empty()) out += ", ";
    out += p;
  }
  return out;
}

}  // namespace

PolicyStage::PolicyStage(const core::Route& route, metrics::Family<metrics::Counter>& refusals)
    : route_(route),
      method_(Cat(route.service_name, "/", route.method_name)),
      service_wildcard_(Cat(route.service_name, "/*")),
      refusals_(refusals) {
  if (route.request_prototype != nullptr) {
    const FieldDescriptor* field =
        route.request_prototype->GetDescriptor()->FindFieldByName("province_code");
    if (field != nullptr && field->type() == FieldDescriptor::TYPE_STRING && !field->is_repeated()) {
      province_field_ = field;
    }
  }
}

absl::Status PolicyStage::Refuse(const core::Call& call, std::string_view reason,
                                 std::string message) {
  const std::string client(call.context().client_id());
  refusals_.WithLabels({client, std::string(reason)}).Inc();
  return core::ErrorWithReason(absl::StatusCode::kPermissionDenied, message, reason,
                               {{"client_id", client}, {"method", method_}});
}

core::Verdict PolicyStage::OnRequest(core::Call& call) {
  const core::CallContext& context = call.context();
  const core::Client* client = context.client;
  if (client == nullptr) {
    return core::Verdict::Stop(Refuse(call, "METHOD_NOT_ALLOWED",
                                      Cat(method_, ": the caller is not a registered client")));
  }
  if (client->GrantFor(route_.index) == nullptr) {
    return core::Verdict::Stop(Refuse(
        call, "METHOD_NOT_ALLOWED",
        Cat("client ", client->id, " may not call ", method_,
            ": the method is not in its policy (ask the gateway's operators to allow it)")));
  }
  if (context.token_scopes != nullptr && !context.token_scopes->empty() &&
      !InTokenScope(*context.token_scopes)) {
    return core::Verdict::Stop(Refuse(
        call, "METHOD_NOT_IN_TOKEN_SCOPE",
        Cat("the bearer token's scopes do not include ", method_, " (a scope is \"",
            route_.service_name, "\", \"", method_, "\" or \"*\")")));
  }
  if (route_.reads_personal_data) {
    if (context.purpose.empty()) {
      return core::Verdict::Stop(Refuse(
          call, "PURPOSE_REQUIRED",
          Cat(method_, " reads personal data: declare why in the x-ndxp-purpose header (client ",
              client->id, " may declare: ", Purposes(*client), ")")));
    }
    if (!client->MayDeclare(context.purpose)) {
      return core::Verdict::Stop(Refuse(
          call, "PURPOSE_NOT_ALLOWED",
          Cat("client ", client->id, " may not declare purpose \"", context.purpose,
              "\" (it may declare: ", Purposes(*client), ")")));
    }
  }
  return core::Verdict::Continue();
}

bool PolicyStage::InTokenScope(const std::vector<std::string>& scopes) const {
  for (const std::string& scope : scopes) {
    if (scope == "*" || scope == method_ || scope == route_.service_name ||
        scope == service_wildcard_) {
      return true;
    }
  }
  return false;
}

bool PolicyStage::InspectsRequestsOf(const core::Call& call) const {
  const core::Client* client = call.context().client;
  return client != nullptr && !client->provinces.empty();
}

absl::Status PolicyStage::OnRequestMessage(core::Call& call,
                                           const google::protobuf::Message& request) {
  const core::Client& client = *call.context().client;
  const std::string province = request.GetReflection()->GetString(request, province_field_);
  if (client.MayList(province) && !province.empty()) return absl::OkStatus();
  std::string allowed;
  for (const std::string& p : client.provinces) {
    if (!allowed.empty()) allowed += ", ";
    allowed += p;
  }
  return Refuse(call, "PROVINCE_NOT_ALLOWED",
                province.empty()
                    ? Cat("client ", client.id, " must name its province in province_code (",
                          allowed, ")")
                    : Cat("client ", client.id, " may not list province ", province,
                          " (it may list: ", allowed, ")"));
}

bool PolicyStage::InspectsResponsesOf(const core::Call& call) const {
  const core::Client* client = call.context().client;
  if (client == nullptr) return false;
  const core::MethodGrant* grant = client->GrantFor(route_.index);
  return grant != nullptr && grant->mask.has_value();
}

absl::Status PolicyStage::OnResponseMessage(core::Call& call, google::protobuf::Message& response) {
  const core::MethodGrant* grant = call.context().client->GrantFor(route_.index);
  if (grant != nullptr && grant->mask.has_value()) grant->mask->Apply(response);
  return absl::OkStatus();
}

PolicyFactory::PolicyFactory(const core::RouteTable& routes, metrics::Registry& metrics) {
  auto& refusals = metrics.AddCounter(
      "ndxp_gateway_policy_refusals_total",
      "Calls refused by a client's policy (method, purpose, province), by client and reason.",
      {"client", "reason"});
  stages_.resize(routes.size());
  for (const auto& route : routes.routes()) {
    stages_[route->index] = std::make_unique<PolicyStage>(*route, refusals);
  }
}

core::Stage* PolicyFactory::ForRoute(const core::Route* route) {
  if (route == nullptr || route->index >= stages_.size()) return nullptr;
  return stages_[route->index].get();
}

}  // namespace ndxp::auth
