#include "tests/support/jwt_test_signer.h"

#include <cstdlib>
#include <stdexcept>

#include <absl/strings/escaping.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

namespace ndxp::testing {
namespace {

void Check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("jwt_test_signer: ") + what);
}

std::string View(const unsigned char* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// A BIGNUM parameter of the key as unsigned big-endian bytes, left-padded to `width` (0: minimal).
std::string BnParam(EVP_PKEY* pkey, const char* name, int width = 0) {
  BIGNUM* bn = nullptr;
  Check(EVP_PKEY_get_bn_param(pkey, name, &bn) == 1, name);
  const int size = width > 0 ? width : BN_num_bytes(bn);
  std::string out(static_cast<std::size_t>(size), '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), size);
  BN_free(bn);
  return out;
}

std::string CompactWithoutSignature(std::string_view header_json, std::string_view claims_json) {
  return Base64Url(header_json) + "." + Base64Url(claims_json);
}

}  // namespace

std::string Base64Url(std::string_view bytes) {
  std::string out;
  absl::WebSafeBase64Escape(absl::string_view(bytes.data(), bytes.size()), &out);
  return out;
}

JwtTestKey JwtTestKey::Rsa(std::string kid, int bits) {
  EVP_PKEY* pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits));
  Check(pkey != nullptr, "RSA key generation");
  return JwtTestKey(std::move(kid), true, std::shared_ptr<EVP_PKEY>(pkey, EVP_PKEY_free));
}

JwtTestKey JwtTestKey::P256(std::string kid) {
  EVP_PKEY* pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  Check(pkey != nullptr, "P-256 key generation");
  return JwtTestKey(std::move(kid), false, std::shared_ptr<EVP_PKEY>(pkey, EVP_PKEY_free));
}

std::string_view JwtTestKey::alg() const { return rsa_ ? "RS256" : "ES256"; }

std::vector<std::pair<std::string, std::string>> JwtTestKey::PublicJwkMembers() const {
  auto quoted = [](std::string_view text) { return "\"" + std::string(text) + "\""; };
  if (rsa_) {
    return {{"kty", quoted("RSA")},
            {"kid", quoted(kid_)},
            {"use", quoted("sig")},
            {"alg", quoted("RS256")},
            {"n", quoted(Base64Url(BnParam(pkey_.get(), OSSL_PKEY_PARAM_RSA_N)))},
            {"e", quoted(Base64Url(BnParam(pkey_.get(), OSSL_PKEY_PARAM_RSA_E)))}};
  }
  return {{"kty", quoted("EC")},
          {"kid", quoted(kid_)},
          {"use", quoted("sig")},
          {"alg", quoted("ES256")},
          {"crv", quoted("P-256")},
          {"x", quoted(Base64Url(BnParam(pkey_.get(), OSSL_PKEY_PARAM_EC_PUB_X, 32)))},
          {"y", quoted(Base64Url(BnParam(pkey_.get(), OSSL_PKEY_PARAM_EC_PUB_Y, 32)))}};
}

std::string JwtTestKey::PublicJwk() const { return JsonObject(PublicJwkMembers()); }

std::string JwtTestKey::PublicPem() const {
  BIO* bio = BIO_new(BIO_s_mem());
  Check(bio != nullptr && PEM_write_bio_PUBKEY(bio, pkey_.get()) == 1, "PEM");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  return pem;
}

std::string JwtTestKey::SignBytes(std::string_view signing_input) const {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::size_t size = 0;
  Check(ctx != nullptr &&
            EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, pkey_.get()) == 1 &&
            EVP_DigestSign(ctx, nullptr, &size,
                           reinterpret_cast<const unsigned char*>(signing_input.data()),
                           signing_input.size()) == 1,
        "sign (size)");
  std::string signature(size, '\0');
  Check(EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &size,
                       reinterpret_cast<const unsigned char*>(signing_input.data()),
                       signing_input.size()) == 1,
        "sign");
  EVP_MD_CTX_free(ctx);
  signature.resize(size);
  if (rsa_) return signature;
  // DER ECDSA-Sig-Value to JWS r || s.
  const unsigned char* der = reinterpret_cast<const unsigned char*>(signature.data());
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &der, static_cast<long>(signature.size()));
  Check(sig != nullptr, "DER signature");
  unsigned char raw[64];
  BN_bn2binpad(ECDSA_SIG_get0_r(sig), raw, 32);
  BN_bn2binpad(ECDSA_SIG_get0_s(sig), raw + 32, 32);
  ECDSA_SIG_free(sig);
  return View(raw, sizeof raw);
}

std::string JwtTestKey::Mint(std::string_view claims_json) const {
  const std::string header =
      R"({"alg":")" + std::string(alg()) + R"(","kid":")" + kid_ + R"(","typ":"JWT"})";
  return MintWithHeader(header, claims_json);
}

std::string JwtTestKey::MintWithHeader(std::string_view header_json,
                                       std::string_view claims_json) const {
  const std::string signing_input = CompactWithoutSignature(header_json, claims_json);
  return signing_input + "." + Base64Url(SignBytes(signing_input));
}

std::string JsonObject(const std::vector<std::pair<std::string, std::string>>& members) {
  std::string out = "{";
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i > 0) out += ",";
    out += "\"" + members[i].first + "\":" + members[i].second;
  }
  return out + "}";
}

std::string JwksJson(const std::vector<std::string>& jwks) {
  std::string out = R"({"keys":[)";
  for (std::size_t i = 0; i < jwks.size(); ++i) {
    if (i > 0) out += ",";
    out += jwks[i];
  }
  return out + "]}";
}

std::string MintHs256(std::string_view secret, std::string_view header_json,
                      std::string_view claims_json) {
  const std::string signing_input = CompactWithoutSignature(header_json, claims_json);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  Check(HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
             reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size(),
             mac, &size) != nullptr,
        "HMAC");
  return signing_input + "." + Base64Url(View(mac, size));
}

std::string MintUnsigned(std::string_view claims_json) {
  return CompactWithoutSignature(R"({"alg":"none","typ":"JWT"})", claims_json) + ".";
}

}  // namespace ndxp::testing
