#pragma once
// Input limits resolved from configuration (limits.*) that the listeners enforce themselves,
// before a call's chain runs. Deadlines are the deadline stage's (gateway/stages/deadline).

#include <cstdint>

namespace ndxp::server {

struct InputLimits {
  std::uint32_t max_request_bytes = 4 * 1024 * 1024;
  std::uint32_t max_header_bytes = 16 * 1024;
  std::uint32_t max_json_depth = 32;
};

}  // namespace ndxp::server
