#pragma once
// The per-call context: what the stages of a call's chain read and fill, and what a connector's
// handler may know about the call (it sees it read-only). It never holds a credential's secret
// or a request header: stages read those from the Call.

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <absl/status/status.h>
#include <absl/time/time.h>

#include "gateway/core/client.h"
#include "gateway/core/protocol.h"
#include "gateway/core/trace_context.h"

namespace ndxp::core {

struct Route;

struct CallContext {
  Protocol protocol = Protocol::kGrpc;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  // The route asked for; nullptr when the method is not routed.
  const Route* route = nullptr;
  // From x-request-id when acceptable, else generated; returned to the caller.
  std::string request_id;

  // Who calls (set by an identify stage): the registered client, and how it proved it.
  const Client* client = nullptr;
  std::string_view credential;  // "api_key", "gateway_assertion", ...; empty until identified
  // Keeps `client` alive for the call when the registry it belongs to is reloaded meanwhile.
  std::shared_ptr<const void> client_owner;
  // The key id of the API key used, when it has one (never the key): for the logs.
  std::string credential_id;
  // A JWT's scopes (null without a token; shared with the cached verification, not copied): when
  // not empty, they narrow the client's policy to these services or methods.
  std::shared_ptr<const std::vector<std::string>> token_scopes;

  // Why the caller asks (x-ndxp-purpose, x-ndxp-dossier-id, x-ndxp-procedure): the purpose is
  // checked against the client's policy; all three go on to metering and audit. Bounded and
  // printable (the declaration stage checks them).
  std::string purpose;
  std::string dossier_id;
  std::string procedure_id;
  // Whom the call is about (a personal or enterprise id), set by a stage that reads the request;
  // for the audit log only, hashed there, never logged in the clear.
  std::string subject_id;
  // The audit stage's state for this call (gateway/metering/audit): the keyed hashes of the
  // subjects read since its last record, the continuation records it wrote, whether it holds a
  // place in the audit queue and whether the call's record was made.
  struct Audit {
    std::vector<std::array<std::uint8_t, 32>> subjects;
    std::uint32_t parts = 0;
    bool reserved = false;
    bool recorded = false;
  } audit;
  // Every stage of the chain let the call through: it was handed to its target (set by Call).
  bool admitted = false;

  // The caller's own deadline (InfiniteFuture when it sent none), and the one the call runs under
  // (set by the deadline stage: the caller's, bounded by the configured limits).
  absl::Time caller_deadline = absl::InfiniteFuture();
  absl::Time deadline = absl::InfiniteFuture();
  TraceContext trace;

  // The outcome, filled as the call ends: what the caller saw.
  absl::StatusCode code = absl::StatusCode::kUnknown;
  int http_status = 0;  // 0 on the gRPC listener
  std::uint64_t bytes_in = 0;
  std::uint64_t bytes_out = 0;
  std::chrono::steady_clock::time_point end{};

  std::string_view client_id() const { return client != nullptr ? std::string_view(client->id) : ""; }
  double seconds() const { return std::chrono::duration<double>(end - start).count(); }
};

}  // namespace ndxp::core
