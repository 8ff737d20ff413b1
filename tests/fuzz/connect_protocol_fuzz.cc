// The Connect protocol's header rules on arbitrary values: a timeout is accepted only as 1..10
// digits and is that many milliseconds; the content type, version and encoding checks never crash
// and agree with the protocol's literal values; a procedure path has the "/pkg.Service/Method"
// shape.
#include <cstdint>
#include <string>

#include "gateway/server/http/connect_protocol.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

// Header values are read without the optional whitespace around them (RFC 9110 5.5).
std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ndxp::server::http;
  const std::string_view value = ndxp::fuzz::AsText(data, size);

  const std::string_view trimmed = TrimOws(value);
  const auto timeout = ParseConnectTimeout(value);
  if (timeout.ok()) {
    NDXP_FUZZ_CHECK(AllDigits(trimmed) && trimmed.size() <= 10);
    NDXP_FUZZ_CHECK(absl::ToInt64Milliseconds(*timeout) == std::stoll(std::string(trimmed)));
    NDXP_FUZZ_CHECK(*timeout > absl::ZeroDuration());
  } else {
    NDXP_FUZZ_CHECK(timeout.status().code() == absl::StatusCode::kInvalidArgument);
  }

  const ContentKind kind = ClassifyContentType(value);
  if (kind == ContentKind::kUnaryJson || kind == ContentKind::kUnaryProto) {
    const ConnectCodec codec =
        kind == ContentKind::kUnaryJson ? ConnectCodec::kJson : ConnectCodec::kProto;
    NDXP_FUZZ_CHECK(ClassifyContentType(ContentTypeFor(codec)) == kind);
  }

  NDXP_FUZZ_CHECK(CheckProtocolVersion(value).ok() == (trimmed == "1"));
  NDXP_FUZZ_CHECK(CheckProtocolVersion(std::nullopt).ok());
  const absl::Status encoding = CheckContentEncoding(value);
  NDXP_FUZZ_CHECK(encoding.ok() || encoding.code() == absl::StatusCode::kUnimplemented);
  NDXP_FUZZ_CHECK(CheckContentEncoding(std::nullopt).ok());

  const absl::Status identity = CheckContentEncoding(value);
  if (identity.ok()) NDXP_FUZZ_CHECK(trimmed.empty() || trimmed.size() == 8);
  if (IsProcedurePath(value)) {
    NDXP_FUZZ_CHECK(value.size() >= 4 && value[0] == '/');
    const std::size_t slash = value.find('/', 1);
    NDXP_FUZZ_CHECK(slash != std::string_view::npos && slash > 1 && slash + 1 < value.size());
    NDXP_FUZZ_CHECK(value.find('/', slash + 1) == std::string_view::npos);
    NDXP_FUZZ_CHECK(value.substr(1, slash - 1).find('.') != std::string_view::npos);
  }
  return 0;
}
