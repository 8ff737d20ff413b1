// ndxp_example_lookup_server: the example third-party service (example/v1/lookup.proto) as its own
// process, for routing it through the gateway by its descriptor set. Prints
// "example listening on HOST:PORT" to stderr once serving; exits 0 on SIGTERM or SIGINT, after
// letting calls in flight finish for --grace milliseconds (a connection left open by a client
// also holds the exit that long).
#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <string_view>

#include "gateway/core/strings.h"
#include "tests/integration/thirdparty/lookup_server.h"

namespace {

// The given HOST:PORT with the port actually bound (they differ when the port was 0).
std::string WithPort(const std::string& address, int port) {
  return ndxp::core::Cat(std::string_view(address).substr(0, address.rfind(':')), ":", port);
}

}  // namespace

int main(int argc, char** argv) {
  std::string listen;
  int grace_ms = 1000;
  CLI::App app{"ndxp_example_lookup_server: the example third-party gRPC service (example.v1)"};
  app.add_option("--listen", listen, "HOST:PORT for gRPC (port 0 = any free port)")->required();
  app.add_option("--grace", grace_ms,
                 "milliseconds calls in flight may take to finish after SIGTERM; then they are "
                 "cancelled")
      ->default_val(1000)
      ->check(CLI::NonNegativeNumber);
  CLI11_PARSE(app, argc, argv);

  signal(SIGPIPE, SIG_IGN);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before gRPC starts its threads

  auto server = ndxp::example::LookupServer::Start(listen);
  if (!server.ok()) {
    std::fprintf(stderr, "%s\n", std::string(server.status().message()).c_str());
    return 1;
  }
  std::fprintf(stderr, "example listening on %s\n", WithPort(listen, (*server)->port()).c_str());
  std::fflush(stderr);
  int received = 0;
  sigwait(&signals, &received);
  std::fprintf(stderr, "example received %s, stopping\n",
               received == SIGTERM ? "SIGTERM" : "SIGINT");
  (*server)->Shutdown(absl::Now() + absl::Milliseconds(grace_ms));
  return 0;
}
