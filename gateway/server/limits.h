#pragma once
// Input limits resolved from configuration (limits.*), shared by both listeners.

#include <cstdint>

#include <absl/time/time.h>

namespace ndxp::server {

struct InputLimits {
  std::uint32_t max_request_bytes = 4 * 1024 * 1024;
  std::uint32_t max_header_bytes = 16 * 1024;
  std::uint32_t max_json_depth = 32;
  absl::Duration default_deadline = absl::Seconds(30);
  absl::Duration max_deadline = absl::Seconds(300);

  // The deadline a call runs under: the caller's, shortened to max_deadline; unary calls without
  // one get default_deadline, streaming calls without one get max_deadline.
  absl::Time EffectiveDeadline(absl::Time now, absl::Time requested, bool unary) const {
    absl::Time latest = now + max_deadline;
    if (requested == absl::InfiniteFuture()) return unary ? now + default_deadline : latest;
    return requested < latest ? requested : latest;
  }
};

}  // namespace ndxp::server
