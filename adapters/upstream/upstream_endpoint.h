#pragma once
// One endpoint of an upstream: HOST:PORT served over `connections` HTTP/2 connections, one
// grpc::Channel each (a local subchannel pool per channel, so they never share a connection),
// with a GenericStub per channel for forwarding bytes. Channels connect at creation and stay
// warm (no client idle timeout; keepalive pings). Thread-safe.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <absl/status/status.h>
#include <absl/time/time.h>
#include <grpcpp/channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include "adapters/upstream/upstream_metrics.h"

namespace ndxp::adapters {

struct ConnectionOptions {
  // HTTP/2 connections to the endpoint (Upstream.connections_per_endpoint).
  int connections = 1;
  // Ping a connection that has been silent this long (Upstream.keepalive_time).
  absl::Duration keepalive_time = absl::Seconds(30);
  // Close a connection whose ping is not answered within this.
  absl::Duration keepalive_timeout = absl::Seconds(20);
  // Largest message sent to or received from the upstream.
  int max_message_bytes = 64 * 1024 * 1024;
  // How far an upstream may send ahead of what the gateway has taken, per stream (the HTTP/2
  // stream window): what a slow caller can make the gateway hold per call. 0: gRPC's BDP
  // auto-tuning, which grows the window to several MiB on a fast link.
  int stream_window_bytes = 256 * 1024;
  // Longest wait between two connection attempts to an endpoint that is down (gRPC's own default
  // is 120s, too long for a recovered endpoint to wait unused).
  absl::Duration max_reconnect_backoff = absl::Seconds(10);
  // TLS to the endpoints (Upstream.tls, read at start): null for plaintext. `server_name` is the
  // name the endpoint's certificate must carry; empty: the endpoint's host.
  std::shared_ptr<grpc::ChannelCredentials> tls_credentials;
  std::string server_name;
};

// The credentials of every connection of an upstream: its TLS credentials, else plaintext.
std::shared_ptr<grpc::ChannelCredentials> UpstreamChannelCredentials(const ConnectionOptions& options);

// The channel arguments of connection `index` of an endpoint.
grpc::ChannelArguments UpstreamChannelArguments(const ConnectionOptions& options, int index);

// Checks that `address` is HOST:PORT (an IPv6 host in brackets), port 1..65535; the error says
// what is wrong.
absl::Status ValidateEndpointAddress(std::string_view address);

class UpstreamEndpoint {
 public:
  // `address` must be valid (ValidateEndpointAddress). `upstream` names the upstream in metrics.
  UpstreamEndpoint(std::string upstream, std::string address, const ConnectionOptions& options,
                   UpstreamMetrics& metrics);
  UpstreamEndpoint(const UpstreamEndpoint&) = delete;
  UpstreamEndpoint& operator=(const UpstreamEndpoint&) = delete;

  const std::string& address() const { return address_; }
  // Some connection is not in TRANSIENT_FAILURE or SHUTDOWN (IDLE and CONNECTING count as
  // healthy: a call there connects, or fails fast).
  bool healthy() const;
  // The stub of the next connection in turn, skipping failing ones while a healthy one exists.
  grpc::GenericStub& NextStub();

  // Blocks until every connection is READY, or false at `deadline`. For tests and start-up logs
  // only: never on a call's path.
  bool WaitForConnected(absl::Time deadline);

  // Calls in flight on this endpoint (least_request reads it).
  std::int64_t in_flight() const { return in_flight_.load(std::memory_order_relaxed); }
  void CallStarted() {
    in_flight_.fetch_add(1, std::memory_order_relaxed);
    metrics_->CallStarted();
  }
  void CallEnded(absl::StatusCode code) {
    in_flight_.fetch_sub(1, std::memory_order_relaxed);
    metrics_->CallEnded(code);
  }

  std::size_t connection_count() const { return connections_.size(); }
  // For tests: connection `i`'s channel.
  const std::shared_ptr<grpc::Channel>& channel(std::size_t i) const {
    return connections_[i].channel;
  }

 private:
  struct Connection {
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<grpc::GenericStub> stub;
  };

  const std::string address_;
  std::vector<Connection> connections_;
  std::atomic<std::uint64_t> next_{0};
  alignas(64) std::atomic<std::int64_t> in_flight_{0};  // apart from next_: both change per call
  // Last: its health callback reads connections_, so it goes first.
  std::unique_ptr<EndpointMetrics> metrics_;
};

}  // namespace ndxp::adapters
