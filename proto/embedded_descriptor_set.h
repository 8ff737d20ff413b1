#pragma once
// The FileDescriptorSet of every proto the gateway serves, with imports and source info
// (comments), embedded at build time.

#include <string_view>

namespace ndxp::proto {

std::string_view EmbeddedDescriptorSet();

}  // namespace ndxp::proto
