// The strict JSON check (RFC 8259) on arbitrary bytes, at several nesting bounds: a refusal names a
// byte inside the input and says what is wrong there; the result does not depend on the bound
// except through depth (a body within the bound is never "too deep", a deeper one always is); and
// the depth-only check agrees with it.
#include <cstdint>

#include "gateway/server/http/json_limits.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ndxp::server::http;
  const std::string_view json = ndxp::fuzz::AsText(data, size);
  const JsonCheck unbounded = CheckJson(json, 1u << 20);
  NDXP_FUZZ_CHECK(unbounded.result != JsonCheck::Result::kTooDeep);
  if (unbounded.result == JsonCheck::Result::kMalformed) {
    NDXP_FUZZ_CHECK(unbounded.offset <= json.size());
    NDXP_FUZZ_CHECK(!unbounded.problem.empty());
  }
  for (const std::uint32_t bound : {0u, 1u, 2u, 4u, 32u}) {
    const JsonCheck check = CheckJson(json, bound);
    if (check.result == JsonCheck::Result::kOk) {
      NDXP_FUZZ_CHECK(unbounded.result == JsonCheck::Result::kOk);
      NDXP_FUZZ_CHECK(JsonDepthWithin(json, bound));
    }
    if (unbounded.result == JsonCheck::Result::kOk) {
      // A valid document is either within the bound or too deep, never malformed.
      NDXP_FUZZ_CHECK(check.result != JsonCheck::Result::kMalformed);
      NDXP_FUZZ_CHECK((check.result == JsonCheck::Result::kOk) == JsonDepthWithin(json, bound));
    }
  }
  return 0;
}
