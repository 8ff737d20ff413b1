#include "gateway/server/http/url.h"

#include "gateway/core/status.h"

namespace ndxp::server::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Target SplitTarget(std::string_view target) {
  std::size_t fragment = target.find('#');
  if (fragment != std::string_view::npos) target = target.substr(0, fragment);
  std::size_t question = target.find('?');
  if (question == std::string_view::npos) return {target, {}};
  return {target.substr(0, question), target.substr(question + 1)};
}

std::optional<std::string> PercentDecode(std::string_view in, bool plus_is_space,
                                         bool keep_slash_escapes) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (c != '%') {
      out.push_back(c);
    } else {
      if (i + 2 >= in.size()) return std::nullopt;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      char decoded = static_cast<char>(hi * 16 + lo);
      if (decoded == '/' && keep_slash_escapes) {
        out.append(in.substr(i, 3));
      } else {
        out.push_back(decoded);
      }
      i += 2;
    }
  }
  return out;
}

absl::StatusOr<QueryParams> ParseQuery(std::string_view query) {
  QueryParams params;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view piece = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (piece.empty()) continue;
    std::size_t eq = piece.find('=');
    std::string_view raw_name = piece.substr(0, eq);
    std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1);
    auto name = PercentDecode(raw_name, true);
    auto value = PercentDecode(raw_value, true);
    if (!name || !value) {
      return core::ErrorWithReason(absl::StatusCode::kInvalidArgument,
                                   "malformed percent-encoding in the query string",
                                   "MALFORMED_QUERY");
    }
    params.emplace_back(std::move(*name), std::move(*value));
  }
  return params;
}

}  // namespace ndxp::server::http
