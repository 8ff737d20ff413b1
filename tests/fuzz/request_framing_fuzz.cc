// An HTTP/1.x request header as the listener reads it, on arbitrary bytes: ScanRequestHeader gives
// the same answer fed in pieces as at once (the first byte of the input picks the piece size), a
// complete header lies inside the input, and a complete header that Beast's parser takes is then
// judged by CheckRequestFraming, whose refusals are 400, 501 or 505 with a reason and a message.
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <cstdint>
#include <string>

#include "gateway/server/http/request_framing.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using namespace ndxp::server::http;

// Scans as the session does: each time more bytes arrive, from where the last scan stopped.
HeaderScan ScanInPieces(std::string_view bytes, std::size_t piece) {
  HeaderScan scan;
  std::size_t from = 0;
  for (std::size_t have = std::min(piece, bytes.size());;
       have = std::min(have + piece, bytes.size())) {
    scan = ScanRequestHeader(bytes.substr(0, have), from);
    if (scan.result != HeaderScan::Result::kNeedMore || have == bytes.size()) return scan;
    NDXP_FUZZ_CHECK(scan.resume <= have);
    from = scan.resume;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t piece = 1 + data[0] % 64;
  const std::string_view bytes = ndxp::fuzz::AsText(data + 1, size - 1);

  const HeaderScan whole = ScanRequestHeader(bytes, 0);
  const HeaderScan pieces = ScanInPieces(bytes, piece);
  NDXP_FUZZ_CHECK(whole.result == pieces.result);
  if (whole.result == HeaderScan::Result::kMalformed) {
    NDXP_FUZZ_CHECK(!whole.problem.empty() && !pieces.problem.empty());
    return 0;
  }
  if (whole.result == HeaderScan::Result::kNeedMore) {
    NDXP_FUZZ_CHECK(whole.resume <= bytes.size());
    return 0;
  }
  NDXP_FUZZ_CHECK(whole.start == pieces.start && whole.end == pieces.end);
  NDXP_FUZZ_CHECK(whole.start < whole.end && whole.end <= bytes.size());
  NDXP_FUZZ_CHECK(bytes.substr(0, whole.end).ends_with("\r\n\r\n") ||
                  bytes.substr(0, whole.end).ends_with("\r\n"));

  beast_http::request_parser<beast_http::string_body> parser;
  parser.header_limit(64 * 1024);
  boost::system::error_code ec;
  const std::string_view header = bytes.substr(whole.start, whole.end - whole.start);
  const std::size_t used = parser.put(boost::asio::buffer(header.data(), header.size()), ec);
  NDXP_FUZZ_CHECK(used <= header.size());
  if (ec || !parser.is_header_done()) return 0;
  const std::optional<FramingRefusal> refusal = CheckRequestFraming(parser.get());
  if (refusal) {
    NDXP_FUZZ_CHECK(refusal->http_status == 400 || refusal->http_status == 501 ||
                    refusal->http_status == 505);
    NDXP_FUZZ_CHECK(!refusal->reason.empty() && !refusal->message.empty());
  } else {
    const unsigned version = parser.get().version();
    NDXP_FUZZ_CHECK(version == 10 || version == 11);
  }
  return 0;
}
