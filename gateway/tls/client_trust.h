#pragma once
// What client certificates are checked against on one listener: the client CAs (client_ca_file)
// and their revocation lists (crl_file), as one immutable X509_STORE. The HTTP listener puts the
// store in its SSL_CTX; the gRPC listener's certificate verifier calls Verify. A reload builds a
// new ClientTrust and swaps it in (ClientTrustSource), so a handshake in progress keeps the one it
// began with.

#include <memory>
#include <string>
#include <string_view>

#include <absl/base/thread_annotations.h>
#include <absl/status/statusor.h>
#include <absl/synchronization/mutex.h>

#include "gateway/tls/openssl_ptr.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::tls {

class ClientTrust {
 public:
  // From `tls.client_ca_file` and, when set, `tls.crl_file` (every certificate of the chain is
  // then checked against the CRLs: X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL). Errors name
  // the key under `prefix`, e.g. "http.tls.client_ca_file".
  static absl::StatusOr<std::shared_ptr<const ClientTrust>> Load(const gateway::v1::Tls& tls,
                                                                  std::string_view prefix);

  // The store, for SSL_CTX_set1_cert_store (which takes a reference).
  X509_STORE* store() const { return store_.get(); }
  // X509_V_OK, or the X509_V_ERR_* why `leaf` (with the `chain` the peer sent, may be null) is
  // not a valid client certificate now. Thread-safe.
  long Verify(X509* leaf, STACK_OF(X509) * chain) const;
  // Flags the store verifies with.
  unsigned long flags() const { return flags_; }

 private:
  ClientTrust() = default;
  X509StorePtr store_;
  unsigned long flags_ = 0;
};

// The current ClientTrust of a listener; swapped on reload. Thread-safe.
class ClientTrustSource {
 public:
  explicit ClientTrustSource(std::shared_ptr<const ClientTrust> trust) : trust_(std::move(trust)) {}
  std::shared_ptr<const ClientTrust> Get() const {
    absl::MutexLock lock(&mu_);
    return trust_;
  }
  void Set(std::shared_ptr<const ClientTrust> trust) {
    absl::MutexLock lock(&mu_);
    trust_ = std::move(trust);
  }

 private:
  mutable absl::Mutex mu_;
  std::shared_ptr<const ClientTrust> trust_ ABSL_GUARDED_BY(mu_);
};

}  // namespace ndxp::tls
