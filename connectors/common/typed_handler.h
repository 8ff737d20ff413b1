#pragma once
// Adapters from typed handlers (taking the generated request and response classes) to the
// core::MethodHandler signatures (taking google::protobuf::Message). The gateway normally passes
// the generated classes; a message of the same type built another way (e.g. a DynamicMessage)
// is converted through its wire form. A message of another type is an INTERNAL error.

#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <google/protobuf/message.h>

#include <memory>
#include <string>
#include <utility>

#include "gateway/core/connector.h"

namespace ndxp::connectors {

// Copies `from` into `to` through the wire format when both have the same full type name.
absl::Status ConvertMessage(const google::protobuf::Message& from, google::protobuf::Message& to);

// One request-stream message in protobuf text format, on one line (for MethodExample).
std::string ToTextFormat(const google::protobuf::Message& message);

// `message` as T: itself when it is a T, else a converted copy held in `storage`.
template <typename T>
absl::StatusOr<const T*> AsTyped(const google::protobuf::Message& message, T& storage) {
  if (const T* typed = google::protobuf::DynamicCastToGenerated<T>(&message)) return typed;
  absl::Status status = ConvertMessage(message, storage);
  if (!status.ok()) return status;
  return &storage;
}

template <typename Req, typename Resp, typename Fn>
core::UnaryFn MakeUnary(Fn fn) {
  return [fn = std::move(fn)](const core::CallContext& ctx, const google::protobuf::Message& req,
                              google::protobuf::Message& resp) -> absl::Status {
    Req req_storage;
    auto typed_req = AsTyped<Req>(req, req_storage);
    if (!typed_req.ok()) return typed_req.status();
    if (Resp* typed_resp = google::protobuf::DynamicCastToGenerated<Resp>(&resp)) {
      return fn(ctx, **typed_req, *typed_resp);
    }
    Resp resp_storage;
    absl::Status status = fn(ctx, **typed_req, resp_storage);
    if (!status.ok()) return status;
    return ConvertMessage(resp_storage, resp);
  };
}

// What a handler over a store looks like: absl::Status Fn(const Store&, const Req&, Resp&).
template <typename F>
struct StoreHandlerTraits;
template <typename S, typename Req, typename Resp>
struct StoreHandlerTraits<absl::Status (*)(const S&, const Req&, Resp&)> {
  using Store = S;
  using Request = Req;
  using Response = Resp;
};

// A unary handler that answers from a shared, immutable store: `StoreUnary<&GetCitizen>(store)`
// runs GetCitizen(*store, request, response) on typed messages.
template <auto Fn>
core::UnaryFn StoreUnary(
    std::shared_ptr<const typename StoreHandlerTraits<decltype(Fn)>::Store> store) {
  using Traits = StoreHandlerTraits<decltype(Fn)>;
  return MakeUnary<typename Traits::Request, typename Traits::Response>(
      [store = std::move(store)](const core::CallContext&, const typename Traits::Request& req,
                                 typename Traits::Response& resp) { return Fn(*store, req, resp); });
}

// A handler of `method` of `service`, its call left to be set (the method must exist).
core::MethodHandler HandlerOf(const google::protobuf::ServiceDescriptor& service,
                              std::string_view method);

template <typename Req, typename Fn>
core::ServerStreamFn MakeServerStream(Fn fn) {
  return [fn = std::move(fn)](const core::CallContext& ctx, const google::protobuf::Message& req)
             -> absl::StatusOr<std::unique_ptr<core::ResponseStream>> {
    Req req_storage;
    auto typed_req = AsTyped<Req>(req, req_storage);
    if (!typed_req.ok()) return typed_req.status();
    return fn(ctx, **typed_req);
  };
}

// Fills `out` from `next_typed(Resp&)` (a pulled stream's next response): directly when `out` is
// a Resp, else through a converted copy.
template <typename Resp, typename Fn>
absl::StatusOr<bool> NextInto(google::protobuf::Message& out, Fn&& next_typed) {
  if (Resp* typed = google::protobuf::DynamicCastToGenerated<Resp>(&out)) return next_typed(*typed);
  Resp storage;
  absl::StatusOr<bool> more = next_typed(storage);
  if (!more.ok() || !*more) return more;
  absl::Status status = ConvertMessage(storage, out);
  if (!status.ok()) return status;
  return true;
}

// A server stream producing Resp messages.
template <typename Resp>
class TypedResponseStream : public core::ResponseStream {
 public:
  absl::StatusOr<bool> Next(google::protobuf::Message& out) final {
    return NextInto<Resp>(out, [this](Resp& typed) { return NextTyped(typed); });
  }

 protected:
  virtual absl::StatusOr<bool> NextTyped(Resp& out) = 0;
};

// A client or bidi stream consuming Req messages and producing Resp messages, pulled.
template <typename Req, typename Resp>
class TypedRequestStream : public core::RequestStream {
 public:
  absl::Status OnRequest(const google::protobuf::Message& request) final {
    Req storage;
    auto typed = AsTyped<Req>(request, storage);
    if (!typed.ok()) return typed.status();
    return OnTypedRequest(**typed);
  }
  absl::StatusOr<bool> Next(google::protobuf::Message& out) final {
    return NextInto<Resp>(out, [this](Resp& typed) { return NextTyped(typed); });
  }

 protected:
  virtual absl::Status OnTypedRequest(const Req& request) = 0;
  // The next ready response, as RequestStream::Next.
  virtual absl::StatusOr<bool> NextTyped(Resp& out) = 0;
};

}  // namespace ndxp::connectors
