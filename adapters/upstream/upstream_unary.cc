#include "adapters/upstream/upstream_unary.h"

#include <memory>
#include <utility>

#include <grpcpp/client_context.h>
#include <grpcpp/support/client_callback.h>

#include "adapters/upstream/outgoing_metadata.h"
#include "adapters/upstream/upstream_status.h"
#include "gateway/core/status.h"

namespace ndxp::adapters {
namespace {

// The state of one call, kept alive by itself from StartCall until OnDone, and by the Call while
// it is registered as the call's work in flight.
class UnaryExchange final : public grpc::ClientUnaryReactor, public core::Cancellable {
 public:
  UnaryExchange(UpstreamEndpoint& endpoint, core::Call& call, core::Payload& response,
                core::UnaryCompletion& done)
      : endpoint_(endpoint), call_(call), response_(response), done_(done) {}

  static void Start(std::shared_ptr<UnaryExchange> self, const UpstreamMethod& method,
                    const grpc::ByteBuffer& request) {
    UnaryExchange& x = *self;
    x.full_method_ = method.full_method;  // the route's string: outlives the call
    PrepareUpstreamContext(x.call_.context(), method.full_method, method.identity, x.context_);
    x.endpoint_.NextStub().PrepareUnaryCall(&x.context_, method.full_method, grpc::StubOptions(),
                                            &request, &x.response_.ReceiveBytes(), &x);
    x.endpoint_.CallStarted();
    x.self_ = self;
    x.call_.SetInFlight(std::move(self));
    x.StartCall();  // `x` stays alive: the Call holds it until the listener lets go
  }

  // The caller went away: cancel the upstream call (a no-op once it has ended).
  void Cancel() override { context_.TryCancel(); }

  void OnDone(const grpc::Status& status) override {
    endpoint_.CallEnded(static_cast<absl::StatusCode>(status.error_code()));
    absl::Status result =
        status.ok() ? call_.InspectResponse(response_)
                    : UpstreamCallStatus(status, context_, full_method_);
    core::UnaryCompletion& done = done_;
    // Let go before telling the listener, so that the state (its ClientContext holds a reference
    // to the channel) goes with the Call, on the listener's side, and never after the caller may
    // have dropped the route table: the last reference to a channel must not go on a gRPC
    // callback thread (grpc 1.51 then tears its callback queue down from one of its own threads).
    self_.reset();  // may destroy this
    done.OnUnaryDone(result);
  }

 private:
  grpc::ClientContext context_;
  UpstreamEndpoint& endpoint_;
  core::Call& call_;
  core::Payload& response_;
  core::UnaryCompletion& done_;
  std::string_view full_method_;
  std::shared_ptr<UnaryExchange> self_;
};

}  // namespace

void StartUpstreamUnary(const UpstreamMethod& method, UpstreamEndpoint& endpoint, core::Call& call,
                        const grpc::ByteBuffer& request, core::Payload& response,
                        core::UnaryCompletion& done) {
  UnaryExchange::Start(std::make_shared<UnaryExchange>(endpoint, call, response, done), method,
                       request);
}

}  // namespace ndxp::adapters
