#include "gateway/auth/identify_stage.h"

#include <absl/time/clock.h>

#include "gateway/auth/auth_failures.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::auth {
namespace {

using core::Cat;
namespace v1 = gateway::v1;

constexpr std::array<std::string_view, IdentifyStage::kFailureCount> kReasons = {
    "API_KEY_MISSING",         "API_KEY_INVALID",         "API_KEY_EXPIRED",
    "API_KEY_REVOKED",         "CLIENT_RETIRED",          "CREDENTIAL_DUPLICATED",
    "CREDENTIAL_NOT_ACCEPTED", "CREDENTIALS_CONFLICT"};

// Metric label values (the first two as they were before issued keys existed).
constexpr std::array<std::string_view, IdentifyStage::kFailureCount> kLabels = {
    "missing_api_key",         "invalid_api_key",        "expired_api_key",
    "revoked_api_key",         "client_retired",         "credential_duplicated",
    "credential_not_accepted", "credentials_conflict"};

std::string Day(absl::Time t) { return absl::FormatTime("%Y-%m-%d", t, absl::UTCTimeZone()); }

bool IsBearer(std::string_view value) {
  return value.size() > 7 && (value.substr(0, 7) == "Bearer " || value.substr(0, 7) == "bearer ");
}

}  // namespace

AcceptedCredentials AcceptedCredentials::From(const google::protobuf::RepeatedField<int>& credentials) {
  AcceptedCredentials out;
  if (credentials.empty()) return out;
  out = AcceptedCredentials{false, false, false};
  for (int kind : credentials) {
    out.certificate |= kind == v1::CREDENTIAL_CERTIFICATE;
    out.api_key |= kind == v1::CREDENTIAL_API_KEY;
    out.jwt |= kind == v1::CREDENTIAL_JWT;
  }
  return out;
}

IdentifyStage::IdentifyStage(const RegistrySource& registry, AcceptedCredentials grpc,
                             AcceptedCredentials http, metrics::Registry& metrics)
    : registry_(registry), grpc_(grpc), http_(http) {
  auto& family = AddAuthFailures(metrics);
  for (std::size_t p = 0; p < core::kProtocolCount; ++p) {
    auto protocol = core::ProtocolName(static_cast<core::Protocol>(p));
    for (std::size_t f = 0; f < kFailureCount; ++f) {
      failures_[p][f] = &family.WithLabels({protocol, kLabels[f]});
    }
  }
}

core::Verdict IdentifyStage::Refuse(core::Call& call, Failure failure, absl::Status status) {
  failures_[static_cast<std::size_t>(call.context().protocol)][failure]->Inc();
  return core::Verdict::Stop(std::move(status));
}

core::Verdict IdentifyStage::OnRequest(core::Call& call) {
  core::CallContext& context = call.context();
  if (context.client != nullptr) return core::Verdict::Continue();  // identified earlier
  const AcceptedCredentials& accepted = AcceptedFor(context.protocol);
  const core::RequestHeaders& headers = call.headers();
  auto refuse = [&](Failure failure, std::string message,
                    std::initializer_list<std::pair<std::string_view, std::string_view>> metadata =
                        {}) {
    return Refuse(call, failure,
                  core::ErrorWithReason(absl::StatusCode::kUnauthenticated, message,
                                        kReasons[failure], metadata));
  };

  const std::size_t keys = headers.Count(kApiKeyHeader);
  const std::size_t authorizations = headers.Count(kAuthorizationHeader);
  if (keys > 1) {
    return refuse(kCredentialDuplicated,
                  Cat("x-api-key sent ", keys, " times: send one API key, once"),
                  {{"header", kApiKeyHeader}});
  }
  if (authorizations > 1) {
    return refuse(kCredentialDuplicated,
                  Cat("authorization sent ", authorizations, " times: send one credential, once"),
                  {{"header", kAuthorizationHeader}});
  }
  std::optional<std::string_view> api_key = headers.Get(kApiKeyHeader);
  if (api_key.has_value() && api_key->empty()) api_key.reset();
  std::optional<std::string_view> authorization = headers.Get(kAuthorizationHeader);

  if (authorization.has_value()) {
    if (!IsBearer(*authorization)) {
      return refuse(kCredentialNotAccepted,
                    "authorization: only \"Bearer <JWT>\" is understood; send an API key in "
                    "x-api-key instead",
                    {{"header", kAuthorizationHeader}});
    }
    return refuse(kCredentialNotAccepted,
                  accepted.jwt ? "JWT bearer tokens are not configured on this gateway (jwt.jwks_file); "
                                 "send an API key in x-api-key"
                               : "JWT bearer tokens are not accepted on this listener",
                  {{"credential", "jwt"}});
  }
  if (!api_key.has_value()) {
    return refuse(kApiKeyMissing,
                  accepted.api_key
                      ? "missing API key: send it in the x-api-key header (gRPC metadata)"
                      : "missing credentials: this listener takes a client certificate",
                  {});
  }
  if (!accepted.api_key) {
    return refuse(kCredentialNotAccepted,
                  "API keys are not accepted on this listener: identify with a client certificate",
                  {{"credential", "api_key"}});
  }

  std::shared_ptr<const ClientRegistry> registry = registry_.Current();
  ApiKeyMatch match = registry->MatchApiKey(api_key, absl::Now());
  switch (match.verdict) {
    case KeyVerdict::kAccepted:
      break;
    case KeyVerdict::kMissing:
    case KeyVerdict::kUnknown:
      return refuse(kApiKeyInvalid,
                    KeyIdOf(*api_key).empty()
                        ? std::string("invalid API key: no registered client has it")
                        : Cat("invalid API key: key id ", KeyIdOf(*api_key),
                              " is not in the key store, or its secret part is wrong"),
                    {});
    case KeyVerdict::kExpired:
      return refuse(kApiKeyExpired,
                    Cat("API key ", match.key_id, " of client ", match.client->id, " expired on ",
                        Day(match.when), ": ask the gateway's operators for a new key"),
                    {{"client_id", match.client->id}, {"key_id", match.key_id}});
    case KeyVerdict::kRevoked:
      return refuse(kApiKeyRevoked,
                    Cat("API key ", match.key_id, " of client ", match.client->id,
                        " was revoked on ", Day(match.when),
                        ": ask the gateway's operators for a new key"),
                    {{"client_id", match.client->id}, {"key_id", match.key_id}});
    case KeyVerdict::kClientRetired:
      return refuse(kClientRetired,
                    match.client->successor.empty()
                        ? Cat("client ", match.client->id, " is retired; its credentials are refused")
                        : Cat("client ", match.client->id, " is retired; its successor is ",
                              match.client->successor, ": call with the successor's credentials"),
                    {{"client_id", match.client->id}, {"successor", match.client->successor}});
  }
  context.client = match.client;
  context.credential = kApiKeyCredential;
  context.credential_id.assign(match.key_id.data(), match.key_id.size());
  context.client_owner = std::move(registry);
  return core::Verdict::Continue();
}

}  // namespace ndxp::auth
