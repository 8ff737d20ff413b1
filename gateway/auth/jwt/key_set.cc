#include "gateway/auth/jwt/key_set.h"

#include <array>
#include <optional>
#include <string>
#include <utility>

#include <openssl/core_names.h>
#include <openssl/err.h>

#include "gateway/core/base64url.h"
#include "gateway/auth/jwt/json.h"
#include "gateway/auth/jwt/openssl_ptr.h"
#include "gateway/core/strings.h"

namespace ndxp::auth::jwt {
namespace {

constexpr std::size_t kP256CoordinateBytes = 32;
constexpr int kMaxRsaExponentBits = 256;
constexpr std::array<std::string_view, 7> kPrivateMembers = {"d", "p", "q", "dp", "dq", "qi",
                                                             "oth"};

enum class KeyType { kRsa, kEc };

absl::Status Invalid(std::string_view prefix, std::string_view problem) {
  return absl::InvalidArgumentError(core::ToAbsl(core::Cat("JWKS ", prefix, problem)));
}

// What a JWK is for: a key to build (its type and algorithm), or nothing (skipped).
struct Kind {
  KeyType type;
  Algorithm algorithm;
};

// nullopt: skip the key; an error: the key is malformed.
absl::StatusOr<std::optional<Kind>> KindOf(const boost::json::object& jwk,
                                           const std::string& prefix) {
  if (const boost::json::value* use = Member(jwk, "use")) {
    if (!use->is_string() || use->get_string() != "sig") return std::nullopt;
  }
  std::optional<Algorithm> alg;
  if (const boost::json::value* value = Member(jwk, "alg")) {
    if (!value->is_string()) return Invalid(prefix, ".alg is not a string");
    if (value->get_string() == "RS256") {
      alg = Algorithm::kRs256;
    } else if (value->get_string() == "ES256") {
      alg = Algorithm::kEs256;
    } else {
      return std::nullopt;
    }
  }
  const std::optional<std::string_view> kty = StringMember(jwk, "kty");
  if (!kty) return Invalid(prefix, ".kty is missing or not a string");
  std::optional<Kind> kind;
  if (*kty == "RSA") {
    kind = Kind{KeyType::kRsa, Algorithm::kRs256};
  } else if (*kty == "EC") {
    if (StringMember(jwk, "crv") == "P-256") {
      kind = Kind{KeyType::kEc, Algorithm::kEs256};
    } else if (!alg) {
      return std::nullopt;  // another curve (P-384, ...) with no alg: not ours
    } else {
      return Invalid(prefix, ".crv is not P-256");
    }
  } else if (!alg) {
    return std::nullopt;  // oct, OKP, ...
  }
  if (alg && (!kind || kind->algorithm != *alg)) {
    return Invalid(prefix, core::Cat(".alg ", AlgorithmName(*alg), " does not fit kty ", *kty));
  }
  return kind;
}

// A base64url member holding bytes (a big-endian integer or a coordinate).
absl::StatusOr<std::string> BytesMember(const boost::json::object& jwk, std::string_view name,
                                        const std::string& prefix) {
  const std::string field = core::Cat(".", name);
  const boost::json::value* value = Member(jwk, name);
  if (value == nullptr) return Invalid(prefix, core::Cat(field, " is missing"));
  if (!value->is_string()) return Invalid(prefix, core::Cat(field, " is not a string"));
  std::optional<std::string> bytes = core::DecodeBase64Url(View(value->get_string()));
  if (!bytes) return Invalid(prefix, core::Cat(field, " is not base64url without padding"));
  if (bytes->empty()) return Invalid(prefix, core::Cat(field, " is empty"));
  return *std::move(bytes);
}

BignumPtr ToBignum(const std::string& bytes) {
  return BignumPtr(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                             static_cast<int>(bytes.size()), nullptr));
}

// The public key from the parameters in `build`, for the OpenSSL key type `type_name`.
absl::StatusOr<EvpPkeyPtr> FromData(const char* type_name, OSSL_PARAM_BLD* build,
                                    const std::string& prefix) {
  ParamsPtr params(OSSL_PARAM_BLD_to_param(build));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type_name, nullptr));
  EVP_PKEY* raw = nullptr;
  if (params == nullptr || ctx == nullptr || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    ERR_clear_error();
    return Invalid(prefix, " is not a valid public key");
  }
  EvpPkeyPtr key(raw);
  PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  if (check == nullptr || EVP_PKEY_public_check(check.get()) != 1) {
    ERR_clear_error();
    return Invalid(prefix, " is not a valid public key");
  }
  return key;
}

absl::StatusOr<EvpPkeyPtr> RsaKey(const boost::json::object& jwk, const std::string& prefix) {
  absl::StatusOr<std::string> n = BytesMember(jwk, "n", prefix);
  if (!n.ok()) return n.status();
  absl::StatusOr<std::string> e = BytesMember(jwk, "e", prefix);
  if (!e.ok()) return e.status();
  BignumPtr modulus = ToBignum(*n);
  BignumPtr exponent = ToBignum(*e);
  if (modulus == nullptr || exponent == nullptr) return Invalid(prefix, " cannot be read");
  const int bits = BN_num_bits(modulus.get());
  if (bits < kMinRsaModulusBits || bits > kMaxRsaModulusBits) {
    return Invalid(prefix, core::Cat(".n has ", bits, " bits; RSA keys must have ",
                                     kMinRsaModulusBits, " to ", kMaxRsaModulusBits));
  }
  if (!BN_is_odd(exponent.get()) || BN_num_bits(exponent.get()) < 2 ||
      BN_num_bits(exponent.get()) > kMaxRsaExponentBits) {
    return Invalid(prefix, ".e is not an odd exponent from 3 to 2^256");
  }
  ParamBuildPtr build(OSSL_PARAM_BLD_new());
  if (build == nullptr ||
      OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()) != 1) {
    return Invalid(prefix, " cannot be built");
  }
  return FromData("RSA", build.get(), prefix);
}

absl::StatusOr<EvpPkeyPtr> EcKey(const boost::json::object& jwk, const std::string& prefix) {
  absl::StatusOr<std::string> x = BytesMember(jwk, "x", prefix);
  if (!x.ok()) return x.status();
  absl::StatusOr<std::string> y = BytesMember(jwk, "y", prefix);
  if (!y.ok()) return y.status();
  if (x->size() != kP256CoordinateBytes) return Invalid(prefix, ".x is not 32 bytes");
  if (y->size() != kP256CoordinateBytes) return Invalid(prefix, ".y is not 32 bytes");
  const std::string point = core::Cat('\x04', *x, *y);  // uncompressed SEC 1 point
  ParamBuildPtr build(OSSL_PARAM_BLD_new());
  if (build == nullptr ||
      OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) !=
          1 ||
      OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    return Invalid(prefix, " cannot be built");
  }
  return FromData("EC", build.get(), prefix);
}

// The key, or nullopt when it is skipped.
absl::StatusOr<std::optional<PublicKey>> KeyOf(const boost::json::value& entry,
                                               const std::string& prefix) {
  if (!entry.is_object()) return Invalid(prefix, " is not an object");
  const boost::json::object& jwk = entry.get_object();
  absl::StatusOr<std::optional<Kind>> kind = KindOf(jwk, prefix);
  if (!kind.ok()) return kind.status();
  if (!kind->has_value()) return std::nullopt;
  for (std::string_view name : kPrivateMembers) {
    if (Member(jwk, name) != nullptr) {
      return Invalid(prefix, core::Cat(" holds private key material (", name,
                                       "); a JWKS for verification has public keys only"));
    }
  }
  const std::optional<std::string_view> kid = StringMember(jwk, "kid");
  if (!kid || kid->empty()) return Invalid(prefix, ".kid is missing or empty");
  absl::StatusOr<EvpPkeyPtr> pkey =
      (*kind)->type == KeyType::kRsa ? RsaKey(jwk, prefix) : EcKey(jwk, prefix);
  if (!pkey.ok()) return pkey.status();
  return PublicKey{.kid = std::string(*kid),
                   .algorithm = (*kind)->algorithm,
                   .pkey = *std::move(pkey)};
}

}  // namespace

std::string_view AlgorithmName(Algorithm algorithm) {
  return algorithm == Algorithm::kRs256 ? "RS256" : "ES256";
}

void EvpPkeyDeleter::operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }

absl::StatusOr<std::shared_ptr<const KeySet>> KeySet::Parse(std::string_view jwks_json) {
  absl::StatusOr<boost::json::object> document = ParseObject(jwks_json, kMaxJwksBytes);
  if (!document.ok()) return Invalid("document ", core::ToStd(document.status().message()));
  const boost::json::value* keys = Member(*document, "keys");
  if (keys == nullptr || !keys->is_array()) return Invalid("", "has no \"keys\" array");
  if (keys->get_array().size() > kMaxJwksKeys) {
    return Invalid("", core::Cat("has more than ", kMaxJwksKeys, " keys"));
  }
  std::shared_ptr<KeySet> set(new KeySet());
  for (std::size_t i = 0; i < keys->get_array().size(); ++i) {
    const std::string prefix = core::Cat("keys[", i, "]");
    absl::StatusOr<std::optional<PublicKey>> key = KeyOf(keys->get_array()[i], prefix);
    if (!key.ok()) return key.status();
    if (!key->has_value()) continue;
    if (set->keys_.contains(core::ToAbsl((*key)->kid))) {
      return Invalid(prefix, core::Cat(".kid \"", (*key)->kid, "\" is a duplicate"));
    }
    std::string kid = (*key)->kid;
    set->keys_.emplace(std::move(kid), **std::move(key));
  }
  if (set->keys_.empty()) return Invalid("", "has no RS256 or ES256 signing key");
  return std::shared_ptr<const KeySet>(std::move(set));
}

const PublicKey* KeySet::Find(std::string_view kid) const {
  auto it = keys_.find(core::ToAbsl(kid));
  return it == keys_.end() ? nullptr : &it->second;
}

}  // namespace ndxp::auth::jwt
