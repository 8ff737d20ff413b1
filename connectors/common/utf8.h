#pragma once
// Checks on caller-supplied text: well-formed UTF-8 (no overlong forms, no surrogates, nothing
// above U+10FFFF) and its length in code points, so that a handler can bound what it keeps.

#include <cstddef>
#include <optional>
#include <string_view>

namespace ndxp::connectors {

// The number of code points of `text`, or nullopt when it is not well-formed UTF-8.
std::optional<std::size_t> Utf8Length(std::string_view text);

}  // namespace ndxp::connectors
