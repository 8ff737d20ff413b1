#pragma once
// The caller's request headers (gRPC metadata, HTTP headers) as stages read them, whatever the
// listener. Names are lowercase.

#include <cstddef>
#include <optional>
#include <string_view>

namespace ndxp::core {

class RequestHeaders {
 public:
  virtual ~RequestHeaders() = default;
  // The first value of header `name`, if present.
  virtual std::optional<std::string_view> Get(std::string_view name) const = 0;
  // How many times header `name` was sent.
  virtual std::size_t Count(std::string_view name) const = 0;
};

// No headers at all (calls refused before their headers were read, tests).
class NoRequestHeaders final : public RequestHeaders {
 public:
  std::optional<std::string_view> Get(std::string_view) const override { return std::nullopt; }
  std::size_t Count(std::string_view) const override { return 0; }
};

}  // namespace ndxp::core
