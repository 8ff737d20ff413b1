#pragma once
// PEM files of a TLS configuration (certificates, private keys, CRLs) read into OpenSSL objects,
// with errors that name the configuration key (e.g. "grpc.tls.cert_file: ...").

#include <string>
#include <string_view>
#include <vector>

#include <absl/status/statusor.h>

#include "gateway/tls/openssl_ptr.h"

namespace ndxp::tls {

// The whole file; INVALID_ARGUMENT naming `key` when it cannot be read (absent, not readable) or is
// empty. Every error below is INVALID_ARGUMENT naming the key, as configuration errors are.
absl::StatusOr<std::string> ReadPemFile(std::string_view key, const std::string& path);

// Every certificate in the file, in order (at least one).
absl::StatusOr<std::vector<X509Ptr>> LoadCertificates(std::string_view key, const std::string& path);
// Certificates from PEM text (at least one), e.g. what gRPC hands a verifier.
absl::StatusOr<std::vector<X509Ptr>> ParseCertificates(std::string_view pem);
// The (first) private key in the file; never logged.
absl::StatusOr<EvpPkeyPtr> LoadPrivateKey(std::string_view key, const std::string& path);
// Every CRL in the file (at least one).
absl::StatusOr<std::vector<X509CrlPtr>> LoadCrls(std::string_view key, const std::string& path);

// The key in `key_file` is the private key of the first certificate of `cert_file`.
// `prefix` names the section, e.g. "grpc.tls".
absl::Status CheckKeyPair(std::string_view prefix, const std::string& cert_file,
                          const std::string& key_file);

// The last OpenSSL error of this thread as text (and clears the queue); "" when none.
std::string LastOpenSslError();

}  // namespace ndxp::tls
