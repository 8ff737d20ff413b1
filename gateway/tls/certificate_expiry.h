#pragma once
// ndxp_gateway_tls_certificate_expiry_timestamp_seconds{certificate}: when each certificate the
// gateway presents expires (the leaf's notAfter, Unix seconds), so that an alert fires weeks
// before it does. Read from the files at scrape time, so a reloaded certificate shows at once; a
// file that cannot be read has no sample (and the certificate-expiry alert's companion, absent
// series, says so).

#include <optional>
#include <string>
#include <vector>

#include "gateway/metrics/registry.h"

namespace ndxp::tls {

struct PresentedCertificate {
  std::string name;       // label value: "grpc", "http", "upstream:population", ...
  std::string cert_file;  // PEM, leaf first
};

// notAfter of the first certificate in the file, as Unix seconds; nullopt when unreadable.
std::optional<double> CertificateNotAfter(const std::string& cert_file);

// Adds the collector when `certificates` is not empty.
void AddCertificateExpiryCollector(metrics::Registry& registry,
                                   std::vector<PresentedCertificate> certificates);

}  // namespace ndxp::tls
