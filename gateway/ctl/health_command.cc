// `ndxpctl health --target HOST:PORT [--service NAME] [--timeout SECONDS] [--tls-ca FILE]`:
// asks a gateway's (or ndxp-connector's) gRPC health service, as a container health check or a
// script would. Exit 0 when SERVING, 1 otherwise (NOT_SERVING, unknown service, unreachable).

#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include <grpcpp/grpcpp.h>

#include "gateway/ctl/commands.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace ndxp::ctl {
namespace {

struct HealthOptions {
  std::string target;
  std::string service;  // "": the server as a whole
  double timeout_seconds = 3;
  std::string tls_ca;   // "": plaintext
};

int Check(const HealthOptions& options) {
  std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials();
  if (!options.tls_ca.empty()) {
    std::ifstream in(options.tls_ca);
    if (!in) {
      std::cerr << "--tls-ca: cannot read " << options.tls_ca << "\n";
      return kExitUsage;
    }
    std::stringstream pem;
    pem << in.rdbuf();
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = pem.str();
    credentials = grpc::SslCredentials(ssl);
  }
  auto channel = grpc::CreateChannel(options.target, credentials);
  auto stub = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::milliseconds(static_cast<long>(options.timeout_seconds * 1000)));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(options.service);
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = stub->Check(&context, request, &response);
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    std::cout << "SERVICE_UNKNOWN: " << options.service << " is not served by " << options.target
              << "\n";
    return kExitFailure;
  }
  if (!status.ok()) {
    std::cout << "UNREACHABLE: " << options.target << ": " << status.error_message() << "\n";
    return kExitFailure;
  }
  std::cout << grpc::health::v1::HealthCheckResponse::ServingStatus_Name(response.status()) << "\n";
  return response.status() == grpc::health::v1::HealthCheckResponse::SERVING ? kExitOk
                                                                              : kExitFailure;
}

}  // namespace

void AddHealthCommands(CLI::App& app, Action& action) {
  auto options = std::make_shared<HealthOptions>();
  CLI::App* health = app.add_subcommand(
      "health", "Ask a server's gRPC health service (exit 0 when SERVING, 1 otherwise)");
  health->add_option("--target", options->target, "HOST:PORT of the gRPC listener")->required();
  health->add_option("--service", options->service,
                     "a service's full name; default: the server as a whole");
  health->add_option("--timeout", options->timeout_seconds, "seconds to wait for the answer")
      ->default_val(3)
      ->check(CLI::Range(0.1, 60.0));
  health->add_option("--tls-ca", options->tls_ca,
                     "PEM CA bundle: connect with TLS and verify the server against it");
  health->callback([&action, options] { action = [options] { return Check(*options); }; });
}

}  // namespace ndxp::ctl
