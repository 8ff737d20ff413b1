#pragma once
// Debian 12's Abseil is built with its own absl::string_view (not std::string_view), so absl's
// string utilities do not accept std::string_view. The project's APIs use std::string_view; these
// helpers bridge the two and concatenate without absl::StrCat.

#include <charconv>
#include <string>
#include <string_view>
#include <type_traits>

#include <absl/strings/string_view.h>

namespace ndxp::core {

inline absl::string_view ToAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }
inline std::string_view ToStd(absl::string_view s) { return std::string_view(s.data(), s.size()); }

namespace internal {
inline void AppendOne(std::string& out, std::string_view s) { out.append(s); }
inline void AppendOne(std::string& out, const std::string& s) { out.append(s); }
inline void AppendOne(std::string& out, const char* s) { out.append(s); }
inline void AppendOne(std::string& out, absl::string_view s) { out.append(s.data(), s.size()); }
inline void AppendOne(std::string& out, char c) { out.push_back(c); }
template <typename T>
  requires(std::is_arithmetic_v<T> && !std::is_same_v<T, char> && !std::is_same_v<T, bool>)
void AppendOne(std::string& out, T v) {
  if constexpr (std::is_floating_point_v<T>) {
    out.append(std::to_string(v));
  } else {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, end);
  }
}
}  // namespace internal

// Concatenates strings (std or absl views, std::string, C strings), chars and numbers.
template <typename... Args>
std::string Cat(const Args&... args) {
  std::string out;
  (internal::AppendOne(out, args), ...);
  return out;
}

template <typename... Args>
void Append(std::string& out, const Args&... args) {
  (internal::AppendOne(out, args), ...);
}

}  // namespace ndxp::core
