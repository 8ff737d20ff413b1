#include "gateway/tls/client_trust.h"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "gateway/core/strings.h"
#include "gateway/tls/pem_files.h"

namespace ndxp::tls {

absl::StatusOr<std::shared_ptr<const ClientTrust>> ClientTrust::Load(const gateway::v1::Tls& tls,
                                                                      std::string_view prefix) {
  std::shared_ptr<ClientTrust> trust(new ClientTrust());
  trust->store_.reset(X509_STORE_new());
  const std::string ca_key = core::Cat(prefix, ".client_ca_file");
  auto cas = LoadCertificates(ca_key, tls.client_ca_file());
  if (!cas.ok()) return cas.status();
  for (const auto& ca : *cas) {
    if (X509_STORE_add_cert(trust->store_.get(), ca.get()) != 1) {
      return absl::InvalidArgumentError(core::ToAbsl(
          core::Cat(ca_key, ": cannot use a certificate of ", tls.client_ca_file(), ": ",
                    LastOpenSslError())));
    }
  }
  if (!tls.crl_file().empty()) {
    const std::string crl_key = core::Cat(prefix, ".crl_file");
    auto crls = LoadCrls(crl_key, tls.crl_file());
    if (!crls.ok()) return crls.status();
    for (const auto& crl : *crls) {
      if (X509_STORE_add_crl(trust->store_.get(), crl.get()) != 1) {
        return absl::InvalidArgumentError(core::ToAbsl(core::Cat(
            crl_key, ": cannot use a CRL of ", tls.crl_file(), ": ", LastOpenSslError())));
      }
    }
    trust->flags_ = X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL;
    X509_STORE_set_flags(trust->store_.get(), trust->flags_);
  }
  X509_STORE_set_purpose(trust->store_.get(), X509_PURPOSE_SSL_CLIENT);
  return std::shared_ptr<const ClientTrust>(std::move(trust));
}

long ClientTrust::Verify(X509* leaf, STACK_OF(X509) * chain) const {
  X509StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!ctx || X509_STORE_CTX_init(ctx.get(), store_.get(), leaf, chain) != 1) {
    ERR_clear_error();
    return X509_V_ERR_UNSPECIFIED;
  }
  X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_CLIENT);
  const int ok = X509_verify_cert(ctx.get());
  long error = X509_STORE_CTX_get_error(ctx.get());
  ERR_clear_error();
  if (ok == 1) return X509_V_OK;
  return error == X509_V_OK ? X509_V_ERR_UNSPECIFIED : error;
}

}  // namespace ndxp::tls
