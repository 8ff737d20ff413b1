#pragma once
// The identify stage of ndxp-connector: the caller is whoever the gateway's signed
// x-ndxp-caller-assertion says (caller_assertion.h), with the purpose, dossier and procedure the
// assertion carries; a call without a valid assertion is UNAUTHENTICATED (counted by reason). The
// sibling of IdentifyStage, which identifies the gateway's own callers.
//
// - No key configured: every call continues unidentified (context.client nullptr, credential
//   "none"); the process says so in its log at start.
// - On a route, the assertion must be for the route's full method. On the no-route chain
//   (route == nullptr) it must verify for whatever method it names, without a method comparison:
//   a caller without a valid assertion learns nothing, not even which methods exist, and the
//   call then ends UNIMPLEMENTED as any unrouted call.
// - The connector has no client registry: asserted client ids are interned here, each with one
//   core::Client for the life of the stage (stable address, dense index in first-seen order). At
//   most kMaxAssertedClients distinct ids get their own entry; later ones all share the client
//   kOverflowClientId (logged once as a warning), so per-client metrics stay bounded.

#include <array>
#include <cstddef>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <absl/base/thread_annotations.h>
#include <absl/container/flat_hash_map.h>
#include <absl/synchronization/mutex.h>
#include <absl/time/clock.h>
#include <absl/time/time.h>

#include "gateway/auth/caller_assertion.h"
#include "gateway/core/call.h"
#include "gateway/core/client.h"
#include "gateway/core/protocol.h"
#include "gateway/core/stage.h"
#include "gateway/metrics/registry.h"

namespace ndxp::auth {

// Distinct asserted client ids with an entry of their own.
inline constexpr std::size_t kMaxAssertedClients = 1024;
// The client that every id beyond kMaxAssertedClients is identified as.
inline constexpr std::string_view kOverflowClientId = "other";
// context.credential values set by the stage.
inline constexpr std::string_view kAssertionCredential = "gateway_assertion";
inline constexpr std::string_view kNoCredential = "none";
// Label values of ndxp_gateway_auth_failures_total{reason}: no header; malformed, bad signature
// or wrong method; outside the validity window (expired or from the future).
inline constexpr std::string_view kMissingAssertion = "missing_assertion";
inline constexpr std::string_view kInvalidAssertion = "invalid_assertion";
inline constexpr std::string_view kExpiredAssertion = "expired_assertion";

class CallerAssertionIdentifyStage final : public core::Stage {
 public:
  // `max_age`: how old (or, for clock skew, how far ahead of `clock`) an assertion may be.
  // Registers ndxp_gateway_auth_failures_total (so it cannot share a registry with
  // IdentifyStage).
  CallerAssertionIdentifyStage(std::optional<CallerAssertionKey> key, absl::Duration max_age,
                               metrics::Registry& registry,
                               std::function<absl::Time()> clock = absl::Now);

  std::string_view name() const override { return "caller_assertion_identify"; }
  core::Verdict OnRequest(core::Call& call) override;

  // Bound on the number of distinct clients (and on their index + 1): kMaxAssertedClients plus
  // the overflow client. Per-client arrays of this size never overflow.
  std::size_t max_clients() const { return kMaxAssertedClients + 1; }

  // The interned client for `id` (created on first sight; the overflow client once full).
  // Thread-safe; the reference lives as long as the stage.
  const core::Client& ClientFor(std::string_view id);

 private:
  enum Failure : std::size_t { kMissing = 0, kInvalid = 1, kExpired = 2, kFailureCount = 3 };
  core::Verdict Refuse(core::Protocol protocol, Failure failure, absl::Status status);

  const std::optional<CallerAssertionKey> key_;
  const absl::Duration max_age_;
  const std::function<absl::Time()> clock_;
  std::array<std::array<metrics::Counter*, kFailureCount>, core::kProtocolCount> failures_{};

  absl::Mutex mu_;
  absl::flat_hash_map<std::string, const core::Client*> by_id_ ABSL_GUARDED_BY(mu_);
  std::deque<core::Client> clients_ ABSL_GUARDED_BY(mu_);  // deque: addresses stay put
  const core::Client* overflow_ ABSL_GUARDED_BY(mu_) = nullptr;
};

class CallerAssertionIdentifyFactory final : public core::StageFactory {
 public:
  CallerAssertionIdentifyFactory(std::optional<CallerAssertionKey> key, absl::Duration max_age,
                                 metrics::Registry& registry,
                                 std::function<absl::Time()> clock = absl::Now)
      : stage_(std::move(key), max_age, registry, std::move(clock)) {}
  std::string_view name() const override { return stage_.name(); }
  core::Stage* ForRoute(const core::Route*) override { return &stage_; }

  CallerAssertionIdentifyStage& stage() { return stage_; }

 private:
  CallerAssertionIdentifyStage stage_;
};

}  // namespace ndxp::auth
