#include "gateway/stages/deadline/deadline_stage.h"

#include <gtest/gtest.h>

#include <absl/time/clock.h>

#include "stage_test_support.h"

namespace ndxp::stages {
namespace {

TEST(DeadlineTest, CallerDeadlinesAreDefaultedAndShortened) {
  DeadlineLimits limits;
  absl::Time now = absl::FromUnixSeconds(1000);
  EXPECT_EQ(EffectiveDeadline(limits, now, absl::InfiniteFuture(), true), now + absl::Seconds(30));
  EXPECT_EQ(EffectiveDeadline(limits, now, absl::InfiniteFuture(), false), now + absl::Seconds(300));
  EXPECT_EQ(EffectiveDeadline(limits, now, now + absl::Seconds(5), true), now + absl::Seconds(5));
  EXPECT_EQ(EffectiveDeadline(limits, now, now + absl::Hours(2), true), now + absl::Seconds(300));
  EXPECT_EQ(EffectiveDeadline(limits, now, now + absl::Hours(2), false), now + absl::Seconds(300));
}

TEST(DeadlineTest, ARouteTimeoutShortensEveryDeadline) {
  DeadlineLimits limits{.route_timeout = absl::Seconds(5)};
  absl::Time now = absl::FromUnixSeconds(1000);
  EXPECT_EQ(EffectiveDeadline(limits, now, absl::InfiniteFuture(), true), now + absl::Seconds(5));
  EXPECT_EQ(EffectiveDeadline(limits, now, absl::InfiniteFuture(), false), now + absl::Seconds(5));
  EXPECT_EQ(EffectiveDeadline(limits, now, now + absl::Seconds(2), true), now + absl::Seconds(2));
  EXPECT_EQ(EffectiveDeadline(limits, now, now + absl::Seconds(9), false), now + absl::Seconds(5));
}

TEST(DeadlineTest, TheStageSetsTheDeadlineOrRefusesAnExpiredOne) {
  DeadlineStage stage(DeadlineLimits{});
  testing::TestCall ok({&stage});
  ok.call.Start();
  EXPECT_TRUE(ok.observer.admitted);
  EXPECT_LT(ok.call.context().deadline, absl::Now() + absl::Seconds(31));
  EXPECT_GT(ok.call.context().deadline, absl::Now() + absl::Seconds(29));

  testing::TestCall expired({&stage});
  expired.call.context().caller_deadline = absl::Now() - absl::Milliseconds(1);
  expired.call.Start();
  ASSERT_TRUE(expired.observer.refused.has_value());
  EXPECT_EQ(expired.observer.refused->code(), absl::StatusCode::kDeadlineExceeded);
}

TEST(DeadlineTest, TheFactoryGivesRoutesOfTimedServicesTheirOwnStage) {
  gateway::v1::Limits limits;
  limits.mutable_default_deadline()->set_seconds(10);
  DeadlineStageFactory factory(limits, {{"svc.v1.Timed", absl::Seconds(2)}});
  core::Route timed;
  timed.service_name = "svc.v1.Timed";
  core::Route plain;
  plain.service_name = "svc.v1.Plain";
  core::Stage* a = factory.ForRoute(&timed);
  core::Stage* b = factory.ForRoute(&plain);
  EXPECT_NE(a, b);
  EXPECT_EQ(b, factory.ForRoute(nullptr));
  testing::TestCall call({a});
  call.call.context().route = &timed;
  call.call.Start();
  EXPECT_LT(call.call.context().deadline, absl::Now() + absl::Seconds(3));
  testing::TestCall other({b});
  other.call.context().route = &plain;
  other.call.Start();
  EXPECT_GT(other.call.context().deadline, absl::Now() + absl::Seconds(9));
}

}  // namespace
}  // namespace ndxp::stages
