#include "gateway/tls/certificate_expiry.h"

#include <ctime>

#include <openssl/asn1.h>

#include "gateway/core/strings.h"
#include "gateway/tls/pem_files.h"

namespace ndxp::tls {
namespace {

constexpr const char* kName = "ndxp_gateway_tls_certificate_expiry_timestamp_seconds";

// Label values are our own names, but escape them as the text format requires anyway.
std::string Escaped(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

std::optional<double> CertificateNotAfter(const std::string& cert_file) {
  auto certs = LoadCertificates("certificate", cert_file);
  if (!certs.ok() || certs->empty()) return std::nullopt;
  const ASN1_TIME* not_after = X509_get0_notAfter(certs->front().get());
  std::tm tm{};
  if (not_after == nullptr || ASN1_TIME_to_tm(not_after, &tm) != 1) return std::nullopt;
  return static_cast<double>(timegm(&tm));
}

void AddCertificateExpiryCollector(metrics::Registry& registry,
                                   std::vector<PresentedCertificate> certificates) {
  if (certificates.empty()) return;
  registry.AddCollector([certificates = std::move(certificates)](std::string& out) {
    out += core::Cat("# HELP ", kName,
                     " When the certificate the gateway presents expires (notAfter, Unix seconds).\n",
                     "# TYPE ", kName, " gauge\n");
    for (const auto& cert : certificates) {
      std::optional<double> not_after = CertificateNotAfter(cert.cert_file);
      if (!not_after) continue;
      out += core::Cat(kName, "{certificate=\"", Escaped(cert.name), "\"} ",
                       static_cast<long long>(*not_after), "\n");
    }
  });
}

}  // namespace ndxp::tls
