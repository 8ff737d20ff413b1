#pragma once
// A real ndxp-gateway with TLS and mutual TLS on both listeners, over the development PKI of
// scripts/dev-ca.sh made in a temp dir: client VN:PROV:79:ONESTOP registered (VN:PROV:01:ONESTOP
// is not), client certificates required on both listeners and checked against the CA and its
// CRL. The server's certificate and key are read through a symlinked directory (live -> gen1),
// so that a test can replace both at once, as a deployment would.

#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "tests/integration/support/gateway_process.h"

namespace ndxp::testing {

class TlsGateway {
 public:
  // Starts it; check ok().
  TlsGateway();
  bool ok() const { return ok_; }

  // The PKI's file `name` (e.g. "client-79.crt").
  std::string pki(const std::string& name) const { return dir_ + "/pki/" + name; }
  const std::string& access_log() const { return access_log_; }
  GatewayProcess& process() { return *process_; }
  std::string https_base() const {
    return "https://localhost:" + std::to_string(process_->http_port());
  }

  // A gRPC channel of its own (its own connection) presenting client certificate `client`
  // ("client-79", ...; "" for none), trusting the dev CA.
  std::shared_ptr<grpc::Channel> Channel(const std::string& client) const;

  // Issues a new server certificate from the same CA into gen2 and points live at it (one
  // rename). Returns the new certificate's serial (upper-case hex), "" on failure.
  std::string RotateServerCertificate();

  // Runs curl (/usr/bin/curl) with the dev CA and client certificate `client` ("" for none) on `path` of the
  // HTTP listener plus `extra` arguments; returns curl's exit code, the body in *body and the
  // HTTP status in *status (0 when there was no answer).
  int Curl(const std::string& client, const std::string& path, std::string* body, int* status,
           const std::vector<std::string>& extra = {}) const;

  // The value of the series `listener`/`reason` of ndxp_gateway_tls_handshake_failures_total,
  // scraped from /metrics with client-79's certificate; -1 when absent.
  double HandshakeFailures(const std::string& listener, const std::string& reason) const;

 private:
  std::string dir_;
  std::string access_log_;
  std::unique_ptr<GatewayProcess> process_;
  bool ok_ = false;
};

// The serial (upper-case hex) of the leaf in a PEM certificate.
std::string SerialOfPem(const std::string& pem);

}  // namespace ndxp::testing
