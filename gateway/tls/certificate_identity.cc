#include "gateway/tls/certificate_identity.h"

#include <openssl/bn.h>
#include <openssl/x509v3.h>

#include "gateway/core/peer_info.h"
#include "gateway/tls/openssl_ptr.h"

namespace ndxp::tls {
namespace {

std::string Utf8(const ASN1_STRING* text) {
  unsigned char* out = nullptr;
  const int len = ASN1_STRING_to_UTF8(&out, text);
  if (len < 0) return "";
  std::string value(reinterpret_cast<const char*>(out), static_cast<std::size_t>(len));
  OPENSSL_free(out);
  return value;
}

std::string CommonName(X509* cert) {
  X509_NAME* name = X509_get_subject_name(cert);
  const int at = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (at < 0) return "";
  return Utf8(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, at)));
}

std::vector<std::string> SanUris(X509* cert) {
  std::vector<std::string> uris;
  auto* names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  if (names == nullptr) return uris;
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    if (name->type == GEN_URI) uris.push_back(Utf8(name->d.uniformResourceIdentifier));
  }
  GENERAL_NAMES_free(names);
  return uris;
}

std::string Subject(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return len > 0 ? std::string(data, static_cast<std::size_t>(len)) : "";
}

}  // namespace

std::string ClientIdFrom(const std::vector<std::string_view>& uris, std::string_view common_name) {
  for (std::string_view uri : uris) {
    if (uri.starts_with(core::kClientUriPrefix) && uri.size() > core::kClientUriPrefix.size()) {
      return std::string(uri.substr(core::kClientUriPrefix.size()));
    }
  }
  return std::string(common_name);
}

CertificateIdentity IdentityOf(X509* cert) {
  CertificateIdentity out;
  if (cert == nullptr) return out;
  std::vector<std::string> uris = SanUris(cert);
  std::vector<std::string_view> views(uris.begin(), uris.end());
  out.client_id = ClientIdFrom(views, CommonName(cert));
  out.subject = Subject(cert);
  return out;
}

std::string SerialOf(X509* cert) {
  BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr);
  if (bn == nullptr) return "";
  char* hex = BN_bn2hex(bn);
  std::string out = hex != nullptr ? hex : "";
  OPENSSL_free(hex);
  BN_free(bn);
  return out;
}

}  // namespace ndxp::tls
