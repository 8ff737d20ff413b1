#pragma once
// Reading a real gateway's usage ledger (data_dir/usage.db) from a test, read-only, beside the
// running gateway or after it died.

#include <cstdint>
#include <string>

namespace ndxp::testing {

// Calls counted in the database; -1 when it cannot be read.
std::int64_t CallsInLedger(const std::string& data_dir);
// Waits (bounded, 30 s) until the database holds at least `calls` calls; returns what it holds.
std::int64_t WaitForCallsInLedger(const std::string& data_dir, std::int64_t calls);

}  // namespace ndxp::testing
