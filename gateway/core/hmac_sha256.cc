#include "gateway/core/hmac_sha256.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>

namespace ndxp::core {
namespace {

[[noreturn]] void Fatal(const char* what) {
  std::fprintf(stderr, "fatal: %s\n", what);
  std::abort();
}

std::atomic<std::uint64_t> next_id{1};

// The calling thread's copy of one instance's keyed context.
struct ThreadCopy {
  std::uint64_t owner = 0;
  EVP_MAC_CTX* ctx = nullptr;
  ~ThreadCopy() { EVP_MAC_CTX_free(ctx); }
};
thread_local ThreadCopy thread_copy;

}  // namespace

struct HmacSha256::Keyed {
  EVP_MAC* mac = nullptr;
  EVP_MAC_CTX* ctx = nullptr;
};

HmacSha256::HmacSha256(std::string_view key) : keyed_(new Keyed), id_(next_id.fetch_add(1)) {
  keyed_->mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  if (keyed_->mac == nullptr) Fatal("OpenSSL has no HMAC");
  keyed_->ctx = EVP_MAC_CTX_new(keyed_->mac);
  char digest[] = "SHA256";
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_construct_end()};
  if (keyed_->ctx == nullptr ||
      EVP_MAC_init(keyed_->ctx, reinterpret_cast<const unsigned char*>(key.data()), key.size(),
                   params) != 1) {
    Fatal("HMAC-SHA256 key setup failed");
  }
}

HmacSha256::~HmacSha256() {
  EVP_MAC_CTX_free(keyed_->ctx);
  EVP_MAC_free(keyed_->mac);
  delete keyed_;
}

HmacSha256::Digest HmacSha256::Of(std::string_view data) const {
  ThreadCopy& copy = thread_copy;
  if (copy.owner != id_) {
    EVP_MAC_CTX_free(copy.ctx);
    copy.ctx = EVP_MAC_CTX_dup(keyed_->ctx);
    if (copy.ctx == nullptr) Fatal("HMAC-SHA256 context copy failed");
    copy.owner = id_;
  }
  Digest out{};
  std::size_t size = 0;
  if (EVP_MAC_init(copy.ctx, nullptr, 0, nullptr) != 1 ||
      EVP_MAC_update(copy.ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size()) !=
          1 ||
      EVP_MAC_final(copy.ctx, out.data(), &size, out.size()) != 1 || size != out.size()) {
    Fatal("HMAC-SHA256 failed");
  }
  return out;
}

}  // namespace ndxp::core
