#include "gateway/server/request_id.h"

#include <algorithm>
#include <cstdint>

#include <absl/random/random.h>

namespace ndxp::server {
namespace {

// A stretch holding this many digits could be a personal id (12 digits) or an old identity-card
// number (9).
constexpr int kMaxDigits = 9;
constexpr std::size_t kUuidLength = 36;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSeparator(char c) { return c == '.' || c == '_' || c == ':' || c == '-'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool IsUuid(std::string_view id) {
  if (id.size() != kUuidLength) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const bool hyphen_place = i == 8 || i == 13 || i == 18 || i == 23;
    if (hyphen_place ? id[i] != '-' : !IsHex(id[i])) return false;
  }
  return true;
}

// The most digits in one stretch of `id`: digits, and separators between them when
// `separators_join`; anything else ends a stretch.
int MostDigitsInAStretch(std::string_view id, bool separators_join) {
  int most = 0;
  int digits = 0;
  for (char c : id) {
    if (IsDigit(c)) {
      most = std::max(most, ++digits);
    } else if (!separators_join || !IsSeparator(c)) {
      digits = 0;
    }
  }
  return most;
}

}  // namespace

bool IsAcceptableRequestId(std::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdLength) return false;
  for (char c : id) {
    if (!IsDigit(c) && !IsLetter(c) && !IsSeparator(c)) return false;
  }
  return MostDigitsInAStretch(id, /*separators_join=*/!IsUuid(id)) < kMaxDigits;
}

std::string GenerateRequestId() {
  thread_local absl::BitGen generator;
  // Sixteen letters rather than hex digits: a generated id never holds a digit.
  static constexpr char kLetters[] = "abcdefghijklmnop";
  std::string id(32, 'a');
  for (int half = 0; half < 2; ++half) {
    std::uint64_t bits = generator();
    for (int i = 0; i < 16; ++i) {
      id[half * 16 + i] = kLetters[bits & 0xf];
      bits >>= 4;
    }
  }
  return id;
}

std::string RequestIdFor(std::string_view from_caller) {
  if (IsAcceptableRequestId(from_caller)) return std::string(from_caller);
  return GenerateRequestId();
}

}  // namespace ndxp::server
