#include "gateway/auth/api_key.h"

#include <cstdio>
#include <cstdlib>

#include <absl/strings/escaping.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "gateway/core/strings.h"

namespace ndxp::auth {
namespace {

[[noreturn]] void Fatal(const char* what) {
  std::fprintf(stderr, "ndxp: fatal: %s\n", what);
  std::abort();
}

// Fetched once (OpenSSL 3 would otherwise look the algorithm up on every call); EVP_MD objects
// are immutable and safe to share between threads.
const EVP_MD* Sha256Algorithm() {
  static const EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (md == nullptr) Fatal("OpenSSL has no SHA256 implementation");
  return md;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string GenerateApiKey() {
  unsigned char bytes[kApiKeyRandomBytes];
  if (RAND_bytes(bytes, sizeof bytes) != 1) Fatal("RAND_bytes failed: no secure randomness");
  std::string encoded = absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));  // no padding
  return core::Cat(kApiKeyPrefix, encoded);
}

IssuedApiKey GenerateIssuedApiKey() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  unsigned char bytes[kKeyIdLength];
  if (RAND_bytes(bytes, sizeof bytes) != 1) Fatal("RAND_bytes failed: no secure randomness");
  IssuedApiKey out;
  // 36 symbols: the bias of `% 36` on a byte is irrelevant for an id that is not secret.
  for (unsigned char b : bytes) out.id.push_back(kAlphabet[b % 36]);
  const std::string secret = GenerateApiKey().substr(kApiKeyPrefix.size());
  out.key = core::Cat(kApiKeyPrefix, out.id, "_", secret);
  return out;
}

bool IsKeyId(std::string_view id) {
  if (id.size() != kKeyIdLength) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

std::string_view KeyIdOf(std::string_view key) {
  // "ndxp_" (5) + id (12) + "_" + 43 characters.
  constexpr std::size_t kSecretLength = 43;
  if (key.size() != kApiKeyPrefix.size() + kKeyIdLength + 1 + kSecretLength) return {};
  if (key.substr(0, kApiKeyPrefix.size()) != kApiKeyPrefix) return {};
  if (key[kApiKeyPrefix.size() + kKeyIdLength] != '_') return {};
  std::string_view id = key.substr(kApiKeyPrefix.size(), kKeyIdLength);
  return IsKeyId(id) ? id : std::string_view();
}

bool DigestsEqual(const Sha256Digest& a, const Sha256Digest& b) {
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Sha256Digest Sha256(std::string_view data) {
  // A context per thread, kept: EVP_Digest would allocate and free one (and its provider state)
  // for every call's API key.
  struct Context {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(ctx); }
  };
  thread_local Context context;
  Sha256Digest digest;
  unsigned int length = 0;
  if (context.ctx == nullptr || EVP_DigestInit_ex(context.ctx, Sha256Algorithm(), nullptr) != 1 ||
      EVP_DigestUpdate(context.ctx, data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(context.ctx, digest.data(), &length) != 1 || length != digest.size()) {
    Fatal("SHA-256 failed");
  }
  return digest;
}

std::string Sha256Hex(std::string_view data) {
  const Sha256Digest digest = Sha256(data);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

bool IsSha256Hex(std::string_view text) {
  if (text.size() != 2 * kSha256Bytes) return false;
  for (char c : text) {
    if (HexValue(c) < 0) return false;
  }
  return true;
}

bool ParseSha256Hex(std::string_view hex, Sha256Digest& out) {
  if (!IsSha256Hex(hex)) return false;
  for (std::size_t i = 0; i < kSha256Bytes; ++i) {
    out[i] = static_cast<unsigned char>(HexValue(hex[2 * i]) * 16 + HexValue(hex[2 * i + 1]));
  }
  return true;
}

}  // namespace ndxp::auth
