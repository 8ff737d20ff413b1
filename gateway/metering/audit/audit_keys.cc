#include "gateway/metering/audit/audit_keys.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "gateway/core/strings.h"

namespace ndxp::metering::audit {
namespace {

constexpr std::size_t kMaxKeyFileBytes = 64 * 1024;

absl::Status KeyError(std::string_view key, const std::string& path, std::string_view problem) {
  return absl::InvalidArgumentError(core::ToAbsl(core::Cat(key, ": ", path, ": ", problem)));
}

// Writes a new file (it must not exist) and syncs it.
absl::Status WriteNewFile(const std::string& path, std::string_view bytes, mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return absl::InternalError(core::Cat("cannot create ", path, ": ", std::strerror(errno)));
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return absl::InternalError(core::Cat("cannot write ", path, ": ", std::strerror(errno)));
    }
    done += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return absl::InternalError(core::Cat("cannot sync ", path));
  return absl::OkStatus();
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

absl::StatusOr<std::string> ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError("cannot be read");
  std::string bytes;
  char buf[4096];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    bytes.append(buf, static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > kMaxKeyFileBytes) return absl::InvalidArgumentError("is too large for a key");
  }
  return bytes;
}

std::string Pem(EVP_PKEY* key, bool private_key) {
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio == nullptr) return "";
  const int ok = private_key ? PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr)
                             : PEM_write_bio_PUBKEY(bio, key);
  std::string out;
  if (ok == 1) {
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    out.assign(data, static_cast<std::size_t>(n));
  }
  BIO_free(bio);
  return out;
}

bool IsP256(EVP_PKEY* key) {
  if (EVP_PKEY_base_id(key) != EVP_PKEY_EC) return false;
  char group[64] = {0};
  std::size_t len = 0;
  if (EVP_PKEY_get_group_name(key, group, sizeof group, &len) != 1) return false;
  return std::string_view(group) == "prime256v1" || std::string_view(group) == "P-256";
}

Hash KeyIdOf(EVP_PKEY* key) {
  Hash id{};
  unsigned char* der = nullptr;
  int n = i2d_PUBKEY(key, &der);
  if (n > 0) {
    unsigned int size = 0;
    EVP_Digest(der, static_cast<std::size_t>(n), id.data(), &size, EVP_sha256(), nullptr);
  }
  OPENSSL_free(der);
  return id;
}

// PEM private key, else PEM public key.
EVP_PKEY* ParseKey(const std::string& pem, bool want_private) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  if (bio == nullptr) return nullptr;
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  if (key == nullptr && !want_private) {
    BIO_free(bio);
    bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    if (bio == nullptr) return nullptr;
    key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  }
  BIO_free(bio);
  return key;
}

}  // namespace

std::string KeyPath(std::string_view configured, std::string_view data_dir,
                    std::string_view default_name) {
  std::string_view name = configured.empty() ? default_name : configured;
  if (!name.empty() && name.front() == '/') return std::string(name);
  return core::Cat(data_dir, "/", name);
}

std::string PublicKeyPathFor(std::string_view private_key_path) {
  constexpr std::string_view kPem = ".pem";
  if (private_key_path.size() > kPem.size() &&
      private_key_path.substr(private_key_path.size() - kPem.size()) == kPem) {
    return core::Cat(private_key_path.substr(0, private_key_path.size() - kPem.size()), ".pub.pem");
  }
  return core::Cat(private_key_path, ".pub.pem");
}

absl::StatusOr<SubjectHasher> SubjectHasher::Open(const std::string& path, bool create,
                                                  std::string_view key) {
  if (!Exists(path)) {
    if (!create) return KeyError(key, path, "does not exist");
    std::string secret(kSubjectKeyBytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(secret.data()),
                   static_cast<int>(secret.size())) != 1) {
      return absl::InternalError("no random bytes for the audit subject key");
    }
    if (auto s = WriteNewFile(path, secret, 0600); !s.ok()) return KeyError(key, path, core::ToStd(s.message()));
    return SubjectHasher(secret);
  }
  auto bytes = ReadSmallFile(path);
  if (!bytes.ok()) return KeyError(key, path, core::ToStd(bytes.status().message()));
  if (bytes->size() < kSubjectKeyBytes) {
    return KeyError(key, path,
                    core::Cat("holds ", bytes->size(), " bytes; the key must be at least ",
                              kSubjectKeyBytes));
  }
  return SubjectHasher(*bytes);
}

std::string SealMessage(std::uint64_t sequence, std::uint64_t record_count, const Hash& last_hash) {
  std::string out = "ndxp-audit-seal-v1";
  for (std::uint64_t value : {sequence, record_count}) {
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xff));
  }
  out.append(reinterpret_cast<const char*>(last_hash.data()), last_hash.size());
  return out;
}

absl::StatusOr<std::unique_ptr<SealSigner>> SealSigner::Open(const std::string& path,
                                                             const std::string& public_path,
                                                             bool create, std::string_view key) {
  EVP_PKEY* pkey = nullptr;
  if (!Exists(path)) {
    if (!create) return KeyError(key, path, "does not exist");
    pkey = EVP_EC_gen("P-256");
    if (pkey == nullptr) return absl::InternalError("cannot make the audit signing key");
    if (auto s = WriteNewFile(path, Pem(pkey, true), 0600); !s.ok()) {
      EVP_PKEY_free(pkey);
      return KeyError(key, path, core::ToStd(s.message()));
    }
  } else {
    auto pem = ReadSmallFile(path);
    if (!pem.ok()) return KeyError(key, path, core::ToStd(pem.status().message()));
    pkey = ParseKey(*pem, true);
    if (pkey == nullptr) return KeyError(key, path, "is not a PEM private key");
  }
  if (!IsP256(pkey)) {
    EVP_PKEY_free(pkey);
    return KeyError(key, path, "is not an ECDSA P-256 key");
  }
  if (!Exists(public_path)) {
    if (auto s = WriteNewFile(public_path, Pem(pkey, false), 0644); !s.ok()) {
      EVP_PKEY_free(pkey);
      return KeyError(key, public_path, core::ToStd(s.message()));
    }
  }
  return std::unique_ptr<SealSigner>(new SealSigner(pkey, KeyIdOf(pkey)));
}

SealSigner::~SealSigner() { EVP_PKEY_free(key_); }

std::string SealSigner::Sign(std::string_view message) const {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::string signature;
  std::size_t size = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(message.data());
  if (ctx != nullptr && EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key_) == 1 &&
      EVP_DigestSign(ctx, nullptr, &size, data, message.size()) == 1) {
    signature.resize(size);
    if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &size, data,
                       message.size()) == 1) {
      signature.resize(size);
    } else {
      signature.clear();
    }
  }
  EVP_MD_CTX_free(ctx);
  return signature;
}

absl::StatusOr<std::unique_ptr<SealVerifier>> SealVerifier::Open(const std::string& path) {
  auto pem = ReadSmallFile(path);
  if (!pem.ok()) return absl::NotFoundError(core::ToAbsl(core::Cat(path, ": ", core::ToStd(pem.status().message()))));
  EVP_PKEY* pkey = ParseKey(*pem, false);
  if (pkey == nullptr) {
    return absl::InvalidArgumentError(core::ToAbsl(core::Cat(path, ": is not a PEM key")));
  }
  if (!IsP256(pkey)) {
    EVP_PKEY_free(pkey);
    return absl::InvalidArgumentError(core::ToAbsl(core::Cat(path, ": is not an ECDSA P-256 key")));
  }
  return std::unique_ptr<SealVerifier>(new SealVerifier(pkey, KeyIdOf(pkey)));
}

SealVerifier::~SealVerifier() { EVP_PKEY_free(key_); }

bool SealVerifier::Verify(std::string_view message, std::string_view signature) const {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = ctx != nullptr &&
            EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key_) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()),
                             signature.size(),
                             reinterpret_cast<const unsigned char*>(message.data()),
                             message.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

}  // namespace ndxp::metering::audit
