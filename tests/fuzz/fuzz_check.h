#pragma once
// What a fuzz target asserts: an invariant that must hold for every input. A failure prints the
// condition and aborts, which libFuzzer (and the replay driver, through the sanitizers' handlers
// or the abort itself) reports as a crash with the input that caused it.
#include <cstdio>
#include <cstdlib>
#include <string_view>

#define NDXP_FUZZ_CHECK(condition)                                                           \
  do {                                                                                       \
    if (!(condition)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (false)

namespace ndxp::fuzz {

inline std::string_view AsText(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace ndxp::fuzz
