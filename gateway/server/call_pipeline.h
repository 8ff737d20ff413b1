#pragma once
// The path every call takes, whatever the listener: identify -> authorize -> limit -> route ->
// connector, then record (metrics, access log). The listeners own the protocol; this class owns
// the decisions and the bookkeeping, so gRPC, Connect and REST calls behave the same.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <absl/status/status.h>
#include <absl/time/time.h>

#include "gateway/auth/client_registry.h"
#include "gateway/core/route_table.h"
#include "gateway/metrics/registry.h"
#include "gateway/server/access_log.h"

namespace ndxp::server {

enum class Protocol : std::uint8_t { kGrpc = 0, kConnect = 1, kRest = 2 };
inline constexpr std::size_t kProtocolCount = 3;
std::string_view ProtocolName(Protocol protocol);

// Canonical gRPC code name, e.g. "NOT_FOUND".
std::string_view CodeName(absl::StatusCode code);

// Per-route metric handles, resolved when the pipeline is built.
struct RouteRuntime;

// One call's bookkeeping, from admission to the last byte.
struct CallRecord {
  Protocol protocol = Protocol::kGrpc;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  std::string request_id;
  const core::Route* route = nullptr;
  const RouteRuntime* runtime = nullptr;
  const auth::Client* client = nullptr;
  std::uint64_t bytes_in = 0;
  std::uint64_t bytes_out = 0;
  int http_status = 0;
  bool admitted = false;
};

class CallPipeline {
 public:
  CallPipeline(const core::RouteTable& routes, const auth::ApiKeyAuthenticator& authenticator,
               metrics::Registry& registry, AccessLog& access_log);
  ~CallPipeline();

  // Starts a call: route lookup by full method name, API-key identification, authorization and
  // limits (the seams later issues fill). On success `record` knows its route and client.
  // Errors: UNIMPLEMENTED (unknown method), UNAUTHENTICATED (missing or invalid key).
  absl::Status Admit(CallRecord& record, std::string_view full_method,
                     std::optional<std::string_view> api_key);
  // The same, for a listener that already knows the route (nullptr: no such method).
  absl::Status Admit(CallRecord& record, const core::Route* route,
                     std::optional<std::string_view> api_key);

  // Runs an admitted unary call's handler under `deadline`: DEADLINE_EXCEEDED when it has passed
  // already; a handler that throws is INTERNAL (and logged), never a crash of the listener.
  absl::Status RunUnary(const CallRecord& record, absl::Time deadline,
                        const google::protobuf::Message& request,
                        google::protobuf::Message& response) const;

  // Counts a request refused before or outside Admit (e.g. an oversize body), by limit name.
  void CountLimitRejection(Protocol protocol, std::string_view limit);

  // Ends a call: requests, duration, bytes, in-flight, access log. Call exactly once per call,
  // admitted or not.
  void Finish(CallRecord& record, absl::StatusCode code);

  // Graceful stop: from now on Admit answers UNAVAILABLE (retryable: another replica can serve),
  // while calls already admitted run to their end.
  void StartDraining() { draining_.store(true, std::memory_order_release); }
  // Waits until no call is in flight or `deadline` passes; true when idle.
  bool WaitUntilIdle(absl::Time deadline) const;
  std::int64_t in_flight() const { return in_flight_.load(std::memory_order_acquire); }

  const core::RouteTable& routes() const { return routes_; }
  metrics::Registry& registry() { return registry_; }

 private:
  struct Families;
  metrics::Counter& RequestCounter(const CallRecord& record, absl::StatusCode code);

  const core::RouteTable& routes_;
  const auth::ApiKeyAuthenticator& authenticator_;
  metrics::Registry& registry_;
  AccessLog& access_log_;
  std::unique_ptr<Families> families_;
  std::vector<std::unique_ptr<RouteRuntime>> runtimes_;      // by Route::index
  std::unique_ptr<RouteRuntime> unknown_runtime_;            // calls to no route
  std::atomic<bool> draining_{false};
  std::atomic<std::int64_t> in_flight_{0};
};

}  // namespace ndxp::server
