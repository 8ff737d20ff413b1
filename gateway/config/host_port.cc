#include "gateway/config/host_port.h"

#include <arpa/inet.h>

#include <charconv>

#include <absl/status/status.h>

#include "gateway/config/scalar_parse.h"
#include "gateway/core/strings.h"

namespace ndxp::config {
namespace {

constexpr std::size_t kMaxHostNameLength = 253;
constexpr std::size_t kMaxLabelLength = 63;

absl::Status Invalid(const std::string& message) {
  return absl::InvalidArgumentError(core::ToAbsl(message));
}

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens.
bool IsHostName(std::string_view host) {
  if (host.empty() || host.size() > kMaxHostNameLength) return false;
  std::size_t label = 0;
  for (std::size_t i = 0; i <= host.size(); ++i) {
    if (i == host.size() || host[i] == '.') {
      if (label == 0 || label > kMaxLabelLength) return false;
      if (host[i - 1] == '-' || host[i - label] == '-') return false;
      label = 0;
    } else if (IsAlnum(host[i]) || host[i] == '-') {
      ++label;
    } else {
      return false;
    }
  }
  return true;
}

bool LooksNumeric(std::string_view host) {
  return host.find_first_not_of("0123456789.") == std::string_view::npos;
}

// PORT, from `min_port` (0 for a listener, 1 for an endpoint) to 65535.
absl::StatusOr<std::uint16_t> ParsePort(std::string_view text, std::uint32_t min_port) {
  if (text.empty()) return Invalid("missing port after ':'");
  const std::string range = core::Cat(" is out of range (", min_port, " to 65535)");
  std::uint32_t port = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (ec != std::errc() || end != text.data() + text.size() || text.size() > 5) {
    if (text.find_first_not_of("0123456789") == std::string_view::npos) {
      return Invalid(core::Cat("port ", text, range));
    }
    return Invalid(core::Cat("port ", QuoteForError(text), " is not a number"));
  }
  if (port > 65535 || port < min_port) return Invalid(core::Cat("port ", text, range));
  return static_cast<std::uint16_t>(port);
}

absl::Status CheckHost(std::string_view host, bool bracketed, bool listening) {
  const std::string copy(host);
  unsigned char buf[16];
  if (bracketed) {
    if (inet_pton(AF_INET6, copy.c_str(), buf) == 1) return absl::OkStatus();
    return Invalid(core::Cat(QuoteForError(host), " is not a valid IPv6 address"));
  }
  if (host.empty()) {
    return Invalid(listening ? "missing host before ':' (use 0.0.0.0 or [::] to listen on every "
                               "interface)"
                             : "missing host before ':'");
  }
  if (host.find(':') != std::string_view::npos) {
    return Invalid("an IPv6 address must be in brackets, e.g. [::1]:50051");
  }
  if (LooksNumeric(host)) {
    if (inet_pton(AF_INET, copy.c_str(), buf) == 1) return absl::OkStatus();
    return Invalid(core::Cat(QuoteForError(host), " is not a valid IPv4 address"));
  }
  if (!IsHostName(host)) {
    return Invalid(core::Cat(QuoteForError(host), " is not a valid host name"));
  }
  return absl::OkStatus();
}

absl::StatusOr<HostPort> Parse(std::string_view address, bool listening) {
  if (address.empty()) return Invalid("expected HOST:PORT, got an empty string");
  HostPort out;
  std::string_view host;
  std::string_view port;
  if (address.front() == '[') {
    const std::size_t close = address.find(']');
    if (close == std::string_view::npos) return Invalid("missing ']' after the IPv6 address");
    host = address.substr(1, close - 1);
    std::string_view rest = address.substr(close + 1);
    if (!rest.starts_with(':')) return Invalid("expected ':' and a port after ']'");
    port = rest.substr(1);
    out.ipv6 = true;
  } else {
    const std::size_t colon = address.rfind(':');
    if (colon == std::string_view::npos) {
      return Invalid(
          core::Cat("expected HOST:PORT (e.g. 127.0.0.1:50051), got ", QuoteForError(address)));
    }
    host = address.substr(0, colon);
    port = address.substr(colon + 1);
  }
  if (absl::Status status = CheckHost(host, out.ipv6, listening); !status.ok()) return status;
  absl::StatusOr<std::uint16_t> parsed_port = ParsePort(port, listening ? 0 : 1);
  if (!parsed_port.ok()) return parsed_port.status();
  out.host = std::string(host);
  out.port = *parsed_port;
  return out;
}

bool IsUnspecifiedAddress(const HostPort& address) {
  const std::string host(address.host);
  unsigned char buf[16] = {};
  const int family = address.ipv6 ? AF_INET6 : AF_INET;
  if (inet_pton(family, host.c_str(), buf) != 1) return false;  // a host name
  const std::size_t size = address.ipv6 ? 16 : 4;
  for (std::size_t i = 0; i < size; ++i) {
    if (buf[i] != 0) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<HostPort> ParseHostPort(std::string_view address) { return Parse(address, true); }

absl::StatusOr<HostPort> ParseEndpoint(std::string_view address) {
  absl::StatusOr<HostPort> parsed = Parse(address, false);
  if (!parsed.ok()) return parsed;
  if (IsUnspecifiedAddress(*parsed)) {
    return Invalid(core::Cat(QuoteForError(parsed->host),
                             " is the unspecified address, which only a listener takes: name "
                             "the machine to connect to"));
  }
  return parsed;
}

}  // namespace ndxp::config
