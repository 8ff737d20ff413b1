#pragma once
// How an upstream's calls are spread over its endpoints (Upstream.balancing), as pure selection
// over a snapshot of the endpoints' health and load, so that it is tested without sockets.
//   round_robin:   each healthy endpoint in turn (a shared atomic ticket).
//   least_request: of two distinct healthy endpoints drawn at random, the one with fewer calls in
//                  flight (power of two choices, as Envoy's default least_request).
// Unhealthy endpoints are never chosen; with none healthy there is no choice.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::adapters {

struct EndpointLoad {
  bool healthy = false;
  std::int64_t in_flight = 0;
};

// The (ticket mod healthy count)-th healthy endpoint.
std::optional<std::size_t> PickRoundRobin(std::span<const EndpointLoad> endpoints,
                                          std::uint64_t ticket);

// Two distinct healthy endpoints drawn from `random` (the only one when one is healthy); the one
// with fewer calls in flight, the first drawn on a tie.
std::optional<std::size_t> PickLeastRequest(std::span<const EndpointLoad> endpoints,
                                            std::uint64_t random);

// The policy with its state (ticket, random stream). Thread-safe and lock-free.
class Balancer {
 public:
  enum class Policy { kRoundRobin, kLeastRequest };
  static Policy PolicyOf(ndxp::gateway::v1::Balancing balancing);

  explicit Balancer(Policy policy, std::uint64_t seed = 0x9e3779b97f4a7c15ULL)
      : policy_(policy), state_(seed) {}

  Policy policy() const { return policy_; }
  std::optional<std::size_t> Pick(std::span<const EndpointLoad> endpoints);

 private:
  // A 64-bit draw: splitmix64 over an atomic counter (no lock, no shared generator object).
  std::uint64_t NextRandom();

  const Policy policy_;
  std::atomic<std::uint64_t> state_;
};

}  // namespace ndxp::adapters
