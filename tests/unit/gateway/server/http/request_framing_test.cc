// CheckRequestFraming: what RFC 9112 says a server must refuse (and close after) before it reads
// a body, and what it must still serve.
#include "gateway/server/http/request_framing.h"

#include <gtest/gtest.h>

namespace ndxp::server::http {
namespace {

Request Header(unsigned version = 11, std::string_view target = "/healthz") {
  Request request;
  request.version(version);
  request.method(beast_http::verb::post);
  request.target(std::string(target));
  request.insert(beast_http::field::host, "gateway.example");
  return request;
}

std::string ReasonOf(const Request& request) {
  auto refusal = CheckRequestFraming(request);
  return refusal ? refusal->reason : "";
}

TEST(RequestFramingTest, OrdinaryRequestsPass) {
  EXPECT_FALSE(CheckRequestFraming(Header()));
  Request chunked = Header();
  chunked.set(beast_http::field::transfer_encoding, "chunked");
  EXPECT_FALSE(CheckRequestFraming(chunked));
  Request upper = Header();
  upper.set(beast_http::field::transfer_encoding, " Chunked ");
  EXPECT_FALSE(CheckRequestFraming(upper));
  Request length = Header();
  length.set(beast_http::field::content_length, "10");
  EXPECT_FALSE(CheckRequestFraming(length));
  Request http10 = Header(10);
  http10.erase(beast_http::field::host);  // Host is optional in HTTP/1.0
  EXPECT_FALSE(CheckRequestFraming(http10));
  Request asterisk = Header(11, "*");
  asterisk.method(beast_http::verb::options);
  EXPECT_FALSE(CheckRequestFraming(asterisk));
}

TEST(RequestFramingTest, TransferEncodingMustEndInChunkedOnce) {
  for (const char* value : {"xchunked", "chunked, gzip", "gzip", "chunked-x", ",", "identity"}) {
    Request request = Header();
    request.set(beast_http::field::transfer_encoding, value);
    auto refusal = CheckRequestFraming(request);
    ASSERT_TRUE(refusal) << value;
    EXPECT_EQ(refusal->http_status, 400) << value;
    EXPECT_EQ(refusal->reason, "BAD_TRANSFER_ENCODING") << value;
  }
  Request twice = Header();
  twice.set(beast_http::field::transfer_encoding, "chunked, chunked");
  EXPECT_EQ(ReasonOf(twice), "BAD_TRANSFER_ENCODING");
  // Two fields are one list: "chunked" then "gzip" ends in gzip.
  Request fields = Header();
  fields.insert(beast_http::field::transfer_encoding, "chunked");
  fields.insert(beast_http::field::transfer_encoding, "gzip");
  EXPECT_EQ(ReasonOf(fields), "BAD_TRANSFER_ENCODING");
  Request many = Header();
  many.set(beast_http::field::transfer_encoding, "a,b,c,d,e,f,g,h,i,chunked");
  EXPECT_EQ(ReasonOf(many), "BAD_TRANSFER_ENCODING");
}

TEST(RequestFramingTest, AnUnknownCodingBeforeChunkedIs501) {
  Request request = Header();
  request.set(beast_http::field::transfer_encoding, "gzip, chunked");
  auto refusal = CheckRequestFraming(request);
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->http_status, 501);
  EXPECT_EQ(refusal->reason, "UNSUPPORTED_TRANSFER_CODING");
  EXPECT_NE(refusal->message.find("\"gzip\""), std::string::npos) << refusal->message;
}

TEST(RequestFramingTest, LengthAndCodingTogetherOrTwiceAreRefused) {
  Request both = Header();
  both.set(beast_http::field::transfer_encoding, "chunked");
  both.set(beast_http::field::content_length, "5");
  EXPECT_EQ(ReasonOf(both), "BAD_TRANSFER_ENCODING");
  Request lengths = Header();
  lengths.insert(beast_http::field::content_length, "5");
  lengths.insert(beast_http::field::content_length, "5");
  EXPECT_EQ(ReasonOf(lengths), "BAD_CONTENT_LENGTH");
  Request http10 = Header(10);
  http10.set(beast_http::field::transfer_encoding, "chunked");
  EXPECT_EQ(ReasonOf(http10), "BAD_TRANSFER_ENCODING");
}

TEST(RequestFramingTest, HostMustBeThereOnceInHttp11) {
  Request none = Header();
  none.erase(beast_http::field::host);
  EXPECT_EQ(ReasonOf(none), "BAD_HOST");
  Request two = Header();
  two.insert(beast_http::field::host, "other.example");
  EXPECT_EQ(ReasonOf(two), "BAD_HOST");
  Request two10 = Header(10);
  two10.insert(beast_http::field::host, "other.example");
  EXPECT_EQ(ReasonOf(two10), "BAD_HOST");
}

TEST(RequestFramingTest, OnlyOriginFormTargetsAndHttp1Versions) {
  for (const char* target : {"http://gateway.example/healthz", "gateway.example:443", "*", "x"}) {
    EXPECT_EQ(ReasonOf(Header(11, target)), "BAD_REQUEST_TARGET") << target;
  }
  for (unsigned version : {9u, 12u, 20u}) {
    auto refusal = CheckRequestFraming(Header(version));
    ASSERT_TRUE(refusal) << version;
    EXPECT_EQ(refusal->http_status, 505) << version;
  }
}

// Feeds `bytes` one byte at a time, as a slow client sends them: the result once it is known.
HeaderScan ScanByteByByte(std::string_view bytes) {
  HeaderScan scan;
  for (std::size_t n = 1; n <= bytes.size(); ++n) {
    scan = ScanRequestHeader(bytes.substr(0, n), scan.resume);
    if (scan.result != HeaderScan::Result::kNeedMore) return scan;
  }
  return scan;
}

TEST(HeaderScanTest, FindsTheEndOfAHeaderWholeOrByteByByte) {
  const std::string header = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: b\r\n\r\n";
  const std::string bytes = header + "GET /next HTTP/1.1\r\n";
  for (const HeaderScan& scan : {ScanRequestHeader(bytes, 0), ScanByteByByte(bytes)}) {
    ASSERT_EQ(scan.result, HeaderScan::Result::kComplete);
    EXPECT_EQ(scan.start, 0u);
    EXPECT_EQ(scan.end, header.size());
  }
  const HeaderScan partial = ScanRequestHeader("GET / HTTP/1.1\r\nHost: x\r\n", 0);
  EXPECT_EQ(partial.result, HeaderScan::Result::kNeedMore);
}

TEST(HeaderScanTest, SkipsEmptyLinesBeforeTheRequestLine) {
  const std::string bytes = "\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n";
  for (const HeaderScan& scan : {ScanRequestHeader(bytes, 0), ScanByteByByte(bytes)}) {
    ASSERT_EQ(scan.result, HeaderScan::Result::kComplete);
    EXPECT_EQ(scan.start, 4u);
    EXPECT_EQ(scan.end, bytes.size());
  }
}

TEST(HeaderScanTest, RefusesBareLineEndsAndFolding) {
  const std::pair<const char*, const char*> cases[] = {
      {"GET / HTTP/1.1\nHost: x\n\n", "LF without CR"},
      {"GET / HTTP/1.1\r\nHost: x\rX-A: b\r\n\r\n", "CR without LF"},
      {"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n", "whitespace"},
      {"GET / HTTP/1.1\r\n\tHost: x\r\n\r\n", "whitespace"},
      {"GET / HTTP/1.1\r\nHost: x\r\n\r\r\n", "CR without LF"},
  };
  for (const auto& [bytes, problem] : cases) {
    for (const HeaderScan& scan : {ScanRequestHeader(bytes, 0), ScanByteByByte(bytes)}) {
      ASSERT_EQ(scan.result, HeaderScan::Result::kMalformed) << bytes;
      EXPECT_NE(scan.problem.find(problem), std::string::npos) << bytes << ": " << scan.problem;
    }
  }
}

}  // namespace
}  // namespace ndxp::server::http
