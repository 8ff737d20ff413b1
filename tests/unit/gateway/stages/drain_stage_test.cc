#include "gateway/stages/drain/drain_stage.h"

#include <gtest/gtest.h>

#include <thread>

#include <absl/synchronization/notification.h>
#include <absl/time/clock.h>

#include "stage_test_support.h"

namespace ndxp::stages {
namespace {

TEST(DrainTest, AdmittedCallsAreCountedUntilTheyEnd) {
  DrainGate gate;
  DrainStage stage(gate);
  testing::TestCall call({&stage});
  call.call.Start();
  EXPECT_TRUE(call.observer.admitted);
  EXPECT_EQ(gate.in_flight(), 1);
  call.call.End(absl::StatusCode::kOk);
  EXPECT_EQ(gate.in_flight(), 0);
}

TEST(DrainTest, CallsRefusedWhileDrainingAreNotCountedInFlight) {
  DrainGate gate;
  DrainStage stage(gate);
  gate.StartDraining();
  for (int i = 0; i < 3; ++i) {
    testing::TestCall call({&stage});
    call.call.Start();
    ASSERT_TRUE(call.observer.refused.has_value());
    EXPECT_EQ(call.observer.refused->code(), absl::StatusCode::kUnavailable);
    EXPECT_EQ(gate.in_flight(), 0) << "a refused call never holds the drain up";
    call.call.End(call.observer.refused->code());
    EXPECT_EQ(gate.in_flight(), 0);
  }
  EXPECT_TRUE(gate.WaitUntilIdle(absl::Now()));
}

TEST(DrainTest, WaitUntilIdleWakesWhenTheLastCallEnds) {
  DrainGate gate;
  DrainStage stage(gate);
  testing::TestCall call({&stage});
  call.call.Start();
  gate.StartDraining();
  absl::Notification waiting;
  bool idle = false;
  std::thread drain([&] {
    waiting.Notify();
    idle = gate.WaitUntilIdle(absl::Now() + absl::Seconds(30));
  });
  waiting.WaitForNotification();
  call.call.End(absl::StatusCode::kOk);
  drain.join();  // returns at the end of the call, long before 30 s
  EXPECT_TRUE(idle);
}

TEST(DrainTest, WaitUntilIdleGivesUpAtTheDeadline) {
  DrainGate gate;
  EXPECT_TRUE(gate.Enter());
  gate.StartDraining();
  EXPECT_FALSE(gate.WaitUntilIdle(absl::Now() + absl::Milliseconds(20)));
  gate.Leave();
  EXPECT_TRUE(gate.WaitUntilIdle(absl::Now()));
}

}  // namespace
}  // namespace ndxp::stages
