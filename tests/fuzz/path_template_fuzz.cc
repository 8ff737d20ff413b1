// google.api.http path templates, the core of the REST mapping: the input is a template and a
// request path separated by a newline. A template that parses keeps its pattern, and matching any
// path yields exactly one binding per variable, in template order; a template matches the path
// built from its own literals.
#include <cstdint>
#include <string>
#include <vector>

#include "gateway/server/http/path_template.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ndxp::server::http;
  const std::string_view input = ndxp::fuzz::AsText(data, size);
  const std::size_t newline = input.find('\n');
  const std::string_view pattern = input.substr(0, newline);
  const std::string_view path =
      newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

  const auto parsed = PathTemplate::Parse(pattern);
  if (!parsed.ok()) {
    NDXP_FUZZ_CHECK(parsed.status().code() == absl::StatusCode::kInvalidArgument);
    return 0;
  }
  NDXP_FUZZ_CHECK(parsed->pattern() == pattern);
  const std::vector<std::string> fields = parsed->VariableFieldPaths();
  (void)parsed->Specificity();

  std::vector<PathBinding> bindings;
  for (const std::string_view candidate : {path, pattern}) {
    bindings.clear();
    if (parsed->Match(candidate, bindings)) {
      NDXP_FUZZ_CHECK(bindings.size() == fields.size());
      for (std::size_t i = 0; i < fields.size(); ++i) {
        NDXP_FUZZ_CHECK(bindings[i].field_path == fields[i]);
        NDXP_FUZZ_CHECK(bindings[i].value.size() <= candidate.size());
      }
    }
  }
  return 0;
}
