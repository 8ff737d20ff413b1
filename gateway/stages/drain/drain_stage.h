#pragma once
// Draining: once a graceful stop begins, new calls are refused UNAVAILABLE (retryable: another
// replica can serve them) while admitted calls run to their end. The gate counts admitted calls
// only, so that refused ones never hold the drain up, and wakes the drain when the last one ends
// (an event, not polling).

#include <atomic>
#include <cstdint>

#include <absl/synchronization/mutex.h>
#include <absl/time/time.h>

#include "gateway/core/call.h"
#include "gateway/core/stage.h"

namespace ndxp::stages {

class DrainGate {
 public:
  // From now on, Enter() refuses.
  void StartDraining();
  bool draining() const { return draining_.load(std::memory_order_acquire); }
  // Waits until no admitted call is in flight, or `deadline`; true when idle.
  bool WaitUntilIdle(absl::Time deadline);
  std::int64_t in_flight() const { return in_flight_.load(std::memory_order_acquire); }

  // A call asks to be admitted: false while draining (it is then not counted).
  bool Enter();
  // An admitted call has ended.
  void Leave();

 private:
  std::atomic<bool> draining_{false};
  std::atomic<std::int64_t> in_flight_{0};
  absl::Mutex mu_;  // only taken while draining
  absl::CondVar idle_;
};

class DrainStage final : public core::Stage {
 public:
  explicit DrainStage(DrainGate& gate) : gate_(gate) {}
  std::string_view name() const override { return "drain"; }
  core::Verdict OnRequest(core::Call& call) override;
  void OnEnd(const core::Call& call, bool passed) override;

 private:
  DrainGate& gate_;
};

class DrainStageFactory final : public core::StageFactory {
 public:
  explicit DrainStageFactory(DrainGate& gate) : stage_(gate) {}
  std::string_view name() const override { return stage_.name(); }
  core::Stage* ForRoute(const core::Route*) override { return &stage_; }

 private:
  DrainStage stage_;
};

}  // namespace ndxp::stages
