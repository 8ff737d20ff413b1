#pragma once
// Well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), the one
// check every parser of caller-supplied or configured text uses.

#include <cstddef>
#include <optional>
#include <string_view>

namespace ndxp::core {

// The length (1 to 4) of the well-formed UTF-8 sequence that starts at text[i] (i < size), or 0
// when none does (a stray continuation byte, an overlong form, a surrogate, a truncated sequence).
std::size_t Utf8SequenceLength(std::string_view text, std::size_t i);

// True when all of `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

// The number of code points of `text`, or nullopt when it is not well-formed UTF-8.
std::optional<std::size_t> Utf8Length(std::string_view text);

}  // namespace ndxp::core
