#pragma once
// RFC 9112 checks on an HTTP/1.x request's header, made before its body is read, so that a request
// whose framing two parties could read differently (request smuggling) is refused and its
// connection closed instead of its remaining bytes being read as another request. Pure: no
// socket. Decision 0305 lists what is refused and why.

#include <optional>
#include <string>
#include <string_view>

#include "gateway/server/http/http_message.h"

namespace ndxp::server::http {

struct FramingRefusal {
  int http_status = 400;  // 400, 501 (unknown transfer coding) or 505 (version)
  std::string reason;     // ErrorInfo reason, e.g. "BAD_TRANSFER_ENCODING"
  std::string message;    // names the header and what is wrong with it
};

// The bytes of a request header, checked as they arrive, before Beast's parser sees them: the
// line endings RFC 9112 allows (CRLF only: no bare CR, no bare LF) and no obs-fold (a line that
// starts with a space or tab), which two parsers could read differently. Empty lines before the
// request line are skipped, as RFC 9112 2.2 asks.
struct HeaderScan {
  enum class Result { kNeedMore, kComplete, kMalformed };
  Result result = Result::kNeedMore;
  std::size_t resume = 0;  // kNeedMore: where the next scan starts (bytes before are checked)
  std::size_t start = 0;   // kComplete: where the request line starts (after empty lines)
  std::size_t end = 0;     // kComplete: the end of the blank line that ends the header
  std::string problem;     // kMalformed: what is wrong
};
// Scans `bytes` (everything received of this request so far) from `from` (the previous resume).
HeaderScan ScanRequestHeader(std::string_view bytes, std::size_t from);

// The refusal for a request header that must not be served; none when it may be. Every refusal
// closes the connection after its answer.
std::optional<FramingRefusal> CheckRequestFraming(const Request& header);
// The 505 for a version other than HTTP/1.0 and 1.1 (also when the parser refused the version).
FramingRefusal VersionNotSupported();

}  // namespace ndxp::server::http
