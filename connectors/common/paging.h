#pragma once
// AIP-132 paging helpers: page_size defaults and caps, and opaque page tokens bound to the
// request's filter. A token carries a position and a keyed tag over (filter, position): a token
// from another filter, an altered token or garbage is INVALID_ARGUMENT on `page_token`.

#include <absl/status/statusor.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace ndxp::connectors {

// 0 -> `default_size`; above `max_size` -> `max_size`; negative -> INVALID_ARGUMENT on
// `page_size`.
absl::StatusOr<int> EffectivePageSize(int page_size, int default_size = 50, int max_size = 1000);

class PageTokenCodec {
 public:
  // `secret` keys the tags; derive it from the data's seed so tokens stay valid across restarts
  // of the same data.
  explicit PageTokenCodec(std::uint64_t secret) : secret_(secret) {}

  // URL-safe base64, no padding.
  std::string Encode(std::uint64_t filter_fingerprint, std::uint64_t position) const;
  // The position, if `token` was made by Encode with the same filter fingerprint.
  absl::StatusOr<std::uint64_t> Decode(std::string_view token,
                                       std::uint64_t filter_fingerprint) const;

 private:
  std::uint64_t Tag(std::uint64_t filter_fingerprint, std::uint64_t position) const;
  std::uint64_t secret_;
};

}  // namespace ndxp::connectors
