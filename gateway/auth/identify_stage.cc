#include "gateway/auth/identify_stage.h"

#include <absl/time/clock.h>

#include "gateway/auth/auth_failures.h"
#include "gateway/core/peer_info.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::auth {
namespace {

using core::Cat;
namespace v1 = gateway::v1;

constexpr std::array<std::string_view, IdentifyStage::kFailureCount> kReasons = {
    "API_KEY_MISSING",         "API_KEY_INVALID",         "API_KEY_EXPIRED",
    "API_KEY_REVOKED",         "CLIENT_RETIRED",          "CREDENTIAL_DUPLICATED",
    "CREDENTIAL_NOT_ACCEPTED", "CREDENTIALS_CONFLICT",    "CERTIFICATE_CLIENT_UNKNOWN",
    jwt::kTokenMalformed,
    jwt::kTokenAlgorithmUnsupported, jwt::kTokenKeyUnknown, jwt::kTokenSignatureInvalid,
    jwt::kTokenExpired,        jwt::kTokenNotYetValid,    jwt::kTokenIssuerInvalid,
    jwt::kTokenAudienceInvalid, jwt::kTokenClientMissing, "TOKEN_CLIENT_UNKNOWN"};

// Metric label values (the first two as they were before issued keys existed).
constexpr std::array<std::string_view, IdentifyStage::kFailureCount> kLabels = {
    "missing_api_key",         "invalid_api_key",        "expired_api_key",
    "revoked_api_key",         "client_retired",         "credential_duplicated",
    "credential_not_accepted", "credentials_conflict",   "certificate_client_unknown",
    "token_malformed",
    "token_algorithm_unsupported", "token_key_unknown",   "token_signature_invalid",
    "token_expired",           "token_not_yet_valid",    "token_issuer_invalid",
    "token_audience_invalid",  "token_client_missing",   "token_client_unknown"};

IdentifyStage::Failure TokenFailure(std::string_view reason) {
  for (std::size_t f = IdentifyStage::kTokenMalformed; f < IdentifyStage::kTokenClientUnknown; ++f) {
    if (kReasons[f] == reason) return static_cast<IdentifyStage::Failure>(f);
  }
  return IdentifyStage::kTokenMalformed;
}

std::string Day(absl::Time t) { return absl::FormatTime("%Y-%m-%d", t, absl::UTCTimeZone()); }

std::string RetiredMessage(const core::Client& client) {
  return client.successor.empty()
             ? Cat("client ", client.id, " is retired; its credentials are refused")
             : Cat("client ", client.id, " is retired; its successor is ", client.successor,
                   ": call with the successor's credentials");
}

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

IdentifyStage::IdentifyStage(const RegistrySource& registry, const JwksSource* jwt,
                             AcceptedCredentials grpc, AcceptedCredentials http,
                             metrics::Registry& metrics)
    : registry_(registry), jwt_(jwt), grpc_(grpc), http_(http) {
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
  std::shared_ptr<const ClientRegistry> registry = registry_.Current();
  const absl::Time now = absl::Now();
  const Client* by_token = nullptr;
  std::shared_ptr<const std::vector<std::string>> scopes;

  // A client certificate verified in the handshake, on a listener that identifies by it.
  const Client* by_certificate = nullptr;
  const core::PeerInfo* peer = call.peer();
  if (accepted.certificate && peer != nullptr && !peer->certificate_client_id.empty()) {
    const std::string& id = peer->certificate_client_id;
    by_certificate = registry->FindClient(id);
    if (by_certificate == nullptr) {
      return refuse(kCertificateClientUnknown,
                    Cat("the client certificate names client \"", id, "\", which is not registered"),
                    {{"client_id", id}});
    }
    if (by_certificate->retired) {
      return refuse(kClientRetired, RetiredMessage(*by_certificate),
                    {{"client_id", by_certificate->id}, {"successor", by_certificate->successor}});
    }
  }
  if (by_certificate == nullptr && !api_key.has_value() && !authorization.has_value()) {
    return refuse(kApiKeyMissing,
                  accepted.api_key
                      ? (accepted.jwt && jwt_ != nullptr
                             ? "missing credentials: send an API key in x-api-key or a JWT in "
                               "authorization: Bearer (gRPC metadata or HTTP header)"
                             : "missing API key: send it in the x-api-key header (gRPC metadata)")
                      : "missing credentials: this listener takes a client certificate",
                  {});
  }

  if (authorization.has_value()) {
    if (!IsBearer(*authorization)) {
      return refuse(kCredentialNotAccepted,
                    "authorization: only \"Bearer <JWT>\" is understood here",
                    {{"header", kAuthorizationHeader}});
    }
    if (!accepted.jwt || jwt_ == nullptr) {
      return refuse(kCredentialNotAccepted,
                    jwt_ == nullptr
                        ? "JWT bearer tokens are not configured on this gateway (jwt.jwks_file)"
                        : "JWT bearer tokens are not accepted on this listener",
                    {{"credential", "jwt"}});
    }
    auto result = jwt_->Verify(authorization->substr(7), now);
    if (const auto* refusal = std::get_if<jwt::Refusal>(&result)) {
      return refuse(TokenFailure(refusal->reason), Cat("bearer token refused: ", refusal->message), {});
    }
    const auto& verified = std::get<std::shared_ptr<const jwt::VerifiedToken>>(result);
    const jwt::VerifiedToken& token = *verified;
    by_token = registry->FindClient(token.client_id);
    if (by_token == nullptr) {
      return refuse(kTokenClientUnknown,
                    Cat("bearer token names client \"", token.client_id,
                        "\", which is not registered"),
                    {{"client_id", token.client_id}});
    }
    if (by_token->retired) {
      return refuse(kClientRetired, RetiredMessage(*by_token),
                    {{"client_id", by_token->id}, {"successor", by_token->successor}});
    }
    scopes = std::shared_ptr<const std::vector<std::string>>(verified, &verified->scopes);
  }

  const Client* by_key = nullptr;
  std::string_view key_id;
  if (api_key.has_value()) {
    if (!accepted.api_key) {
      return refuse(kCredentialNotAccepted,
                    "API keys are not accepted on this listener: identify with a client certificate",
                    {{"credential", "api_key"}});
    }
    ApiKeyMatch match = registry->MatchApiKey(api_key, now);
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
        return refuse(kClientRetired, RetiredMessage(*match.client),
                      {{"client_id", match.client->id}, {"successor", match.client->successor}});
    }
    by_key = match.client;
    key_id = match.key_id;
  }
  // Every credential presented must name the same client.
  const Client* client = by_certificate != nullptr ? by_certificate
                         : by_token != nullptr     ? by_token
                                                   : by_key;
  for (const Client* other : {by_certificate, by_token, by_key}) {
    if (other != nullptr && other != client) {
      return refuse(kCredentialsConflict,
                    Cat("the call's credentials name two clients (", client->id, " and ", other->id,
                        "): send the credentials of one client"),
                    {});
    }
  }
  context.client = client;
  context.credential = by_certificate != nullptr ? kCertificateCredential
                       : by_token != nullptr     ? kJwtCredential
                                                 : kApiKeyCredential;
  context.credential_id.assign(key_id.data(), key_id.size());
  if (by_token != nullptr) context.token_scopes = std::move(scopes);
  context.client_owner = std::move(registry);
  return core::Verdict::Continue();
}

}  // namespace ndxp::auth
