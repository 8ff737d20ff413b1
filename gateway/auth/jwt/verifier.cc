#include "gateway/auth/jwt/verifier.h"

#include <optional>
#include <string>
#include <utility>

#include "gateway/core/base64url.h"
#include "gateway/auth/jwt/json.h"
#include "gateway/auth/jwt/signature.h"
#include "gateway/core/strings.h"

namespace ndxp::auth::jwt {
namespace {

absl::Status ConfigError(std::string_view key, std::string_view problem) {
  return absl::InvalidArgumentError(core::ToAbsl(core::Cat("jwt.", key, " ", problem)));
}

// The entries of jwt.<key>: at least one, none empty.
absl::StatusOr<absl::flat_hash_set<std::string>> NonEmptySet(
    const google::protobuf::RepeatedPtrField<std::string>& values, std::string_view key) {
  if (values.empty()) return ConfigError(key, "is required (at least one value)");
  absl::flat_hash_set<std::string> set;
  for (int i = 0; i < values.size(); ++i) {
    if (values[i].empty()) return ConfigError(core::Cat(key, "[", i, "]"), "is empty");
    set.insert(values[i]);
  }
  return set;
}

absl::StatusOr<absl::Duration> ClockSkew(const gateway::v1::Jwt& config) {
  if (!config.has_clock_skew()) return kDefaultClockSkew;
  const google::protobuf::Duration& d = config.clock_skew();
  if (d.seconds() < 0 || d.nanos() < 0 || d.nanos() > 999'999'999) {
    return ConfigError("clock_skew", "must not be negative");
  }
  const absl::Duration skew = absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
  if (skew > kMaxClockSkew) return ConfigError("clock_skew", "must be at most 5m");
  return skew;
}

Refusal Malformed(std::string_view what) {
  return Refusal{.reason = kTokenMalformed,
                 .message = core::Cat("bearer token is malformed: ", what)};
}

// The three parts of a compact JWS.
struct Parts {
  std::string_view header;
  std::string_view payload;
  std::string_view signature;
  std::string_view signing_input;  // header "." payload
};

std::optional<Parts> Split(std::string_view token) {
  const std::size_t first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  const std::size_t second = token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  return Parts{.header = token.substr(0, first),
               .payload = token.substr(first + 1, second - first - 1),
               .signature = token.substr(second + 1),
               .signing_input = token.substr(0, second)};
}

// A part's JSON object (decoded with DecodeBase64Url first), or the refusal naming the part.
std::variant<boost::json::object, Refusal> ObjectOf(std::string_view json, std::string_view name) {
  absl::StatusOr<boost::json::object> object = ParseObject(json, kMaxTokenLength);
  if (!object.ok()) return Malformed(core::Cat(name, " ", core::ToStd(object.status().message())));
  return *std::move(object);
}

Refusal NotBase64Url(std::string_view name) {
  return Malformed(core::Cat(name, " is not base64url without padding"));
}

// The key the header designates, checked against its alg, or the refusal.
std::variant<const PublicKey*, Refusal> KeyFor(const boost::json::object& header,
                                               const KeySet* keys) {
  if (Member(header, "crit") != nullptr) {
    return Malformed("header has crit; no JWS extension is supported");
  }
  const boost::json::value* alg_value = Member(header, "alg");
  if (alg_value == nullptr || !alg_value->is_string()) return Malformed("header has no alg");
  const std::string_view alg = View(alg_value->get_string());
  if (alg != "RS256" && alg != "ES256") {
    return Refusal{.reason = kTokenAlgorithmUnsupported,
                   .message = "bearer token alg is not supported; RS256 and ES256 are"};
  }
  const boost::json::value* kid = Member(header, "kid");
  if (kid == nullptr) {
    return Refusal{.reason = kTokenKeyUnknown, .message = "bearer token header has no kid"};
  }
  if (!kid->is_string()) return Malformed("header kid is not a string");
  const PublicKey* key = keys == nullptr ? nullptr : keys->Find(View(kid->get_string()));
  if (key == nullptr) {
    return Refusal{.reason = kTokenKeyUnknown,
                   .message = "bearer token kid names no key of the configured JWKS"};
  }
  if (AlgorithmName(key->algorithm) != alg) {
    return Refusal{.reason = kTokenAlgorithmUnsupported,
                   .message = core::Cat("bearer token alg does not fit its key, which is ",
                                        AlgorithmName(key->algorithm))};
  }
  return key;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Verifier>> Verifier::Create(const gateway::v1::Jwt& config) {
  if (config.jwks_file().empty()) return ConfigError("jwks_file", "is required");
  absl::StatusOr<absl::flat_hash_set<std::string>> issuers =
      NonEmptySet(config.issuers(), "issuers");
  if (!issuers.ok()) return issuers.status();
  absl::StatusOr<absl::flat_hash_set<std::string>> audiences =
      NonEmptySet(config.audiences(), "audiences");
  if (!audiences.ok()) return audiences.status();
  absl::StatusOr<absl::Duration> skew = ClockSkew(config);
  if (!skew.ok()) return skew.status();
  ClaimRules rules{
      .issuers = *std::move(issuers),
      .audiences = *std::move(audiences),
      .clock_skew = *skew,
      .client_claim = config.client_claim().empty() ? std::string(kDefaultClientClaim)
                                                    : config.client_claim(),
      .scope_claim = config.scope_claim().empty() ? std::string(kDefaultScopeClaim)
                                                  : config.scope_claim(),
  };
  return std::unique_ptr<Verifier>(new Verifier(std::move(rules)));
}

void Verifier::SetKeys(std::shared_ptr<const KeySet> keys) {
  keys_.store(std::move(keys), std::memory_order_release);
}

std::shared_ptr<const KeySet> Verifier::keys() const {
  return keys_.load(std::memory_order_acquire);
}

VerifyResult Verifier::Verify(std::string_view token, absl::Time now) const {
  if (token.size() > kMaxTokenLength) {
    return Malformed(core::Cat("longer than ", kMaxTokenLength, " characters"));
  }
  const std::optional<Parts> parts = Split(token);
  if (!parts) return Malformed("not three dot-separated parts");
  // All three parts are decoded before anything else, so that any misencoding is TOKEN_MALFORMED;
  // the payload's bytes are only parsed once the signature verified.
  const std::optional<std::string> header_json = core::DecodeBase64Url(parts->header);
  if (!header_json) return NotBase64Url("header");
  const std::optional<std::string> payload_json = core::DecodeBase64Url(parts->payload);
  if (!payload_json) return NotBase64Url("payload");
  const std::optional<std::string> signature = core::DecodeBase64Url(parts->signature);
  if (!signature) return NotBase64Url("signature");

  std::variant<boost::json::object, Refusal> header = ObjectOf(*header_json, "header");
  if (Refusal* refusal = std::get_if<Refusal>(&header)) return std::move(*refusal);
  const std::shared_ptr<const KeySet> keys = this->keys();
  std::variant<const PublicKey*, Refusal> key =
      KeyFor(std::get<boost::json::object>(header), keys.get());
  if (Refusal* refusal = std::get_if<Refusal>(&key)) return std::move(*refusal);
  const PublicKey& public_key = *std::get<const PublicKey*>(key);
  if (!VerifySignature(public_key, parts->signing_input, *signature)) {
    return Refusal{.reason = kTokenSignatureInvalid,
                   .message = "bearer token signature does not verify"};
  }

  std::variant<boost::json::object, Refusal> claims = ObjectOf(*payload_json, "payload");
  if (Refusal* refusal = std::get_if<Refusal>(&claims)) return std::move(*refusal);
  VerifyResult result = CheckClaims(std::get<boost::json::object>(claims), rules_, now);
  if (VerifiedToken* verified = std::get_if<VerifiedToken>(&result)) {
    verified->key_id = public_key.kid;
  }
  return result;
}

}  // namespace ndxp::auth::jwt
