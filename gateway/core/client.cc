#include "gateway/core/client.h"

#include <algorithm>

namespace ndxp::core {

bool Client::MayDeclare(std::string_view purpose) const {
  return std::binary_search(purposes.begin(), purposes.end(), purpose);
}

bool Client::MayList(std::string_view province_code) const {
  return provinces.empty() || std::binary_search(provinces.begin(), provinces.end(), province_code);
}

}  // namespace ndxp::core
