// The strict base64url decoder (JWS parts, JWK members, caller assertions) on arbitrary text: what
// it accepts is exactly the canonical encoding of what it decodes to (one encoding per byte
// string), and every byte string's encoding is accepted and decodes back.
#include <cstdint>
#include <string>

#include "gateway/core/base64url.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ndxp::core;
  const std::string_view input = ndxp::fuzz::AsText(data, size);
  const std::optional<std::string> decoded = DecodeBase64Url(input);
  if (decoded) {
    NDXP_FUZZ_CHECK(decoded->size() == input.size() * 3 / 4);
    std::string encoded;
    AppendBase64Url(encoded, *decoded);
    NDXP_FUZZ_CHECK(encoded == input);
  }
  std::string encoded = "prefix";
  AppendBase64Url(encoded, input);
  NDXP_FUZZ_CHECK(encoded.compare(0, 6, "prefix") == 0);
  const std::optional<std::string> back = DecodeBase64Url(std::string_view(encoded).substr(6));
  NDXP_FUZZ_CHECK(back && *back == input);
  return 0;
}
