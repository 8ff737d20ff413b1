#pragma once
// Programming errors in metric registration (bad names, wrong label count) end the process with a
// clear message: they are caught by the first test run and can never come from untrusted input.

#include <string_view>

namespace ndxp::metrics::internal {

[[noreturn]] void Fatal(std::string_view message);

}  // namespace ndxp::metrics::internal
