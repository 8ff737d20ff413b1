#include "gateway/stages/drain/drain_stage.h"

#include "gateway/core/status.h"

namespace ndxp::stages {

void DrainGate::StartDraining() {
  absl::MutexLock lock(&mu_);
  draining_.store(true, std::memory_order_seq_cst);
}

bool DrainGate::Enter() {
  // Counted first, then checked: a call that sees "not draining" is counted before the drain
  // reads the count, so WaitUntilIdle cannot miss it.
  in_flight_.fetch_add(1, std::memory_order_seq_cst);
  if (!draining_.load(std::memory_order_seq_cst)) return true;
  Leave();
  return false;
}

void DrainGate::Leave() {
  if (in_flight_.fetch_sub(1, std::memory_order_seq_cst) == 1 &&
      draining_.load(std::memory_order_seq_cst)) {
    absl::MutexLock lock(&mu_);
    idle_.SignalAll();
  }
}

bool DrainGate::WaitUntilIdle(absl::Time deadline) {
  absl::MutexLock lock(&mu_);
  while (in_flight_.load(std::memory_order_seq_cst) > 0) {
    if (idle_.WaitWithDeadline(&mu_, deadline)) {
      return in_flight_.load(std::memory_order_seq_cst) == 0;
    }
  }
  return true;
}

core::Verdict DrainStage::OnRequest(core::Call& call) {
  if (gate_.Enter()) return core::Verdict::Continue();
  return core::Verdict::Stop(core::ErrorWithReason(
      absl::StatusCode::kUnavailable, "the gateway is shutting down; retry the call", "DRAINING"));
}

void DrainStage::OnEnd(const core::Call&, bool passed) {
  if (passed) gate_.Leave();
}

}  // namespace ndxp::stages
