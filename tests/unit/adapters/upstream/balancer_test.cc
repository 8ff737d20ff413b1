#include "adapters/upstream/balancer.h"

#include <map>
#include <vector>

#include <gtest/gtest.h>

namespace ndxp::adapters {
namespace {

TEST(PickRoundRobin, NoneHealthyIsNoChoice) {
  std::vector<EndpointLoad> loads = {{false, 0}, {false, 0}};
  EXPECT_FALSE(PickRoundRobin(loads, 0).has_value());
  EXPECT_FALSE(PickRoundRobin({}, 7).has_value());
}

TEST(PickRoundRobin, TurnsOverTheHealthyOnly) {
  std::vector<EndpointLoad> loads = {{true, 0}, {false, 0}, {true, 0}, {true, 0}};
  std::vector<std::size_t> picks;
  for (std::uint64_t ticket = 0; ticket < 6; ++ticket) picks.push_back(*PickRoundRobin(loads, ticket));
  EXPECT_EQ(picks, (std::vector<std::size_t>{0, 2, 3, 0, 2, 3}));
}

TEST(PickLeastRequest, PrefersFewerInFlight) {
  std::vector<EndpointLoad> loads = {{true, 5}, {true, 1}};
  for (std::uint64_t r = 0; r < 100; ++r) EXPECT_EQ(*PickLeastRequest(loads, r * 7919), 1u);
}

TEST(PickLeastRequest, NeverPicksUnhealthyEvenWhenIdle) {
  std::vector<EndpointLoad> loads = {{false, 0}, {true, 9}, {false, 0}};
  for (std::uint64_t r = 0; r < 50; ++r) EXPECT_EQ(*PickLeastRequest(loads, r), 1u);
  std::vector<EndpointLoad> none = {{false, 0}};
  EXPECT_FALSE(PickLeastRequest(none, 1).has_value());
}

TEST(PickLeastRequest, TwoDistinctChoicesNeverPickTheBusiest) {
  // With distinct draws the single busiest endpoint loses every comparison.
  std::vector<EndpointLoad> loads = {{true, 1}, {true, 1}, {true, 100}};
  for (std::uint64_t r = 0; r < 1000; ++r) {
    EXPECT_NE(*PickLeastRequest(loads, r * 0x9e3779b97f4a7c15ULL), 2u);
  }
}

TEST(Balancer, LeastRequestSpreadsEqualLoad) {
  Balancer balancer(Balancer::Policy::kLeastRequest, 42);
  std::vector<EndpointLoad> loads = {{true, 0}, {true, 0}, {true, 0}};
  std::map<std::size_t, int> hits;
  for (int i = 0; i < 3000; ++i) ++hits[*balancer.Pick(loads)];
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_GT(hits[i], 800) << i;
    EXPECT_LT(hits[i], 1200) << i;
  }
}

TEST(Balancer, RoundRobinIsEven) {
  Balancer balancer(Balancer::Policy::kRoundRobin);
  std::vector<EndpointLoad> loads = {{true, 0}, {true, 0}};
  std::map<std::size_t, int> hits;
  for (int i = 0; i < 10; ++i) ++hits[*balancer.Pick(loads)];
  EXPECT_EQ(hits[0], 5);
  EXPECT_EQ(hits[1], 5);
}

TEST(Balancer, PolicyFromConfig) {
  using ndxp::gateway::v1::Balancing;
  EXPECT_EQ(Balancer::PolicyOf(Balancing::BALANCING_UNSPECIFIED), Balancer::Policy::kRoundRobin);
  EXPECT_EQ(Balancer::PolicyOf(Balancing::BALANCING_ROUND_ROBIN), Balancer::Policy::kRoundRobin);
  EXPECT_EQ(Balancer::PolicyOf(Balancing::BALANCING_LEAST_REQUEST),
            Balancer::Policy::kLeastRequest);
}

}  // namespace
}  // namespace ndxp::adapters
