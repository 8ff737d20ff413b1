#pragma once
// The HTTP messages the listener reads and writes (Beast string bodies), and small helpers to read
// headers and build responses. Nothing here touches a socket.

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/core/request_headers.h"

namespace ndxp::server::http {

namespace beast_http = boost::beast::http;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;

inline constexpr std::string_view kApiKeyHeader = "x-api-key";
inline constexpr std::string_view kJsonContentType = "application/json";

// An answer handed to the connection, and what to run once its last byte is written (true) or
// the write failed (false); `written` may be empty.
struct Answer {
  Response response;
  std::function<void(bool ok)> written;
};
// Takes a request's answer. Called exactly once per request, on any thread.
using Respond = std::function<void(Answer)>;

// A request's headers as the chain's stages read them.
class HttpRequestHeaders final : public core::RequestHeaders {
 public:
  explicit HttpRequestHeaders(const Request& request) : request_(request) {}
  std::optional<std::string_view> Get(std::string_view name) const override;
  std::size_t Count(std::string_view name) const override;

 private:
  const Request& request_;
};

// The value of header `name` (case-insensitive), if present.
std::optional<std::string_view> HeaderValue(const Request& request, std::string_view name);

// A response to `request` (same HTTP version; keep-alive as the request asks) with `body`.
Response MakeResponse(const Request& request, beast_http::status status,
                      std::string_view content_type, std::string body);

}  // namespace ndxp::server::http
