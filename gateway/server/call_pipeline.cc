#include "gateway/server/call_pipeline.h"

#include <exception>

#include <absl/time/clock.h>
#include <spdlog/spdlog.h>

#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::server {
namespace {

constexpr std::size_t kCodeCount = 17;
constexpr std::string_view kUnknown = "unknown";

std::size_t ClientSlot(const auth::Client* client) { return client ? client->index + 1 : 0; }

}  // namespace

std::string_view ProtocolName(Protocol protocol) {
  switch (protocol) {
    case Protocol::kGrpc: return "grpc";
    case Protocol::kConnect: return "connect";
    case Protocol::kRest: return "rest";
  }
  return "unknown";
}

std::string_view CodeName(absl::StatusCode code) {
  static constexpr std::string_view kNames[kCodeCount] = {
      "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
      "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
      "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
      "UNAUTHENTICATED"};
  auto i = static_cast<std::size_t>(code);
  return i < kCodeCount ? kNames[i] : "UNKNOWN";
}

struct RouteRuntime {
  std::string service;
  std::string method;
  std::string full_method;
  std::array<metrics::Histogram*, kProtocolCount> duration{};
  std::array<metrics::Counter*, kProtocolCount> bytes_in{};
  std::array<metrics::Counter*, kProtocolCount> bytes_out{};
  // requests_total series, resolved on first use: [protocol][client slot][code].
  std::unique_ptr<std::atomic<metrics::Counter*>[]> requests;
};

struct CallPipeline::Families {
  metrics::Family<metrics::Counter>& requests;
  metrics::Family<metrics::Histogram>& duration;
  metrics::Family<metrics::Counter>& bytes_in;
  metrics::Family<metrics::Counter>& bytes_out;
  metrics::Family<metrics::Gauge>& in_flight;
  metrics::Family<metrics::Counter>& auth_failures;
  metrics::Family<metrics::Counter>& limit_rejections;
  std::array<metrics::Gauge*, kProtocolCount> in_flight_by_protocol{};
};

CallPipeline::CallPipeline(const core::RouteTable& routes,
                           const auth::ApiKeyAuthenticator& authenticator,
                           metrics::Registry& registry, AccessLog& access_log)
    : routes_(routes), authenticator_(authenticator), registry_(registry), access_log_(access_log) {
  families_.reset(new Families{
      registry.AddCounter("ndxp_gateway_requests_total",
                          "Calls answered, by protocol, client, service, method and status code.",
                          {"protocol", "client", "service", "method", "code"}),
      registry.AddHistogram("ndxp_gateway_request_duration_seconds",
                            "Time from a call's arrival to its last response byte.",
                            {"protocol", "service", "method"}, metrics::DefaultLatencyBuckets()),
      registry.AddCounter("ndxp_gateway_request_bytes_total",
                          "Request payload bytes received.", {"protocol", "service", "method"}),
      registry.AddCounter("ndxp_gateway_response_bytes_total", "Response payload bytes sent.",
                          {"protocol", "service", "method"}),
      registry.AddGauge("ndxp_gateway_in_flight_requests", "Calls being served now.",
                        {"protocol"}),
      registry.AddCounter("ndxp_gateway_auth_failures_total",
                          "Calls refused because the caller could not be identified, by reason.",
                          {"protocol", "reason"}),
      registry.AddCounter("ndxp_gateway_limit_rejections_total",
                          "Calls refused by an input limit, by limit.", {"protocol", "limit"}),
  });
  const std::size_t cells = kProtocolCount * (authenticator.clients().size() + 1) * kCodeCount;
  auto make_runtime = [&](std::string service, std::string method, std::string full) {
    auto rt = std::make_unique<RouteRuntime>();
    rt->service = std::move(service);
    rt->method = std::move(method);
    rt->full_method = std::move(full);
    for (std::size_t p = 0; p < kProtocolCount; ++p) {
      auto protocol = ProtocolName(static_cast<Protocol>(p));
      rt->duration[p] = &families_->duration.WithLabels({protocol, rt->service, rt->method});
      rt->bytes_in[p] = &families_->bytes_in.WithLabels({protocol, rt->service, rt->method});
      rt->bytes_out[p] = &families_->bytes_out.WithLabels({protocol, rt->service, rt->method});
    }
    rt->requests.reset(new std::atomic<metrics::Counter*>[cells]);
    for (std::size_t i = 0; i < cells; ++i) rt->requests[i].store(nullptr);
    return rt;
  };
  for (const auto& route : routes.routes()) {
    runtimes_.push_back(make_runtime(route->service_name, route->method_name, route->full_method));
  }
  unknown_runtime_ = make_runtime(std::string(kUnknown), std::string(kUnknown), std::string(kUnknown));
  for (std::size_t p = 0; p < kProtocolCount; ++p) {
    families_->in_flight_by_protocol[p] =
        &families_->in_flight.WithLabels({ProtocolName(static_cast<Protocol>(p))});
  }
}

CallPipeline::~CallPipeline() = default;

absl::Status CallPipeline::Admit(CallRecord& record, std::string_view full_method,
                                 std::optional<std::string_view> api_key) {
  return Admit(record, routes_.Find(full_method), api_key);
}

absl::Status CallPipeline::Admit(CallRecord& record, const core::Route* route,
                                 std::optional<std::string_view> api_key) {
  families_->in_flight_by_protocol[static_cast<std::size_t>(record.protocol)]->Inc();
  in_flight_.fetch_add(1, std::memory_order_acq_rel);
  record.admitted = true;  // counted in flight from here; Finish undoes it
  record.runtime = unknown_runtime_.get();
  if (draining_.load(std::memory_order_acquire)) {
    return core::ErrorWithReason(absl::StatusCode::kUnavailable,
                                 "the gateway is shutting down; retry the call", "DRAINING");
  }
  // Identify first: an unauthenticated caller learns nothing, not even which methods exist.
  auth::AuthResult who = authenticator_.Authenticate(api_key);
  if (who.client == nullptr) {
    families_->auth_failures.WithLabels({ProtocolName(record.protocol), who.failure_reason}).Inc();
    return core::ErrorWithReason(
        absl::StatusCode::kUnauthenticated,
        who.failure_reason == "missing_api_key"
            ? "missing API key: send it in the x-api-key header (gRPC metadata)"
            : "invalid API key",
        who.failure_reason == "missing_api_key" ? "API_KEY_MISSING" : "API_KEY_INVALID");
  }
  record.client = who.client;
  if (route == nullptr) {
    return core::ErrorWithReason(absl::StatusCode::kUnimplemented,
                                 "unknown method: no route for this service and method",
                                 "METHOD_NOT_FOUND");
  }
  record.route = route;
  record.runtime = runtimes_[route->index].get();
  // Authorization (per client policy) and limits (rates, quotas, concurrency) come in their own
  // issues; every authenticated client may call every route until then.
  return absl::OkStatus();
}

absl::Status CallPipeline::RunUnary(const CallRecord& record, absl::Time deadline,
                                    const google::protobuf::Message& request,
                                    google::protobuf::Message& response) const {
  if (absl::Now() > deadline) return absl::DeadlineExceededError("deadline exceeded");
  core::CallContext context{record.client->id, record.request_id, deadline};
  try {
    return record.route->handler.unary(context, request, response);
  } catch (const std::exception& e) {
    spdlog::error("handler of {} threw: {} (request id {})", record.route->full_method, e.what(),
                  record.request_id);
  } catch (...) {
    spdlog::error("handler of {} threw (request id {})", record.route->full_method,
                  record.request_id);
  }
  return absl::InternalError("the connector failed to answer");
}

bool CallPipeline::WaitUntilIdle(absl::Time deadline) const {
  // Only used while draining; polling keeps the hot path free of a shared lock.
  while (in_flight() > 0) {
    if (absl::Now() >= deadline) return false;
    absl::SleepFor(absl::Milliseconds(5));
  }
  return true;
}

void CallPipeline::CountLimitRejection(Protocol protocol, std::string_view limit) {
  families_->limit_rejections.WithLabels({ProtocolName(protocol), limit}).Inc();
}

metrics::Counter& CallPipeline::RequestCounter(const CallRecord& record, absl::StatusCode code) {
  const RouteRuntime& rt = *record.runtime;
  auto code_index = static_cast<std::size_t>(code);
  if (code_index >= kCodeCount) code_index = static_cast<std::size_t>(absl::StatusCode::kUnknown);
  std::size_t slot = ClientSlot(record.client);
  std::size_t clients = authenticator_.clients().size() + 1;
  std::size_t cell = (static_cast<std::size_t>(record.protocol) * clients + slot) * kCodeCount +
                     code_index;
  metrics::Counter* counter = rt.requests[cell].load(std::memory_order_acquire);
  if (counter == nullptr) {
    std::string_view client = record.client ? std::string_view(record.client->id) : "";
    counter = &families_->requests.WithLabels({ProtocolName(record.protocol), client, rt.service,
                                               rt.method, CodeName(static_cast<absl::StatusCode>(code_index))});
    rt.requests[cell].store(counter, std::memory_order_release);
  }
  return *counter;
}

void CallPipeline::Finish(CallRecord& record, absl::StatusCode code) {
  auto elapsed = std::chrono::steady_clock::now() - record.start;
  double seconds = std::chrono::duration<double>(elapsed).count();
  auto p = static_cast<std::size_t>(record.protocol);
  if (record.runtime == nullptr) record.runtime = unknown_runtime_.get();
  if (record.admitted) {
    families_->in_flight_by_protocol[p]->Dec();
    in_flight_.fetch_sub(1, std::memory_order_acq_rel);
  }
  RequestCounter(record, code).Inc();
  record.runtime->duration[p]->Observe(seconds);
  record.runtime->bytes_in[p]->Inc(static_cast<double>(record.bytes_in));
  record.runtime->bytes_out[p]->Inc(static_cast<double>(record.bytes_out));
  if (access_log_.enabled()) {
    access_log_.Write(AccessLogEntry{
        .time = std::chrono::system_clock::now(),
        .request_id = record.request_id,
        .protocol = ProtocolName(record.protocol),
        .client = record.client ? std::string_view(record.client->id) : std::string_view(),
        .method = record.runtime->full_method,
        .status = CodeName(code),
        .http_status = record.http_status,
        .duration_seconds = seconds,
        .bytes_in = record.bytes_in,
        .bytes_out = record.bytes_out});
  }
}

}  // namespace ndxp::server
