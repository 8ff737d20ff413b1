#include "tests/unit/adapters/upstream/test_upstream.h"

#include <atomic>
#include <charconv>
#include <chrono>
#include <set>
#include <string_view>
#include <vector>

#include <absl/synchronization/mutex.h>
#include <grpcpp/alarm.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "ndxp/business/v1/business.grpc.pb.h"
#include "ndxp/population/v1/population.grpc.pb.h"

namespace ndxp::adapters::testing {

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

namespace {

namespace pop = ndxp::population::v1;
namespace biz = ndxp::business::v1;

std::int64_t ParseInt(std::string_view s) {
  std::int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

class HeldReactor;
struct Services;


}  // namespace

struct TestUpstream::State {
  ~State();
  std::string name;
  std::string address;
  std::unique_ptr<Services> services;  // outlives the server
  std::unique_ptr<grpc::Server> server;

  mutable absl::Mutex mu;
  bool hold_all ABSL_GUARDED_BY(mu) = false;
  int calls ABSL_GUARDED_BY(mu) = 0;
  int held ABSL_GUARDED_BY(mu) = 0;
  int cancelled ABSL_GUARDED_BY(mu) = 0;
  std::int64_t stream_writes ABSL_GUARDED_BY(mu) = 0;
  SeenCall last ABSL_GUARDED_BY(mu);
  std::set<std::string> peers ABSL_GUARDED_BY(mu);
  std::set<HeldReactor*> holding ABSL_GUARDED_BY(mu);
  std::function<void()> on_hold ABSL_GUARDED_BY(mu);

  void Record(grpc::CallbackServerContext* ctx, std::string method) {
    SeenCall seen;
    seen.method = std::move(method);
    seen.peer = ctx->peer();
    for (const char* key : kRecordedKeys) {
      auto it = ctx->client_metadata().find(key);
      if (it != ctx->client_metadata().end()) {
        seen.metadata[key] = std::string(it->second.data(), it->second.size());
      }
    }
    absl::MutexLock lock(&mu);
    peers.insert(seen.peer);
    last = std::move(seen);
  }

  bool WaitFor(absl::Duration timeout, const std::function<bool()>& done) const {
    absl::MutexLock lock(&mu);
    auto cond = [&done] { return done(); };
    return mu.AwaitWithTimeout(absl::Condition(&cond), timeout);
  }
};

namespace {

using State = TestUpstream::State;

// Waits until cancelled or released; finishes exactly once either way.
class HeldReactor final : public grpc::ServerUnaryReactor {
 public:
  explicit HeldReactor(State& state) : state_(state) {
    std::function<void()> on_hold;
    {
      absl::MutexLock lock(&state_.mu);
      state_.holding.insert(this);
      ++state_.held;
      on_hold = state_.on_hold;
    }
    if (on_hold) on_hold();
  }
  // Claims the right to finish; the winner calls Finish outside any lock.
  bool Claim() { return !claimed_.exchange(true); }
  void OnCancel() override {
    {
      absl::MutexLock lock(&state_.mu);
      ++state_.cancelled;
    }
    if (Claim()) Finish(grpc::Status(grpc::StatusCode::CANCELLED, "cancelled"));
  }
  void OnDone() override {
    {
      absl::MutexLock lock(&state_.mu);
      state_.holding.erase(this);
    }
    delete this;
  }

 private:
  State& state_;
  std::atomic<bool> claimed_{false};
};

class DelayedReactor final : public grpc::ServerUnaryReactor {
 public:
  DelayedReactor(absl::Duration delay, pop::GetCitizenResponse* response, const std::string& name) {
    response->mutable_citizen()->set_full_name(name);
    alarm_.Set(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(delay),
               [this](bool fired) {
                 Finish(fired ? grpc::Status::OK
                              : grpc::Status(grpc::StatusCode::CANCELLED, "cancelled"));
               });
  }
  void OnCancel() override { alarm_.Cancel(); }
  void OnDone() override { delete this; }

 private:
  grpc::Alarm alarm_;
};

class EchoBidi final
    : public grpc::ServerBidiReactor<pop::BatchVerifyCitizensRequest,
                                     pop::BatchVerifyCitizensResponse> {
 public:
  EchoBidi() { StartRead(&request_); }
  void OnReadDone(bool ok) override {
    if (!ok) return Finish(grpc::Status::OK);
    response_.set_correlation_id(request_.correlation_id());
    StartWrite(&response_);
  }
  void OnWriteDone(bool ok) override {
    if (!ok) return Finish(grpc::Status(grpc::StatusCode::CANCELLED, "write failed"));
    StartRead(&request_);
  }
  void OnDone() override { delete this; }

 private:
  pop::BatchVerifyCitizensRequest request_;
  pop::BatchVerifyCitizensResponse response_;
};

class CountingReader final : public grpc::ServerReadReactor<pop::ReconcileCitizensRequest> {
 public:
  explicit CountingReader(pop::ReconcileCitizensResponse* response) : response_(response) {
    StartRead(&request_);
  }
  void OnReadDone(bool ok) override {
    if (!ok) {
      response_->set_total_count(total_);
      response_->set_matched_count(matched_);
      return Finish(grpc::Status::OK);
    }
    ++total_;
    if (request_.verification().personal_id().starts_with("p")) ++matched_;
    StartRead(&request_);
  }
  void OnDone() override { delete this; }

 private:
  pop::ReconcileCitizensResponse* response_;
  pop::ReconcileCitizensRequest request_;
  std::int64_t total_ = 0;
  std::int64_t matched_ = 0;
};

class EnterpriseWriter final : public grpc::ServerWriteReactor<biz::StreamEnterprisesResponse> {
 public:
  EnterpriseWriter(State& state, std::int64_t count, std::size_t bytes)
      : state_(state), count_(count), name_(bytes, 'x') {
    WriteNext();
  }
  void OnWriteDone(bool ok) override {
    if (!ok) return Finish(grpc::Status(grpc::StatusCode::CANCELLED, "write failed"));
    {
      absl::MutexLock lock(&state_.mu);
      ++state_.stream_writes;
    }
    WriteNext();
  }
  void OnDone() override { delete this; }

 private:
  void WriteNext() {
    if (count_ > 0 && next_ == count_) return Finish(grpc::Status::OK);
    response_.mutable_enterprise()->set_enterprise_code(std::to_string(next_++));
    response_.mutable_enterprise()->set_name(name_);
    StartWrite(&response_);
  }

  State& state_;
  const std::int64_t count_;
  const std::string name_;
  std::int64_t next_ = 0;
  biz::StreamEnterprisesResponse response_;
};

class PopulationImpl final : public pop::PopulationService::CallbackService {
 public:
  explicit PopulationImpl(State& state) : state_(state) {}

  grpc::ServerUnaryReactor* GetCitizen(grpc::CallbackServerContext* ctx,
                                       const pop::GetCitizenRequest* request,
                                       pop::GetCitizenResponse* response) override {
    state_.Record(ctx, "GetCitizen");
    bool hold_all;
    {
      absl::MutexLock lock(&state_.mu);
      ++state_.calls;
      hold_all = state_.hold_all;
    }
    const std::string& id = request->personal_id();
    if (hold_all || id == "hold") return new HeldReactor(state_);
    if (id.starts_with("delay:")) {
      return new DelayedReactor(absl::Milliseconds(ParseInt(std::string_view(id).substr(6))),
                                response, state_.name);
    }
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    if (id == "fail") {
      reactor->Finish(grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "upstream refuses",
                                   TestUpstream::Details()));
      return reactor;
    }
    response->mutable_citizen()->set_personal_id(id);
    response->mutable_citizen()->set_full_name(state_.name);
    response->mutable_citizen()->set_ethnicity(Hex(request->SerializeAsString()));
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

  grpc::ServerBidiReactor<pop::BatchVerifyCitizensRequest, pop::BatchVerifyCitizensResponse>*
  BatchVerifyCitizens(grpc::CallbackServerContext* ctx) override {
    state_.Record(ctx, "BatchVerifyCitizens");
    return new EchoBidi();
  }

  grpc::ServerReadReactor<pop::ReconcileCitizensRequest>* ReconcileCitizens(
      grpc::CallbackServerContext* ctx, pop::ReconcileCitizensResponse* response) override {
    state_.Record(ctx, "ReconcileCitizens");
    return new CountingReader(response);
  }

 private:
  State& state_;
};

class BusinessImpl final : public biz::BusinessRegistryService::CallbackService {
 public:
  explicit BusinessImpl(State& state) : state_(state) {}

  grpc::ServerWriteReactor<biz::StreamEnterprisesResponse>* StreamEnterprises(
      grpc::CallbackServerContext* ctx, const biz::StreamEnterprisesRequest* request) override {
    state_.Record(ctx, "StreamEnterprises");
    std::string_view spec = request->province_code();
    std::size_t colon = spec.find(':');
    std::int64_t count = ParseInt(spec.substr(0, colon));
    std::size_t bytes =
        colon == std::string_view::npos ? 16 : static_cast<std::size_t>(ParseInt(spec.substr(colon + 1)));
    return new EnterpriseWriter(state_, count, bytes);
  }

 private:
  State& state_;
};

struct Services {
  explicit Services(State& state) : population(state), business(state) {}
  PopulationImpl population;
  BusinessImpl business;
};

}  // namespace

TestUpstream::State::~State() = default;

TestUpstream::TestUpstream(std::string name) : state_(std::make_unique<State>()) {
  state_->name = std::move(name);
  state_->services = std::make_unique<Services>(*state_);
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&state_->services->population);
  builder.RegisterService(&state_->services->business);
  state_->server = builder.BuildAndStart();
  state_->address = "127.0.0.1:" + std::to_string(port);
}

TestUpstream::~TestUpstream() { Shutdown(); }

const std::string& TestUpstream::name() const { return state_->name; }
const std::string& TestUpstream::address() const { return state_->address; }

std::string TestUpstream::Details() {
  google::rpc::Status status;
  status.set_code(static_cast<int>(grpc::StatusCode::FAILED_PRECONDITION));
  status.set_message("upstream refuses");
  google::rpc::ErrorInfo info;
  info.set_reason("UPSTREAM_RULE");
  info.set_domain("upstream.example");
  (*info.mutable_metadata())["rule"] = "42";
  status.add_details()->PackFrom(info);
  auto* opaque = status.add_details();
  opaque->set_type_url("type.googleapis.com/example.Opaque");
  opaque->set_value(std::string("\x00\x01\xfe\xff", 4));
  return status.SerializeAsString();
}

void TestUpstream::set_hold_all(bool hold) {
  absl::MutexLock lock(&state_->mu);
  state_->hold_all = hold;
}

void TestUpstream::set_on_hold(std::function<void()> on_hold) {
  absl::MutexLock lock(&state_->mu);
  state_->on_hold = std::move(on_hold);
}

void TestUpstream::ReleaseHeld() {
  std::vector<HeldReactor*> won;
  {
    absl::MutexLock lock(&state_->mu);
    for (HeldReactor* r : state_->holding) {
      if (r->Claim()) won.push_back(r);  // claimed: nobody else finishes it, so it stays alive
    }
  }
  for (HeldReactor* r : won) r->Finish(grpc::Status::OK);
}

void TestUpstream::Shutdown() {
  if (state_->server == nullptr) return;
  state_->server->Shutdown(std::chrono::system_clock::now());
  state_->server->Wait();
  state_->server.reset();
}

int TestUpstream::calls() const {
  absl::MutexLock lock(&state_->mu);
  return state_->calls;
}

std::size_t TestUpstream::distinct_peers() const {
  absl::MutexLock lock(&state_->mu);
  return state_->peers.size();
}

SeenCall TestUpstream::last_call() const {
  absl::MutexLock lock(&state_->mu);
  return state_->last;
}

std::int64_t TestUpstream::stream_writes() const {
  absl::MutexLock lock(&state_->mu);
  return state_->stream_writes;
}

bool TestUpstream::WaitForHeld(int n, absl::Duration timeout) const {
  return state_->WaitFor(timeout, [&] { return state_->held >= n; });
}

bool TestUpstream::WaitForCancelled(int n, absl::Duration timeout) const {
  return state_->WaitFor(timeout, [&] { return state_->cancelled >= n; });
}

bool TestUpstream::WaitForStreamWrites(std::int64_t n, absl::Duration timeout) const {
  return state_->WaitFor(timeout, [&] { return state_->stream_writes >= n; });
}

}  // namespace ndxp::adapters::testing
