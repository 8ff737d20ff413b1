// A bare gRPC C++ server for the throughput comparison in docs/performance.md: the generated
// PopulationService callback service answering GetCitizen from the same in-memory data as the
// gateway's connector (the same handler), with no gateway in between.
#include <cstdio>
#include <fstream>
#include <string>

#include <CLI/CLI.hpp>
#include <absl/synchronization/mutex.h>
#include <grpcpp/grpcpp.h>

#include "connectors/builtin.h"
#include "ndxp/population/v1/population.grpc.pb.h"

namespace {

using ndxp::population::v1::GetCitizenRequest;
using ndxp::population::v1::GetCitizenResponse;

class BareService final : public ndxp::population::v1::PopulationService::CallbackService {
 public:
  explicit BareService(ndxp::core::UnaryFn get_citizen) : get_citizen_(std::move(get_citizen)) {}
  grpc::ServerUnaryReactor* GetCitizen(grpc::CallbackServerContext* ctx,
                                       const GetCitizenRequest* request,
                                       GetCitizenResponse* response) override {
    ndxp::core::CallContext call;
    absl::Status status = get_citizen_(call, *request, *response);
    auto* reactor = ctx->DefaultReactor();
    reactor->Finish(status.ok() ? grpc::Status::OK
                                : grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                                               std::string(status.message())));
    return reactor;
  }

 private:
  ndxp::core::UnaryFn get_citizen_;
};

}  // namespace

int main(int argc, char** argv) {
  std::string address = "127.0.0.1:50061";
  CLI::App app{"bare gRPC server for the gateway comparison"};
  app.add_option("--listen", address, "HOST:PORT");
  std::string tls_cert, tls_key;
  app.add_option("--tls-cert", tls_cert, "PEM certificate chain: serve TLS (gRPC's SSL credentials)");
  app.add_option("--tls-key", tls_key, "PEM private key of --tls-cert");
  CLI11_PARSE(app, argc, argv);
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);  // as ndxp-gateway does

  auto connectors = ndxp::connectors::MakeBuiltinConnectors({{"population", {}}});
  if (!connectors.ok()) {
    std::fprintf(stderr, "%s\n", std::string(connectors.status().message()).c_str());
    return 1;
  }
  ndxp::core::UnaryFn get_citizen;
  for (auto& h : (*connectors)[0]->Handlers()) {
    if (h.method->name() == "GetCitizen") get_citizen = h.unary;
  }
  BareService service(get_citizen);
  grpc::ServerBuilder builder;
  int port = 0;
  std::shared_ptr<grpc::ServerCredentials> credentials = grpc::InsecureServerCredentials();
  if (!tls_cert.empty()) {
    auto read = [](const std::string& path) {
      std::ifstream in(path);
      return std::string(std::istreambuf_iterator<char>(in), {});
    };
    grpc::SslServerCredentialsOptions options;
    options.pem_key_cert_pairs.push_back({read(tls_key), read(tls_cert)});
    credentials = grpc::SslServerCredentials(options);
  }
  builder.AddListeningPort(address, credentials, &port);
  builder.RegisterService(&service);
  auto server = builder.BuildAndStart();
  if (!server) return 1;
  std::fprintf(stderr, "bare gRPC listening on 127.0.0.1:%d\n", port);
  server->Wait();
}
