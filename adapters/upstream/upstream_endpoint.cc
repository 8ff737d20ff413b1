#include "adapters/upstream/upstream_endpoint.h"

#include <charconv>
#include <climits>

#include <absl/time/clock.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include "gateway/core/strings.h"

namespace ndxp::adapters {
namespace {

bool Healthy(grpc_connectivity_state state) {
  return state != GRPC_CHANNEL_TRANSIENT_FAILURE && state != GRPC_CHANNEL_SHUTDOWN;
}

// The channel's state, reconnecting a channel that is IDLE: a connection that was lost goes IDLE
// in gRPC 1.51 and would stay there, counted healthy, until a call tried it; asking with
// try_to_connect starts the reconnection, so a dead endpoint shows as TRANSIENT_FAILURE as soon as
// the connection is refused. (Only then: GetState(true) costs more than a read.)
grpc_connectivity_state StateOf(grpc::Channel& channel) {
  grpc_connectivity_state state = channel.GetState(false);
  return state == GRPC_CHANNEL_IDLE ? channel.GetState(true) : state;
}

int Millis(absl::Duration d) {
  int64_t ms = absl::ToInt64Milliseconds(d);
  return ms > INT_MAX ? INT_MAX : static_cast<int>(ms);
}

}  // namespace

std::shared_ptr<grpc::ChannelCredentials> UpstreamChannelCredentials(const ConnectionOptions& options) {
  return options.tls_credentials ? options.tls_credentials : grpc::InsecureChannelCredentials();
}

grpc::ChannelArguments UpstreamChannelArguments(const ConnectionOptions& options, int index) {
  grpc::ChannelArguments args;
  // A subchannel pool of its own: this channel's connection is not shared with the endpoint's
  // other channels (the index makes the arguments distinct as well).
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetInt("ndxp.upstream_connection", index);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, Millis(options.keepalive_time));
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, Millis(options.keepalive_timeout));
  args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  args.SetInt(GRPC_ARG_ENABLE_RETRIES, 0);        // retries are the gateway's decision, later
  args.SetInt(GRPC_ARG_CLIENT_IDLE_TIMEOUT_MS, INT_MAX);  // INT_MAX: never idle
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, Millis(options.max_reconnect_backoff));
  if (options.stream_window_bytes > 0) {
    args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);  // else the window grows past the bound
    args.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, options.stream_window_bytes);
  }
  args.SetMaxSendMessageSize(options.max_message_bytes);
  args.SetMaxReceiveMessageSize(options.max_message_bytes);
  args.SetUserAgentPrefix("ndxp-gateway");
  if (options.tls_credentials && !options.server_name.empty()) {
    args.SetSslTargetNameOverride(options.server_name);
  }
  return args;
}

absl::Status ValidateEndpointAddress(std::string_view address) {
  std::size_t colon = address.rfind(':');
  if (colon == std::string_view::npos) {
    return absl::InvalidArgumentError(core::Cat("endpoint \"", address, "\" is not HOST:PORT"));
  }
  std::string_view host = address.substr(0, colon);
  std::string_view port = address.substr(colon + 1);
  bool bracketed = host.size() >= 2 && host.front() == '[' && host.back() == ']';
  if (host.empty() || (!bracketed && host.find(':') != std::string_view::npos)) {
    return absl::InvalidArgumentError(core::Cat(
        "endpoint \"", address, "\" has no valid host (an IPv6 address goes in brackets)"));
  }
  int value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || ec != std::errc() || end != port.data() + port.size() || value < 1 ||
      value > 65535) {
    return absl::InvalidArgumentError(
        core::Cat("endpoint \"", address, "\" has no valid port (1..65535)"));
  }
  return absl::OkStatus();
}

UpstreamEndpoint::UpstreamEndpoint(std::string upstream, std::string address,
                                   const ConnectionOptions& options, UpstreamMetrics& metrics)
    : address_(std::move(address)) {
  int count = options.connections < 1 ? 1 : options.connections;
  connections_.reserve(count);
  std::string target = core::Cat("dns:///", address_);
  for (int i = 0; i < count; ++i) {
    Connection connection;
    connection.channel = grpc::CreateCustomChannel(target, UpstreamChannelCredentials(options),
                                                   UpstreamChannelArguments(options, i));
    connection.channel->GetState(/*try_to_connect=*/true);  // connect now, not at the first call
    connection.stub = std::make_unique<grpc::GenericStub>(connection.channel);
    connections_.push_back(std::move(connection));
  }
  metrics_ = metrics.ForEndpoint(std::move(upstream), address_, [this] { return healthy(); });
}

bool UpstreamEndpoint::healthy() const {
  for (const Connection& c : connections_) {
    if (Healthy(StateOf(*c.channel))) return true;
  }
  return false;
}

grpc::GenericStub& UpstreamEndpoint::NextStub() {
  std::size_t n = connections_.size();
  if (n == 1) return *connections_[0].stub;
  std::uint64_t first = next_.fetch_add(1, std::memory_order_relaxed);
  for (std::size_t i = 0; i < n; ++i) {
    Connection& c = connections_[(first + i) % n];
    if (Healthy(StateOf(*c.channel))) return *c.stub;
  }
  return *connections_[first % n].stub;  // none healthy: the call fails fast on its own
}

bool UpstreamEndpoint::WaitForConnected(absl::Time deadline) {
  for (Connection& c : connections_) {
    for (;;) {
      grpc_connectivity_state state = c.channel->GetState(/*try_to_connect=*/true);
      if (state == GRPC_CHANNEL_READY) break;
      if (!c.channel->WaitForStateChange(state, absl::ToChronoTime(deadline))) return false;
    }
  }
  return true;
}

}  // namespace ndxp::adapters
