// Request targets on arbitrary bytes: the path and query split are pieces of the target, decoding
// never grows the text, re-encoding a decoded value decodes back to it, and the query parser
// returns pieces no longer than the query.
#include <cstdint>
#include <string>

#include "gateway/server/http/url.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

// Every byte as %XX: the simplest encoding PercentDecode must take back.
std::string EncodeAll(std::string_view in) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : in) {
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ndxp::server::http;
  const std::string_view target = ndxp::fuzz::AsText(data, size);
  const Target split = SplitTarget(target);
  NDXP_FUZZ_CHECK(split.path.size() + split.query.size() <= target.size());
  NDXP_FUZZ_CHECK(target.substr(0, split.path.size()) == split.path);
  NDXP_FUZZ_CHECK(split.path.find('?') == std::string_view::npos);

  for (const bool plus : {false, true}) {
    for (const bool keep_slash : {false, true}) {
      const std::optional<std::string> decoded = PercentDecode(target, plus, keep_slash);
      if (!decoded) continue;
      NDXP_FUZZ_CHECK(decoded->size() <= target.size());
      if (!keep_slash) {
        const std::optional<std::string> back = PercentDecode(EncodeAll(*decoded), plus, false);
        NDXP_FUZZ_CHECK(back && *back == *decoded);
      }
    }
  }

  const auto params = ParseQuery(split.query);
  if (params.ok()) {
    std::size_t total = 0;
    for (const auto& [name, value] : *params) total += name.size() + value.size();
    NDXP_FUZZ_CHECK(total <= split.query.size());
  } else {
    NDXP_FUZZ_CHECK(params.status().code() == absl::StatusCode::kInvalidArgument);
  }
  return 0;
}
