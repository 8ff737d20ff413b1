#pragma once
// A registered calling system, as every stage and handler sees it once the caller is identified.

#include <cstddef>
#include <string>

namespace ndxp::core {

struct Client {
  std::string id;            // e.g. "VN:PROV:79:ONESTOP"
  std::string display_name;  // e.g. "Hệ thống một cửa TP Hồ Chí Minh"
  std::size_t index = 0;     // dense, 0..n-1 over the registry: slot in per-client arrays
};

}  // namespace ndxp::core
