#pragma once
// HMAC-SHA-256 with a key set once, for a hot path (the audit log's subject hashes).
//
// OpenSSL 3's one-shot HMAC() looks the MAC and the digest up in the provider tables on every
// call (a read lock, a hash lookup, allocations). Here the algorithm is fetched and the key
// scheduled once; each thread keeps a copy of that keyed context and re-initialises it per
// message, which OpenSSL does without the key (the padded key states are kept).

#include <array>
#include <cstdint>
#include <string_view>

namespace ndxp::core {

class HmacSha256 {
 public:
  using Digest = std::array<std::uint8_t, 32>;

  explicit HmacSha256(std::string_view key);
  ~HmacSha256();
  HmacSha256(const HmacSha256&) = delete;
  HmacSha256& operator=(const HmacSha256&) = delete;

  // HMAC-SHA-256(key, data). Thread-safe. Aborts (as on out of memory) if OpenSSL fails.
  Digest Of(std::string_view data) const;

 private:
  struct Keyed;
  Keyed* keyed_;           // the keyed context every thread copies
  std::uint64_t id_ = 0;   // unique per instance: a thread's copy is of this instance's key
};

}  // namespace ndxp::core
