#include "gateway/auth/caller_assertion_stage.h"

#include <spdlog/spdlog.h>

#include "gateway/core/route_table.h"
#include "gateway/auth/auth_failures.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"
#include "google/rpc/error_details.pb.h"

namespace ndxp::auth {
namespace {

constexpr std::string_view kErrorInfoType = "type.googleapis.com/google.rpc.ErrorInfo";

// The ErrorInfo reason Verify attached to `status`, empty when it has none.
std::string ReasonOf(const absl::Status& status) {
  auto payload = status.GetPayload(core::ToAbsl(kErrorInfoType));
  google::rpc::ErrorInfo info;
  if (!payload || !info.ParseFromString(std::string(*payload))) return "";
  return info.reason();
}

}  // namespace

CallerAssertionIdentifyStage::CallerAssertionIdentifyStage(std::optional<CallerAssertionKey> key,
                                                           absl::Duration max_age,
                                                           metrics::Registry& registry,
                                                           std::function<absl::Time()> clock)
    : key_(std::move(key)), max_age_(max_age), clock_(std::move(clock)) {
  auto& family = AddAuthFailures(registry);
  for (std::size_t p = 0; p < core::kProtocolCount; ++p) {
    auto protocol = core::ProtocolName(static_cast<core::Protocol>(p));
    failures_[p][kMissing] = &family.WithLabels({protocol, kMissingAssertion});
    failures_[p][kInvalid] = &family.WithLabels({protocol, kInvalidAssertion});
    failures_[p][kExpired] = &family.WithLabels({protocol, kExpiredAssertion});
  }
}

core::Verdict CallerAssertionIdentifyStage::OnRequest(core::Call& call) {
  core::CallContext& context = call.context();
  if (!key_.has_value()) {
    context.credential = kNoCredential;
    return core::Verdict::Continue();
  }
  std::optional<std::string_view> assertion = call.headers().Get(kCallerAssertionHeader);
  if (!assertion.has_value() || assertion->empty()) {
    return Refuse(context.protocol, kMissing,
                  core::ErrorWithReason(
                      absl::StatusCode::kUnauthenticated,
                      "missing caller assertion: this connector serves calls from its gateway only",
                      "CALLER_ASSERTION_MISSING"));
  }
  const std::string_view method =
      context.route != nullptr ? std::string_view(context.route->full_method) : kAnyMethod;
  absl::StatusOr<CallerClaims> claims = key_->Verify(*assertion, method, clock_(), max_age_);
  if (!claims.ok()) {
    const std::string reason = ReasonOf(claims.status());
    const bool window = reason == kAssertionExpired || reason == kAssertionFromFuture;
    return Refuse(context.protocol, window ? kExpired : kInvalid, claims.status());
  }
  context.client = &ClientFor(claims->client_id);
  context.credential = kAssertionCredential;
  context.purpose = std::move(claims->purpose);
  context.dossier_id = std::move(claims->dossier_id);
  context.procedure_id = std::move(claims->procedure_id);
  return core::Verdict::Continue();
}

core::Verdict CallerAssertionIdentifyStage::Refuse(core::Protocol protocol, Failure failure,
                                                   absl::Status status) {
  failures_[static_cast<std::size_t>(protocol)][failure]->Inc();
  return core::Verdict::Stop(std::move(status));
}

const core::Client& CallerAssertionIdentifyStage::ClientFor(std::string_view id) {
  {
    absl::ReaderMutexLock lock(&mu_);
    if (auto it = by_id_.find(core::ToAbsl(id)); it != by_id_.end()) return *it->second;
    if (overflow_ != nullptr) return *overflow_;  // full: the map no longer grows
  }
  absl::MutexLock lock(&mu_);
  if (auto it = by_id_.find(core::ToAbsl(id)); it != by_id_.end()) return *it->second;
  if (overflow_ != nullptr) return *overflow_;
  if (by_id_.size() < kMaxAssertedClients) {
    // No registry, no display names: the id stands for both.
    const core::Client& client = clients_.emplace_back(core::Client{
        .id = std::string(id), .display_name = std::string(id), .index = clients_.size()});
    by_id_.emplace(client.id, &client);
    return client;
  }
  overflow_ = &clients_.emplace_back(core::Client{.id = std::string(kOverflowClientId),
                                                  .display_name = "other clients",
                                                  .index = clients_.size()});
  spdlog::warn(
      "caller assertions named more than {} distinct client ids; calls of further clients are "
      "identified as '{}'",
      kMaxAssertedClients, kOverflowClientId);
  return *overflow_;
}

}  // namespace ndxp::auth
