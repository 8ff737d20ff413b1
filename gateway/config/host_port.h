#pragma once
// Addresses in configuration: HOST:PORT, where HOST is an IPv4 address, an IPv6 address in
// brackets, or a host name. Listener addresses take PORT 0..65535 (0 picks a free port); endpoints
// to connect to take 1..65535 and a host that names one machine.

#include <cstdint>
#include <string>
#include <string_view>

#include <absl/status/statusor.h>

namespace ndxp::config {

struct HostPort {
  std::string host;  // without brackets: "127.0.0.1", "::1", "gateway.internal"
  std::uint16_t port = 0;
  bool ipv6 = false;
};

// Parses "127.0.0.1:50051", "[::1]:8080", "0.0.0.0:0", "localhost:8080". On error the status
// message states the problem without a key path.
absl::StatusOr<HostPort> ParseHostPort(std::string_view address);

// An address to connect to (an upstream endpoint): as ParseHostPort, but port 0 and the
// unspecified addresses 0.0.0.0 and [::] (which only make sense to listen on) are errors.
absl::StatusOr<HostPort> ParseEndpoint(std::string_view address);

}  // namespace ndxp::config
