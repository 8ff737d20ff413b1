// API-key credentials on arbitrary header values: the key id an issued key carries is a well-formed
// id found in the key at its place; digests in hex parse only as 64 lowercase hex characters and
// print back to the same text; the key's digest is what the registry compares, in both forms.
#include <cstdint>
#include <string>

#include "gateway/auth/api_key.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ndxp::auth;
  const std::string_view key = ndxp::fuzz::AsText(data, size);

  const std::string_view id = KeyIdOf(key);
  if (!id.empty()) {
    NDXP_FUZZ_CHECK(IsKeyId(id) && id.size() == kKeyIdLength);
    NDXP_FUZZ_CHECK(key.starts_with(kApiKeyPrefix) &&
                    key.substr(kApiKeyPrefix.size(), id.size()) == id);
  }
  if (IsKeyId(key)) NDXP_FUZZ_CHECK(key.size() == kKeyIdLength);

  Sha256Digest parsed{};
  const bool is_hex = IsSha256Hex(key);
  NDXP_FUZZ_CHECK(ParseSha256Hex(key, parsed) == is_hex);
  if (is_hex) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string printed;
    for (unsigned char b : parsed) {
      printed += kHex[b >> 4];
      printed += kHex[b & 15];
    }
    NDXP_FUZZ_CHECK(printed == key);
  }

  const std::string hex = Sha256Hex(key);
  Sha256Digest from_hex{};
  NDXP_FUZZ_CHECK(IsSha256Hex(hex) && ParseSha256Hex(hex, from_hex));
  NDXP_FUZZ_CHECK(DigestsEqual(from_hex, Sha256(key)));
  return 0;
}
