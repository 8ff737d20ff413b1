#include "gateway/auth/jwt/signature.h"

#include <openssl/ecdsa.h>
#include <openssl/err.h>

#include "gateway/auth/jwt/openssl_ptr.h"

namespace ndxp::auth::jwt {
namespace {

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

bool DigestVerify(EVP_PKEY* pkey, std::string_view signing_input, std::string_view der_or_raw) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  const bool verified =
      ctx != nullptr &&
      EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, pkey) == 1 &&
      EVP_DigestVerify(ctx.get(), Bytes(der_or_raw), der_or_raw.size(), Bytes(signing_input),
                       signing_input.size()) == 1;
  if (!verified) ERR_clear_error();  // a refusal leaves nothing in this thread's error queue
  return verified;
}

}  // namespace

std::optional<std::string> EcdsaRawToDer(std::string_view raw) {
  if (raw.size() != kEs256SignatureBytes) return std::nullopt;
  constexpr int kHalf = kEs256SignatureBytes / 2;
  EcdsaSigPtr sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(Bytes(raw), kHalf, nullptr);
  BIGNUM* s = BN_bin2bn(Bytes(raw) + kHalf, kHalf, nullptr);
  if (sig == nullptr || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return std::nullopt;
  }
  unsigned char* der = nullptr;
  const int length = i2d_ECDSA_SIG(sig.get(), &der);
  if (length <= 0) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return out;
}

bool VerifySignature(const PublicKey& key, std::string_view signing_input,
                     std::string_view signature) {
  if (key.algorithm == Algorithm::kRs256) {
    if (signature.size() != static_cast<std::size_t>(EVP_PKEY_get_size(key.pkey.get()))) {
      return false;
    }
    return DigestVerify(key.pkey.get(), signing_input, signature);
  }
  const std::optional<std::string> der = EcdsaRawToDer(signature);
  return der && DigestVerify(key.pkey.get(), signing_input, *der);
}

}  // namespace ndxp::auth::jwt
