#include "gateway/server/http/http_message.h"

namespace ndxp::server::http {

std::optional<std::string_view> HeaderValue(const Request& request, std::string_view name) {
  auto it = request.find(boost::beast::string_view(name.data(), name.size()));
  if (it == request.end()) return std::nullopt;
  boost::beast::string_view value = it->value();
  return std::string_view(value.data(), value.size());
}

std::optional<std::string_view> HttpRequestHeaders::Get(std::string_view name) const {
  return HeaderValue(request_, name);
}

std::size_t HttpRequestHeaders::Count(std::string_view name) const {
  return request_.count(boost::beast::string_view(name.data(), name.size()));
}

Response MakeResponse(const Request& request, beast_http::status status,
                      std::string_view content_type, std::string body) {
  Response response{status, request.version()};
  response.set(beast_http::field::content_type,
               boost::beast::string_view(content_type.data(), content_type.size()));
  response.keep_alive(request.keep_alive());
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

}  // namespace ndxp::server::http
