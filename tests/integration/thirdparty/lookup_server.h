#pragma once
// The example third-party service (example/v1/lookup.proto) on the gRPC callback API: what
// ndxp_example_lookup_server serves, and what in-process tests start. No reactor blocks a thread:
// "slow:<ms>" waits on a grpc::Alarm, streams write one message at a time as flow control allows.

#include <absl/status/statusor.h>
#include <absl/time/time.h>
#include <grpcpp/server.h>

#include <memory>
#include <string>

namespace ndxp::example {

// Largest payload_bytes ListItems accepts.
inline constexpr long long kMaxPayloadBytes = 16 << 20;
// Longest delay "slow:<ms>" accepts.
inline constexpr long long kMaxSlowMillis = 10 * 60 * 1000;

class LookupServer {
 public:
  // Listens on `address` (HOST:PORT, port 0 picks a free one), without TLS.
  static absl::StatusOr<std::unique_ptr<LookupServer>> Start(const std::string& address);
  ~LookupServer();
  LookupServer(const LookupServer&) = delete;
  LookupServer& operator=(const LookupServer&) = delete;

  int port() const { return port_; }
  // Stops accepting calls, lets calls in flight finish until `deadline`, cancels the rest.
  void Shutdown(absl::Time deadline);

  struct Service;

 private:
  LookupServer();

  std::unique_ptr<Service> service_;  // outlives server_
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace ndxp::example
