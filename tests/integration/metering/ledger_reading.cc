#include "tests/integration/metering/ledger_reading.h"

#include <chrono>
#include <thread>

#include <absl/time/clock.h>
#include <absl/time/time.h>

#include "gateway/metering/ledger/sqlite_db.h"

namespace ndxp::testing {

namespace ledger = ::ndxp::metering::ledger;

std::int64_t CallsInLedger(const std::string& data_dir) {
  auto db = ledger::Db::Open(data_dir + "/usage.db", ledger::Db::Mode::kReadOnly);
  if (!db.ok()) return -1;
  auto query = (*db)->Prepare("SELECT COALESCE(SUM(calls), 0) FROM usage");
  if (!query.ok()) return -1;
  auto row = query->Step();
  return row.ok() && *row ? query->Int(0) : -1;
}

std::int64_t WaitForCallsInLedger(const std::string& data_dir, std::int64_t calls) {
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  std::int64_t seen = CallsInLedger(data_dir);
  while (seen < calls && absl::Now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // poll interval, bounded above
    seen = CallsInLedger(data_dir);
  }
  return seen;
}

}  // namespace ndxp::testing
