#include "gateway/server/http/request_framing.h"

#include <algorithm>
#include <vector>

#include <boost/beast/core/string.hpp>

#include "gateway/core/strings.h"

namespace ndxp::server::http {
namespace {

using beast_http::field;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::size_t CountOf(const Request& header, field name) {
  auto [first, last] = header.equal_range(name);
  return static_cast<std::size_t>(std::distance(first, last));
}

FramingRefusal Bad(std::string reason, std::string message) {
  return FramingRefusal{400, std::move(reason), std::move(message)};
}

constexpr std::size_t kMaxCodings = 8;

// RFC 9112 6.1 and 6.3: the codings of every Transfer-Encoding field, in order; only "chunked",
// once and last, can be read here.
std::optional<FramingRefusal> CheckTransferEncoding(const Request& header) {
  if (header.version() < 11) {
    return Bad("BAD_TRANSFER_ENCODING", "Transfer-Encoding is not allowed in an HTTP/1.0 request");
  }
  if (CountOf(header, field::content_length) > 0) {
    return Bad("BAD_TRANSFER_ENCODING",
               "Transfer-Encoding and Content-Length in one request: send one of them");
  }
  std::vector<std::string_view> codings;
  auto [first, end] = header.equal_range(field::transfer_encoding);
  for (auto it = first; it != end; ++it) {
    std::string_view value(it->value().data(), it->value().size());
    for (;;) {
      const std::size_t comma = value.find(',');
      if (std::string_view coding = Trim(value.substr(0, comma)); !coding.empty()) {
        if (codings.size() == kMaxCodings) {
          return Bad("BAD_TRANSFER_ENCODING", "Transfer-Encoding lists too many codings");
        }
        codings.push_back(coding);
      }
      if (comma == std::string_view::npos) break;
      value.remove_prefix(comma + 1);
    }
  }
  const auto is_chunked = [](std::string_view c) { return boost::beast::iequals(c, "chunked"); };
  if (codings.empty()) return Bad("BAD_TRANSFER_ENCODING", "Transfer-Encoding is empty");
  if (!is_chunked(codings.back())) {
    return Bad("BAD_TRANSFER_ENCODING",
               core::Cat("Transfer-Encoding must end in chunked (its last coding is \"",
                         codings.back().substr(0, 64), "\")"));
  }
  if (std::count_if(codings.begin(), codings.end(), is_chunked) > 1) {
    return Bad("BAD_TRANSFER_ENCODING", "Transfer-Encoding names chunked more than once");
  }
  // A coding before the final chunked would have to be undone: this gateway undoes none.
  for (std::string_view coding : codings) {
    if (!is_chunked(coding)) {
      return FramingRefusal{501, "UNSUPPORTED_TRANSFER_CODING",
                            core::Cat("transfer coding \"", coding.substr(0, 64),
                                      "\" is not supported: send the body chunked or with "
                                      "Content-Length")};
    }
  }
  return std::nullopt;
}

}  // namespace

HeaderScan ScanRequestHeader(std::string_view bytes, std::size_t from) {
  HeaderScan scan;
  std::size_t start = 0;  // empty lines before the request line are skipped
  while (start + 1 < bytes.size() && bytes[start] == '\r' && bytes[start + 1] == '\n') start += 2;
  const auto malformed = [&scan](std::string problem) {
    scan.result = HeaderScan::Result::kMalformed;
    scan.problem = std::move(problem);
    return scan;
  };
  for (std::size_t i = std::max(from, start); i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (c == '\n') return malformed("a line of the request header ends in LF without CR");
    if (c != '\r') continue;
    if (i + 1 == bytes.size()) {  // the LF has not arrived
      scan.resume = i;
      return scan;
    }
    if (bytes[i + 1] != '\n') return malformed("the request header has a CR without LF");
    // A line ended at i; what starts the next one decides.
    if (i + 2 == bytes.size()) {
      scan.resume = i;
      return scan;
    }
    const char next = bytes[i + 2];
    if (next == ' ' || next == '\t') {
      return malformed("a header line starts with whitespace (obs-fold or a space before the "
                       "first field), which RFC 9112 does not allow");
    }
    if (next == '\r') {
      if (i + 3 == bytes.size()) {
        scan.resume = i;
        return scan;
      }
      if (bytes[i + 3] != '\n') return malformed("the request header has a CR without LF");
      scan.result = HeaderScan::Result::kComplete;
      scan.start = start;
      scan.end = i + 4;
      return scan;
    }
    ++i;  // past the LF
  }
  scan.resume = bytes.size();
  return scan;
}

FramingRefusal VersionNotSupported() {
  return FramingRefusal{505, "HTTP_VERSION_NOT_SUPPORTED",
                        "this listener speaks HTTP/1.0 and HTTP/1.1"};
}

std::optional<FramingRefusal> CheckRequestFraming(const Request& header) {
  if (header.version() != 10 && header.version() != 11) return VersionNotSupported();
  const std::size_t hosts = CountOf(header, field::host);
  if (hosts > 1) return Bad("BAD_HOST", "the request has more than one Host header");
  if (hosts == 0 && header.version() == 11) {
    return Bad("BAD_HOST", "an HTTP/1.1 request must have a Host header");
  }
  const std::string_view target(header.target().data(), header.target().size());
  const bool asterisk = target == "*" && header.method() == beast_http::verb::options;
  if (!asterisk && (target.empty() || target.front() != '/')) {
    return Bad("BAD_REQUEST_TARGET",
               "the request target must be a path (origin form, e.g. \"/v1/citizens/...\"), not "
               "an absolute URL or an authority");
  }
  if (CountOf(header, field::content_length) > 1) {
    return Bad("BAD_CONTENT_LENGTH", "the request has more than one Content-Length header");
  }
  if (CountOf(header, field::transfer_encoding) > 0) return CheckTransferEncoding(header);
  return std::nullopt;
}

}  // namespace ndxp::server::http
