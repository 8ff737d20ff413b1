#include "gateway/server/http/http_session.h"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <exception>

namespace ndxp::server::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using beast::error_code;

// After refusing a request whose rest may still be on its way, read and drop it for this long
// before closing, so that the client reads the answer instead of a connection reset.
constexpr auto kLinger = std::chrono::seconds(1);
constexpr std::size_t kDiscardChunk = 16 * 1024;
constexpr std::size_t kKeptBufferBytes = 64 * 1024;

bool IsParseError(const error_code& ec) {
  return ec.category() == beast::http::make_error_code(beast::http::error::bad_method).category() &&
         ec != beast::http::error::end_of_stream && ec != beast::http::error::partial_message &&
         ec != beast::http::error::need_more;
}

}  // namespace

// ---- SessionRegistry ----

void SessionRegistry::Add(const std::shared_ptr<HttpSession>& session) {
  {
    absl::MutexLock lock(&mu_);
    sessions_.emplace(session.get(), session);
  }
  if (draining()) session->Drain();
}

void SessionRegistry::Remove(const HttpSession* session) {
  absl::MutexLock lock(&mu_);
  sessions_.erase(session);
}

std::vector<std::shared_ptr<HttpSession>> SessionRegistry::Snapshot() const {
  std::vector<std::shared_ptr<HttpSession>> live;
  absl::MutexLock lock(&mu_);
  for (const auto& [key, weak] : sessions_) {
    if (auto session = weak.lock()) live.push_back(std::move(session));
  }
  return live;
}

void SessionRegistry::DrainAll() {
  draining_.store(true, std::memory_order_release);
  for (const auto& session : Snapshot()) session->Drain();
}

void SessionRegistry::CloseAll() {
  for (const auto& session : Snapshot()) session->Close();
}

bool SessionRegistry::WaitEmptyUntil(absl::Time deadline) {
  absl::MutexLock lock(&mu_);
  auto empty = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return sessions_.empty(); };
  return mu_.AwaitWithDeadline(absl::Condition(&empty), deadline);
}

std::size_t SessionRegistry::size() const {
  absl::MutexLock lock(&mu_);
  return sessions_.size();
}

// ---- HttpSession ----

HttpSession::HttpSession(asio::ip::tcp::socket socket, const HttpHandler& handler,
                         SessionRegistry& registry, absl::Duration idle_timeout)
    : stream_(std::move(socket)),
      handler_(handler),
      registry_(registry),
      idle_timeout_(absl::ToChronoNanoseconds(idle_timeout)) {}

HttpSession::~HttpSession() { registry_.Remove(this); }

void HttpSession::Start() {
  registry_.Add(shared_from_this());
  asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
}

void HttpSession::Drain() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    self->draining_ = true;
    if (self->Idle()) self->Close();
  });
}

void HttpSession::Close() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    self->closed_ = true;
    error_code ignored;
    self->stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    self->stream_.close();
  });
}

// Waiting for a next request of which nothing has arrived.
bool HttpSession::Idle() const {
  return reading_header_ && buffer_.size() == 0 && parser_ && !parser_->got_some();
}

void HttpSession::ReadHeader() {
  if (closed_) return;
  if (draining_ && buffer_.size() == 0) return Shutdown(false);
  // A large request leaves a large buffer behind; an idle connection should not keep it.
  if (buffer_.size() == 0 && buffer_.capacity() > kKeptBufferBytes) buffer_.shrink_to_fit();
  const InputLimits& limits = handler_.limits();
  parser_.emplace();
  parser_->header_limit(limits.max_header_bytes);
  parser_->body_limit(limits.max_request_bytes);
  reading_header_ = true;
  stream_.expires_after(idle_timeout_);
  beast::http::async_read_header(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](error_code ec, std::size_t) { self->OnHeader(ec); });
}

void HttpSession::OnHeader(error_code ec) {
  reading_header_ = false;
  if (ec) return OnReadError(ec);
  const auto& header = parser_->get();
  if (beast::iequals(header[beast::http::field::expect], "100-continue") && !parser_->is_done()) {
    auto go_on = std::make_shared<beast::http::response<beast::http::empty_body>>(
        beast::http::status::continue_, header.version());
    stream_.expires_after(idle_timeout_);
    beast::http::async_write(stream_, *go_on,
                             [self = shared_from_this(), go_on](error_code ec, std::size_t) {
                               if (ec) return self->Shutdown(false);
                               self->ReadBody();
                             });
    return;
  }
  ReadBody();
}

void HttpSession::ReadBody() {
  stream_.expires_after(idle_timeout_);
  beast::http::async_read(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](error_code ec, std::size_t) { self->OnBody(ec); });
}

http::Respond HttpSession::Responder() {
  return [self = shared_from_this()](Answer answer) {
    auto shared = std::make_shared<Answer>(std::move(answer));
    asio::dispatch(self->stream_.get_executor(),
                   [self, shared] { self->WriteAnswer(std::move(*shared)); });
  };
}

void HttpSession::OnBody(error_code ec) {
  if (ec) return OnReadError(ec);
  stream_.expires_never();
  try {
    handler_.Handle(parser_->get(), Responder());
  } catch (const std::exception& e) {
    spdlog::error("HTTP request handling threw: {}", e.what());
    WriteAnswer(Answer{handler_.InternalError(parser_->get()), {}});
  }
}

void HttpSession::OnReadError(error_code ec) {
  if (closed_) return;
  namespace errors = beast::http;
  if (ec == errors::error::header_limit) {
    auto data = buffer_.cdata();
    handler_.RejectOversizeHeaders(
        std::string_view(static_cast<const char*>(data.data()), data.size()), Responder());
  } else if (ec == errors::error::body_limit) {
    handler_.RejectOversizeBody(parser_->get(), Responder());
  } else if (IsParseError(ec)) {
    handler_.RejectMalformed(Responder());
  } else {
    Shutdown(false);  // end of stream, timeout, reset: nobody to answer
  }
}

void HttpSession::WriteAnswer(Answer answer) {
  if (closed_) {
    if (answer.written) answer.written(false);
    return;
  }
  if (draining_ || registry_.draining()) answer.response.keep_alive(false);
  answer_ = std::make_shared<Answer>(std::move(answer));
  bool keep_alive = answer_->response.keep_alive();
  stream_.expires_after(idle_timeout_);
  beast::http::async_write(stream_, answer_->response,
                           [self = shared_from_this(), keep_alive](error_code ec, std::size_t) {
                             self->OnWritten(ec, keep_alive);
                           });
}

void HttpSession::OnWritten(error_code ec, bool keep_alive) {
  if (answer_ && answer_->written) answer_->written(!ec);
  answer_.reset();
  if (ec) return Shutdown(false);
  if (!keep_alive) return Shutdown(!parser_ || !parser_->is_done());
  ReadHeader();
}

void HttpSession::Shutdown(bool linger) {
  if (closed_) return;
  error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  if (!linger) {
    closed_ = true;
    stream_.close();
    return;
  }
  buffer_.consume(buffer_.size());
  stream_.expires_after(kLinger);
  Discard();
}

void HttpSession::Discard() {
  stream_.async_read_some(buffer_.prepare(kDiscardChunk),
                          [self = shared_from_this()](error_code ec, std::size_t) {
                            if (ec || self->closed_) {
                              self->closed_ = true;
                              self->stream_.close();
                              return;
                            }
                            self->Discard();
                          });
}

}  // namespace ndxp::server::http
