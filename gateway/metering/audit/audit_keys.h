#pragma once
// The audit log's two keys. The subject key: the secret (32 bytes or more) of the HMAC-SHA-256
// that replaces each subject's id in the log; an auditor holding it finds a citizen's records,
// the log alone leaks no id. The signing key: ECDSA P-256, sealing each closed segment's last
// hash; its public key verifies the seals. Both are made at first start when they are the
// embedded default's (files in the data directory); a configured file must exist.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <absl/status/statusor.h>

#include "gateway/core/hmac_sha256.h"
#include "gateway/metering/audit/segment_format.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace ndxp::metering::audit {

inline constexpr std::size_t kSubjectKeyBytes = 32;

// Where a key file is: `configured` (relative paths are in the data directory), or
// data_dir/`default_name` when not configured.
std::string KeyPath(std::string_view configured, std::string_view data_dir,
                    std::string_view default_name);
// The public key file beside a private key file: "x.pem" -> "x.pub.pem" (else + ".pub.pem").
std::string PublicKeyPathFor(std::string_view private_key_path);

class SubjectHasher {
 public:
  // Reads the key from `path`. When the file is missing and `create` is true, makes it: 32
  // random bytes, mode 0600. Errors (missing, unreadable, shorter than 32 bytes) name `key`.
  static absl::StatusOr<SubjectHasher> Open(const std::string& path, bool create,
                                            std::string_view key);
  explicit SubjectHasher(std::string_view secret)
      : mac_(std::make_shared<const core::HmacSha256>(secret)) {}

  // HMAC-SHA-256(secret, subject). Thread-safe; no provider lookup per call.
  Hash Of(std::string_view subject) const { return mac_->Of(subject); }

 private:
  std::shared_ptr<const core::HmacSha256> mac_;
};

// The bytes a seal signs: "ndxp-audit-seal-v1", sequence and record count (8 bytes big-endian
// each), the last hash.
std::string SealMessage(std::uint64_t sequence, std::uint64_t record_count, const Hash& last_hash);

class SealSigner {
 public:
  // Reads the PEM private key (P-256) from `path`; when missing and `create` is true, makes one
  // (mode 0600). Writes the public key to `public_path` when that file is missing.
  static absl::StatusOr<std::unique_ptr<SealSigner>> Open(const std::string& path,
                                                          const std::string& public_path,
                                                          bool create, std::string_view key);
  ~SealSigner();
  SealSigner(const SealSigner&) = delete;
  SealSigner& operator=(const SealSigner&) = delete;

  // DER ECDSA signature of `message` with SHA-256; empty on failure.
  std::string Sign(std::string_view message) const;
  // SHA-256 of the public key (DER SubjectPublicKeyInfo).
  const Hash& key_id() const { return key_id_; }

 private:
  SealSigner(EVP_PKEY* key, Hash key_id) : key_(key), key_id_(key_id) {}
  EVP_PKEY* key_;
  Hash key_id_;
};

class SealVerifier {
 public:
  // A PEM public key (P-256), or a PEM private key (its public half).
  static absl::StatusOr<std::unique_ptr<SealVerifier>> Open(const std::string& path);
  ~SealVerifier();
  SealVerifier(const SealVerifier&) = delete;
  SealVerifier& operator=(const SealVerifier&) = delete;

  bool Verify(std::string_view message, std::string_view signature) const;
  const Hash& key_id() const { return key_id_; }

 private:
  SealVerifier(EVP_PKEY* key, Hash key_id) : key_(key), key_id_(key_id) {}
  EVP_PKEY* key_;
  Hash key_id_;
};

}  // namespace ndxp::metering::audit
