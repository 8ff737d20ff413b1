#include "gateway/tls/pem_files.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <openssl/err.h>
#include <openssl/pem.h>

#include "gateway/core/strings.h"

namespace ndxp::tls {
namespace {

absl::Status Problem(absl::StatusCode code, std::string_view key, std::string_view what) {
  return absl::Status(code, core::ToAbsl(core::Cat(key, ": ", what)));
}

BioPtr MemoryBio(std::string_view text) {
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

}  // namespace

std::string LastOpenSslError() {
  unsigned long code = ERR_peek_last_error();
  ERR_clear_error();
  if (code == 0) return "";
  char buf[256];
  ERR_error_string_n(code, buf, sizeof buf);
  return buf;
}

absl::StatusOr<std::string> ReadPemFile(std::string_view key, const std::string& path) {
  if (path.empty()) return Problem(absl::StatusCode::kInvalidArgument, key, "a file is required");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    return Problem(absl::StatusCode::kInvalidArgument, key,
                   core::Cat("cannot read ", path, ": ", std::strerror(err)));
  }
  std::stringstream text;
  text << in.rdbuf();
  if (text.str().empty()) {
    return Problem(absl::StatusCode::kInvalidArgument, key, core::Cat(path, " is empty"));
  }
  return text.str();
}

absl::StatusOr<std::vector<X509Ptr>> ParseCertificates(std::string_view pem) {
  BioPtr bio = MemoryBio(pem);
  std::vector<X509Ptr> out;
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) out.emplace_back(cert);
  ERR_clear_error();  // the end of the text reads as an error
  if (out.empty()) return absl::InvalidArgumentError("no PEM certificate");
  return out;
}

absl::StatusOr<std::vector<X509Ptr>> LoadCertificates(std::string_view key,
                                                      const std::string& path) {
  auto text = ReadPemFile(key, path);
  if (!text.ok()) return text.status();
  auto certs = ParseCertificates(*text);
  if (!certs.ok()) {
    return Problem(absl::StatusCode::kInvalidArgument, key,
                   core::Cat(path, " holds no PEM certificate"));
  }
  return certs;
}

absl::StatusOr<EvpPkeyPtr> LoadPrivateKey(std::string_view key, const std::string& path) {
  auto text = ReadPemFile(key, path);
  if (!text.ok()) return text.status();
  BioPtr bio = MemoryBio(*text);
  EvpPkeyPtr pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  ERR_clear_error();
  if (!pkey) {
    return Problem(absl::StatusCode::kInvalidArgument, key,
                   core::Cat(path, " holds no PEM private key (an encrypted key is not supported)"));
  }
  return pkey;
}

absl::StatusOr<std::vector<X509CrlPtr>> LoadCrls(std::string_view key, const std::string& path) {
  auto text = ReadPemFile(key, path);
  if (!text.ok()) return text.status();
  BioPtr bio = MemoryBio(*text);
  std::vector<X509CrlPtr> out;
  while (X509_CRL* crl = PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr)) {
    out.emplace_back(crl);
  }
  ERR_clear_error();
  if (out.empty()) {
    return Problem(absl::StatusCode::kInvalidArgument, key,
                   core::Cat(path, " holds no PEM certificate revocation list"));
  }
  return out;
}

absl::Status CheckKeyPair(std::string_view prefix, const std::string& cert_file,
                          const std::string& key_file) {
  const std::string cert_key = core::Cat(prefix, ".cert_file");
  const std::string key_key = core::Cat(prefix, ".key_file");
  auto certs = LoadCertificates(cert_key, cert_file);
  if (!certs.ok()) return certs.status();
  auto pkey = LoadPrivateKey(key_key, key_file);
  if (!pkey.ok()) return pkey.status();
  if (X509_check_private_key(certs->front().get(), pkey->get()) != 1) {
    ERR_clear_error();
    return Problem(absl::StatusCode::kInvalidArgument, key_key,
                   core::Cat(key_file, " is not the private key of the certificate in ", cert_file));
  }
  return absl::OkStatus();
}

}  // namespace ndxp::tls
