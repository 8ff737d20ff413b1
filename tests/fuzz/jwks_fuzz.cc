// JWKS documents and the bounded JSON under every JWT part, on arbitrary bytes: ParseObject refuses
// without quoting the text and keeps its bounds (size, depth), and KeySet::Parse either builds a
// key set or names what is wrong, never crashing on keys that are not keys.
#include <cstdint>
#include <string>

#include "gateway/auth/jwt/json.h"
#include "gateway/auth/jwt/key_set.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

// The deepest nesting of brackets outside strings (a loose count; escapes are honoured).
std::size_t Depth(std::string_view text) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ndxp::auth::jwt;
  const std::string_view text = ndxp::fuzz::AsText(data, size);
  const auto object = ParseObject(text, 4096);
  if (object.ok()) {
    NDXP_FUZZ_CHECK(text.size() <= 4096);
    NDXP_FUZZ_CHECK(Depth(text) <= kMaxJsonDepth);
    for (const auto& member : *object) {
      (void)AsInteger(member.value());
      (void)StringMember(*object, View(member.key()));
    }
  } else {
    NDXP_FUZZ_CHECK(object.status().code() == absl::StatusCode::kInvalidArgument);
    // Only JSON-looking text: a fuzzer soon writes words of the fixed messages themselves.
    if (text.size() >= 8 && text.find('{') != std::string_view::npos) {
      NDXP_FUZZ_CHECK(std::string(object.status().message()).find(text) == std::string::npos);
    }
  }
  const auto keys = KeySet::Parse(text);
  if (!keys.ok()) NDXP_FUZZ_CHECK(!keys.status().message().empty());
  return 0;
}
