#pragma once
// One API call over HTTP (Connect or REST), from the request's arrival to the answer handed to
// the connection: the route's chain of stages, the protocol's binding of the request (JSON body,
// path, query) into the request payload, the route's target (in-process or upstream, which may
// answer later, on another thread), and the response rendered back. The call ends (metrics,
// access log) when the connection has written the answer's last byte.

#include <memory>
#include <optional>
#include <string_view>

#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <google/protobuf/arena.h>

#include "gateway/core/call.h"
#include "gateway/core/payload.h"
#include "gateway/core/target.h"
#include "gateway/server/http/http_message.h"
#include "gateway/server/pipeline.h"

namespace ndxp::server::http {

// What a protocol does with a call's messages.
class HttpBinding {
 public:
  virtual ~HttpBinding() = default;
  // Fills the admitted call's request payload from the HTTP request (message or bytes). On an
  // error, `http_status` may name an HTTP status other than the code's (e.g. 415).
  virtual absl::Status BindRequest(core::Payload& request, int& http_status) = 0;
  // The answer to a call its target answered OK.
  virtual absl::StatusOr<Response> RenderResponse(core::Payload& response) = 0;
};

class HttpCall final : public std::enable_shared_from_this<HttpCall>,
                       private core::CallObserver,
                       private core::UnaryCompletion,
                       private core::AnswerSink {
 public:
  // `request` and `peer` must stay valid until the call has answered; `route` may be nullptr (no
  // route), `peer` too (plaintext).
  static std::shared_ptr<HttpCall> Create(const Pipeline& pipeline, core::Protocol protocol,
                                          const Request& request, const core::Route* route,
                                          Respond respond, const core::PeerInfo* peer = nullptr);
  ~HttpCall() override;

  // Runs the chain; once admitted, `binding` fills the request and the route's target answers.
  void Run(std::unique_ptr<HttpBinding> binding, absl::Time caller_deadline);
  // Answers `status` without running the chain (a request refused by the listener: unsupported
  // content type, a bad protocol header, no such path). `decorate` may add headers.
  void Refuse(const absl::Status& status, int http_status = 0,
              const std::function<void(Response&)>& decorate = {});

  google::protobuf::Arena& arena() { return arena_; }
  const core::CallContext& context() const { return call_.context(); }

 private:
  HttpCall(const Pipeline& pipeline, core::Protocol protocol, const Request& request,
           const core::Route* route, Respond respond);

  void OnAdmitted() override;
  void OnRefused(const absl::Status& status) override;
  void OnUnaryDone(const absl::Status& status) override;
  void OnAnswerReleased(const absl::Status& replaced) override;
  void Fail(const absl::Status& status, int http_status = 0,
            const std::function<void(Response&)>& decorate = {});
  void Send(absl::StatusCode code, Response response);

  const Request& request_;
  HttpRequestHeaders headers_;
  core::Call call_;
  Respond respond_;
  std::unique_ptr<HttpBinding> binding_;
  std::shared_ptr<HttpCall> self_;  // alive from Run until answered
  absl::StatusCode answered_ = absl::StatusCode::kUnknown;
  bool sent_ = false;
  // What the target answered, rendered, while a stage holds the answer (Call::HoldAnswer).
  absl::Status target_status_;
  std::optional<Response> rendered_;
  google::protobuf::Arena arena_;
  core::Payload request_payload_;
  core::Payload response_payload_;
};

}  // namespace ndxp::server::http
