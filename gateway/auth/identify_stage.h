#pragma once
// The identify stage: which registered client calls, from the credentials the call carries (an
// client certificate verified in the TLS handshake, naming the client by its SAN URI
// urn:ndxp:client:<id> or its subject's CN; an API key in x-api-key; a JWT in authorization:
// Bearer), against the client registry in force. When a call carries several, every one must
// verify and name the same client. It runs on every chain, the no-route chain included, so that an
// unidentified caller learns nothing, not even which methods exist.
//
// Refusals are UNAUTHENTICATED with a google.rpc.ErrorInfo reason that tells the integrator what
// to fix, never echoing a secret: API_KEY_MISSING, API_KEY_INVALID, API_KEY_EXPIRED,
// API_KEY_REVOKED, CLIENT_RETIRED (naming the successor), CREDENTIAL_DUPLICATED (two values of
// one credential header), CREDENTIAL_NOT_ACCEPTED (a kind this listener does not take),
// CREDENTIALS_CONFLICT (credentials of two different clients), CERTIFICATE_CLIENT_UNKNOWN, the
// verifier's TOKEN_* reasons
// (TOKEN_EXPIRED, TOKEN_SIGNATURE_INVALID, ...) and TOKEN_CLIENT_UNKNOWN. Each is counted in
// ndxp_gateway_auth_failures_total{protocol,reason} (missing_api_key, invalid_api_key,
// expired_api_key, revoked_api_key, client_retired, credential_duplicated,
// credential_not_accepted, credentials_conflict, certificate_client_unknown, and the token
// reasons in lower case).

#include <array>
#include <string_view>

#include "gateway/auth/jwks_source.h"
#include "gateway/auth/registry_source.h"
#include "gateway/core/call.h"
#include "gateway/core/protocol.h"
#include "gateway/core/stage.h"
#include "gateway/metrics/registry.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::auth {

inline constexpr std::string_view kApiKeyHeader = "x-api-key";
inline constexpr std::string_view kAuthorizationHeader = "authorization";
inline constexpr std::string_view kApiKeyCredential = "api_key";
inline constexpr std::string_view kJwtCredential = "jwt";
inline constexpr std::string_view kCertificateCredential = "certificate";

// The credential kinds a listener accepts.
struct AcceptedCredentials {
  bool certificate = true;
  bool api_key = true;
  bool jwt = true;
  // From a listener's `credentials` list (empty: all).
  static AcceptedCredentials From(
      const google::protobuf::RepeatedField<int>& credentials);
};

class IdentifyStage final : public core::Stage {
 public:
  enum Failure : std::size_t {
    kApiKeyMissing,
    kApiKeyInvalid,
    kApiKeyExpired,
    kApiKeyRevoked,
    kClientRetired,
    kCredentialDuplicated,
    kCredentialNotAccepted,
    kCredentialsConflict,
    kCertificateClientUnknown,
    kTokenMalformed,
    kTokenAlgorithmUnsupported,
    kTokenKeyUnknown,
    kTokenSignatureInvalid,
    kTokenExpired,
    kTokenNotYetValid,
    kTokenIssuerInvalid,
    kTokenAudienceInvalid,
    kTokenClientMissing,
    kTokenClientUnknown,
    kFailureCount
  };

  // `registry` (and `jwt`, null when JWTs are not configured) must outlive the stage. `grpc`
  // applies to calls on the gRPC listener, `http` to Connect and REST calls. Registers
  // ndxp_gateway_auth_failures_total.
  IdentifyStage(const RegistrySource& registry, const JwksSource* jwt, AcceptedCredentials grpc,
                AcceptedCredentials http, metrics::Registry& metrics);

  std::string_view name() const override { return "identify"; }
  core::Verdict OnRequest(core::Call& call) override;

 private:
  core::Verdict Refuse(core::Call& call, Failure failure, absl::Status status);
  const AcceptedCredentials& AcceptedFor(core::Protocol protocol) const {
    return protocol == core::Protocol::kGrpc ? grpc_ : http_;
  }

  const RegistrySource& registry_;
  const JwksSource* jwt_;
  AcceptedCredentials grpc_;
  AcceptedCredentials http_;
  std::array<std::array<metrics::Counter*, kFailureCount>, core::kProtocolCount> failures_{};
};

class IdentifyFactory final : public core::StageFactory {
 public:
  IdentifyFactory(const RegistrySource& registry, const JwksSource* jwt, AcceptedCredentials grpc,
                  AcceptedCredentials http, metrics::Registry& metrics)
      : stage_(registry, jwt, grpc, http, metrics) {}
  std::string_view name() const override { return stage_.name(); }
  core::Stage* ForRoute(const core::Route*) override { return &stage_; }

 private:
  IdentifyStage stage_;
};

}  // namespace ndxp::auth
