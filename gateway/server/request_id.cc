#include "gateway/server/request_id.h"

#include <cstdint>
#include <random>

namespace ndxp::server {
namespace {

// A caller's id with this many digits in a row is replaced: personal ids (12 digits) and old
// identity-card numbers (9) must never reach the access log, even as someone's correlation id.
constexpr int kMaxDigitRun = 9;

}  // namespace

bool IsAcceptableRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  int digit_run = 0;
  for (char c : id) {
    digit_run = (c >= '0' && c <= '9') ? digit_run + 1 : 0;
    if (digit_run >= kMaxDigitRun) return false;  // could be a personal id (9 or 12 digits)
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string GenerateRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  // Sixteen letters rather than hex digits: a generated id never holds a run of digits.
  static constexpr char kHex[] = "abcdefghijklmnop";
  std::string id(32, '0');
  for (int half = 0; half < 2; ++half) {
    std::uint64_t bits = rng();
    for (int i = 0; i < 16; ++i) {
      id[half * 16 + i] = kHex[bits & 0xf];
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
