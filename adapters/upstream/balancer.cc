#include "adapters/upstream/balancer.h"

namespace ndxp::adapters {
namespace {

std::size_t HealthyCount(std::span<const EndpointLoad> endpoints) {
  std::size_t n = 0;
  for (const EndpointLoad& e : endpoints) n += e.healthy ? 1 : 0;
  return n;
}

// Index of the k-th (from 0) healthy endpoint; k < HealthyCount.
std::size_t NthHealthy(std::span<const EndpointLoad> endpoints, std::size_t k) {
  for (std::size_t i = 0; i < endpoints.size(); ++i) {
    if (!endpoints[i].healthy) continue;
    if (k-- == 0) return i;
  }
  return endpoints.size();  // not reached when k < HealthyCount
}

}  // namespace

std::optional<std::size_t> PickRoundRobin(std::span<const EndpointLoad> endpoints,
                                          std::uint64_t ticket) {
  std::size_t healthy = HealthyCount(endpoints);
  if (healthy == 0) return std::nullopt;
  return NthHealthy(endpoints, ticket % healthy);
}

std::optional<std::size_t> PickLeastRequest(std::span<const EndpointLoad> endpoints,
                                            std::uint64_t random) {
  std::size_t healthy = HealthyCount(endpoints);
  if (healthy == 0) return std::nullopt;
  std::size_t a = static_cast<std::size_t>(random % healthy);
  if (healthy == 1) return NthHealthy(endpoints, a);
  // The second draw skips the first, so the two are distinct.
  std::size_t b = (a + 1 + static_cast<std::size_t>((random >> 32) % (healthy - 1))) % healthy;
  std::size_t ia = NthHealthy(endpoints, a);
  std::size_t ib = NthHealthy(endpoints, b);
  return endpoints[ib].in_flight < endpoints[ia].in_flight ? ib : ia;
}

Balancer::Policy Balancer::PolicyOf(ndxp::gateway::v1::Balancing balancing) {
  return balancing == ndxp::gateway::v1::BALANCING_LEAST_REQUEST ? Policy::kLeastRequest
                                                                 : Policy::kRoundRobin;
}

std::optional<std::size_t> Balancer::Pick(std::span<const EndpointLoad> endpoints) {
  if (policy_ == Policy::kLeastRequest) return PickLeastRequest(endpoints, NextRandom());
  return PickRoundRobin(endpoints, state_.fetch_add(1, std::memory_order_relaxed));
}

std::uint64_t Balancer::NextRandom() {
  std::uint64_t z = state_.fetch_add(0x9e3779b97f4a7c15ULL, std::memory_order_relaxed);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace ndxp::adapters
