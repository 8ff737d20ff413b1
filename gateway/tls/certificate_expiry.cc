#include "gateway/tls/certificate_expiry.h"

#include <cstdint>
#include <ctime>
#include <span>

#include <openssl/asn1.h>

#include "gateway/metrics/exposition.h"
#include "gateway/tls/pem_files.h"

namespace ndxp::tls {
namespace {

constexpr const char* kName = "ndxp_gateway_tls_certificate_expiry_timestamp_seconds";

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
    metrics::AppendHeader(out, kName,
                          "When the certificate the gateway presents expires (notAfter, Unix "
                          "seconds).",
                          "gauge");
    static const std::vector<std::string> kLabels = {"certificate"};
    for (const auto& cert : certificates) {
      std::optional<double> not_after = CertificateNotAfter(cert.cert_file);
      if (!not_after) continue;
      metrics::AppendSeriesName(out, kName, kLabels, std::span<const std::string>(&cert.name, 1));
      out.push_back(' ');
      metrics::AppendNumber(out, static_cast<std::uint64_t>(*not_after));
      out.push_back('\n');
    }
  });
}

}  // namespace ndxp::tls
