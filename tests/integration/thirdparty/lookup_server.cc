#include "tests/integration/thirdparty/lookup_server.h"

#include <grpcpp/alarm.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <string_view>

#include "example/v1/lookup.grpc.pb.h"
#include "gateway/core/strings.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace ndxp::example {
namespace {

namespace v1 = ::example::v1;

// The value of one request header, or "" when absent.
std::string Header(const grpc::CallbackServerContext& ctx, std::string_view key) {
  auto it = ctx.client_metadata().find(grpc::string_ref(key.data(), key.size()));
  if (it == ctx.client_metadata().end()) return "";
  return std::string(it->second.data(), it->second.size());
}

bool HasHeader(const grpc::CallbackServerContext& ctx, std::string_view key) {
  return ctx.client_metadata().count(grpc::string_ref(key.data(), key.size())) > 0;
}

void FillReceived(const grpc::CallbackServerContext& ctx, v1::ReceivedMetadata& out) {
  out.set_request_id(Header(ctx, "x-request-id"));
  out.set_traceparent(Header(ctx, "traceparent"));
  out.set_tracestate(Header(ctx, "tracestate"));
  out.set_has_caller_assertion(HasHeader(ctx, "x-ndxp-caller-assertion"));
  out.set_has_api_key(HasHeader(ctx, "x-api-key"));
}

// NOT_FOUND with a google.rpc.ErrorInfo in the status details (AIP-193).
grpc::Status KeyNotFound(const std::string& key) {
  std::string message = core::Cat("no value is stored under key \"", key, "\"");
  google::rpc::ErrorInfo info;
  info.set_reason("KEY_NOT_FOUND");
  info.set_domain("example.v1");
  (*info.mutable_metadata())["key"] = key;
  google::rpc::Status status;
  status.set_code(grpc::StatusCode::NOT_FOUND);
  status.set_message(message);
  status.add_details()->PackFrom(info);
  return grpc::Status(grpc::StatusCode::NOT_FOUND, message, status.SerializeAsString());
}

// The <ms> of "slow:<ms>", when it is a number within bounds.
bool ParseMillis(std::string_view text, long long& ms) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
  return ec == std::errc() && end == text.data() + text.size() && ms >= 0 && ms <= kMaxSlowMillis;
}

grpc::ServerUnaryReactor* Finished(grpc::CallbackServerContext* ctx, grpc::Status status) {
  auto* reactor = ctx->DefaultReactor();
  reactor->Finish(std::move(status));
  return reactor;
}

// Answers OK when the alarm fires, CANCELLED when the call is cancelled first.
class SlowReactor final : public grpc::ServerUnaryReactor {
 public:
  explicit SlowReactor(long long ms) {
    alarm_.Set(std::chrono::system_clock::now() + std::chrono::milliseconds(ms),
               [this](bool fired) {
                 Finish(fired ? grpc::Status::OK
                              : grpc::Status(grpc::StatusCode::CANCELLED, "cancelled while slow"));
               });
  }
  void OnCancel() override { alarm_.Cancel(); }
  void OnDone() override { delete this; }

 private:
  grpc::Alarm alarm_;
};

template <typename Response>
class FailedWriter final : public grpc::ServerWriteReactor<Response> {
 public:
  explicit FailedWriter(grpc::Status status) { this->Finish(std::move(status)); }
  void OnDone() override { delete this; }
};

// Writes the items one at a time: the next only when the previous left (flow control).
class ItemWriter final : public grpc::ServerWriteReactor<v1::ListItemsResponse> {
 public:
  ItemWriter(std::int64_t count, std::size_t payload_bytes)
      : count_(count), payload_bytes_(payload_bytes) {
    WriteNext();
  }
  void OnWriteDone(bool ok) override {
    if (!ok) return Finish(grpc::Status(grpc::StatusCode::CANCELLED, "client went away"));
    WriteNext();
  }
  void OnDone() override { delete this; }

 private:
  void WriteNext() {
    if (index_ == count_) return Finish(grpc::Status::OK);
    response_.set_index(index_);
    response_.mutable_payload()->assign(payload_bytes_, static_cast<char>('a' + index_ % 26));
    ++index_;
    StartWrite(&response_);
  }

  const std::int64_t count_;
  const std::size_t payload_bytes_;
  std::int64_t index_ = 0;
  v1::ListItemsResponse response_;
};

class SumReader final : public grpc::ServerReadReactor<v1::SumRequest> {
 public:
  explicit SumReader(v1::SumResponse* response) : response_(response) { StartRead(&request_); }
  void OnReadDone(bool ok) override {
    if (!ok) return Finish(grpc::Status::OK);  // half-closed (or gone: Finish is then moot)
    response_->set_sum(response_->sum() + request_.value());
    response_->set_count(response_->count() + 1);
    StartRead(&request_);
  }
  void OnDone() override { delete this; }

 private:
  v1::SumResponse* response_;
  v1::SumRequest request_;
};

class EchoStream final : public grpc::ServerBidiReactor<v1::EchoRequest, v1::EchoResponse> {
 public:
  EchoStream() { StartRead(&request_); }
  void OnReadDone(bool ok) override {
    if (!ok) return Finish(grpc::Status::OK);
    response_.set_text(request_.text());
    response_.set_sequence(sequence_++);
    StartWrite(&response_);
  }
  void OnWriteDone(bool ok) override {
    if (!ok) return Finish(grpc::Status(grpc::StatusCode::CANCELLED, "client went away"));
    StartRead(&request_);
  }
  void OnDone() override { delete this; }

 private:
  v1::EchoRequest request_;
  v1::EchoResponse response_;
  std::int64_t sequence_ = 0;
};

}  // namespace

struct LookupServer::Service final : v1::LookupService::CallbackService {
  grpc::ServerUnaryReactor* Lookup(grpc::CallbackServerContext* ctx,
                                   const v1::LookupRequest* request,
                                   v1::LookupResponse* response) override {
    const std::string& key = request->key();
    if (key.empty()) {
      return Finished(ctx, grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "key: is empty"));
    }
    if (key == "missing") return Finished(ctx, KeyNotFound(key));
    response->set_key(key);
    response->set_value(core::Cat("value-of-", key));
    FillReceived(*ctx, *response->mutable_received());
    if (!key.starts_with("slow:")) return Finished(ctx, grpc::Status::OK);
    long long ms = 0;
    if (!ParseMillis(std::string_view(key).substr(5), ms)) {
      return Finished(ctx, grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                        core::Cat("key: \"slow:<ms>\" takes 0 to ", kMaxSlowMillis,
                                                  " milliseconds")));
    }
    return new SlowReactor(ms);
  }

  grpc::ServerWriteReactor<v1::ListItemsResponse>* ListItems(
      grpc::CallbackServerContext*, const v1::ListItemsRequest* request) override {
    if (request->count() < 0) {
      return new FailedWriter<v1::ListItemsResponse>(
          grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "count: is negative"));
    }
    if (request->payload_bytes() < 0 || request->payload_bytes() > kMaxPayloadBytes) {
      return new FailedWriter<v1::ListItemsResponse>(
          grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                       core::Cat("payload_bytes: must be 0 to ", kMaxPayloadBytes)));
    }
    return new ItemWriter(request->count(), static_cast<std::size_t>(request->payload_bytes()));
  }

  grpc::ServerReadReactor<v1::SumRequest>* Sum(grpc::CallbackServerContext*,
                                               v1::SumResponse* response) override {
    return new SumReader(response);
  }

  grpc::ServerBidiReactor<v1::EchoRequest, v1::EchoResponse>* Echo(
      grpc::CallbackServerContext*) override {
    return new EchoStream();
  }
};

LookupServer::LookupServer() : service_(std::make_unique<Service>()) {}

LookupServer::~LookupServer() {
  if (server_) Shutdown(absl::Now());
}

absl::StatusOr<std::unique_ptr<LookupServer>> LookupServer::Start(const std::string& address) {
  std::unique_ptr<LookupServer> server(new LookupServer());
  grpc::ServerBuilder builder;
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(), &server->port_);
  builder.RegisterService(server->service_.get());
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(core::ToAbsl(core::Cat("cannot listen on ", address)));
  }
  return server;
}

void LookupServer::Shutdown(absl::Time deadline) {
  if (!server_) return;
  server_->Shutdown(absl::ToChronoTime(deadline));
  server_->Wait();
  server_.reset();
}

}  // namespace ndxp::example
