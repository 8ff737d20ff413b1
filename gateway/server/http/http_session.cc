#include "gateway/server/http/http_session.h"

#include "gateway/server/http/request_framing.h"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <exception>

#include <openssl/ssl.h>

#include "gateway/tls/certificate_identity.h"

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
constexpr std::size_t kHeaderReadBytes = 8 * 1024;  // read at a time while a header arrives

// A connection that closes before it sent a byte (a port probe, a load balancer's TCP check) is
// not a refused handshake.
bool NothingArrived(const error_code& ec) {
  return ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::operation_aborted || ec == asio::ssl::error::stream_truncated;
}

template <class Stream>
Stream MakeStream(asio::ip::tcp::socket socket, const TlsSessionSettings& tls) {
  if constexpr (std::is_same_v<Stream, TlsStream>) {
    return Stream(std::move(socket), *tls.context);
  } else {
    (void)tls;
    return Stream(std::move(socket));
  }
}

bool IsParseError(const error_code& ec) {
  return ec.category() == beast::http::make_error_code(beast::http::error::bad_method).category() &&
         ec != beast::http::error::end_of_stream && ec != beast::http::error::partial_message &&
         ec != beast::http::error::need_more;
}

}  // namespace

// ---- SessionRegistry ----

void SessionRegistry::Add(const std::shared_ptr<HttpConnection>& session) {
  {
    absl::MutexLock lock(&mu_);
    sessions_.emplace(session.get(), session);
  }
  if (draining()) session->Drain();
}

void SessionRegistry::Remove(const HttpConnection* session) {
  absl::MutexLock lock(&mu_);
  sessions_.erase(session);
}

std::vector<std::shared_ptr<HttpConnection>> SessionRegistry::Snapshot() const {
  std::vector<std::shared_ptr<HttpConnection>> live;
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

template <class Stream>
HttpSession<Stream>::HttpSession(asio::ip::tcp::socket socket, const HttpHandler& handler,
                                 SessionRegistry& registry, absl::Duration idle_timeout,
                                 const TlsSessionSettings& tls)
    : tls_(tls),
      stream_(MakeStream<Stream>(std::move(socket), tls)),
      handler_(handler),
      registry_(registry),
      idle_timeout_(absl::ToChronoNanoseconds(idle_timeout)) {}

template <class Stream>
HttpSession<Stream>::~HttpSession() {
  registry_.Remove(this);
}

template <class Stream>
void HttpSession<Stream>::Start() {
  registry_.Add(this->shared_from_this());
  asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
    if constexpr (kTls) {
      self->Handshake();
    } else {
      self->ReadHeader();
    }
  });
}

template <class Stream>
void HttpSession<Stream>::Drain() {
  asio::post(stream_.get_executor(), [self = this->shared_from_this()] {
    self->draining_ = true;
    if (self->Idle()) self->Close();
  });
}

template <class Stream>
void HttpSession<Stream>::Close() {
  asio::post(stream_.get_executor(), [self = this->shared_from_this()] { self->CloseNow(); });
}

template <class Stream>
void HttpSession<Stream>::CloseNow() {
  closed_ = true;
  error_code ignored;
  Tcp().socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  Tcp().close();
}

// Waiting for a next request of which nothing has arrived (or for a handshake not begun).
template <class Stream>
bool HttpSession<Stream>::Idle() const {
  if (!handshaken_) return false;
  return reading_header_ && buffer_.size() == 0 && parser_ && !parser_->got_some();
}

template <class Stream>
void HttpSession<Stream>::Handshake() {
  if constexpr (kTls) {
    Tcp().expires_after(absl::ToChronoNanoseconds(tls_.handshake_timeout));
    stream_.async_handshake(asio::ssl::stream_base::server,
                            [self = this->shared_from_this()](error_code ec) {
                              self->OnHandshake(ec);
                            });
  }
}

template <class Stream>
void HttpSession<Stream>::OnHandshake(error_code ec) {
  if constexpr (kTls) {
    SSL* ssl = stream_.native_handle();
    if (ec) {
      if (closed_) return;
      const bool counted = !NothingArrived(ec) || SSL_get_verify_result(ssl) != X509_V_OK;
      if (counted && tls_.failures != nullptr) {
        const unsigned long code = ec.category() == asio::error::get_ssl_category()
                                       ? static_cast<unsigned long>(static_cast<unsigned>(ec.value()))
                                       : 0;
        error_code ignored;
        auto remote = Tcp().socket().remote_endpoint(ignored);
        tls_.failures->Count(tls::FailureOfHandshake(ssl, code),
                             ignored ? "" : remote.address().to_string(), ec.message());
      }
      return CloseNow();
    }
    handshaken_ = true;
    peer_.tls = true;
    peer_.tls_version = SSL_get_version(ssl);
    if (X509* cert = SSL_get0_peer_certificate(ssl)) {
      tls::CertificateIdentity identity = tls::IdentityOf(cert);
      peer_.certificate_client_id = std::move(identity.client_id);
      peer_.certificate_subject = std::move(identity.subject);
    }
    ReadHeader();
  }
}

template <class Stream>
void HttpSession<Stream>::ReadHeader() {
  if (closed_) return;
  if (draining_ && buffer_.size() == 0) return Shutdown(false);
  // A large request leaves a large buffer behind; an idle connection should not keep it.
  if (buffer_.size() == 0 && buffer_.capacity() > kKeptBufferBytes) buffer_.shrink_to_fit();
  const InputLimits& limits = handler_.limits();
  parser_.emplace();
  parser_->header_limit(limits.max_header_bytes);
  parser_->body_limit(limits.max_request_bytes);
  reading_header_ = true;
  header_scanned_ = 0;
  ContinueHeader();
}

template <class Stream>
void HttpSession<Stream>::ContinueHeader() {
  const auto data = buffer_.cdata();
  const std::string_view bytes(static_cast<const char*>(data.data()), data.size());
  const HeaderScan scan = ScanRequestHeader(bytes, header_scanned_);
  if (scan.result == HeaderScan::Result::kMalformed) {
    reading_header_ = false;
    Request unknown;  // the header is not parsed
    unknown.version(11);
    return handler_.RejectFraming(unknown, FramingRefusal{400, "MALFORMED_HTTP", scan.problem},
                                  Responder());
  }
  const std::size_t limit = handler_.limits().max_header_bytes;
  if (scan.result == HeaderScan::Result::kNeedMore) {
    if (bytes.size() > limit) {
      reading_header_ = false;
      return handler_.RejectOversizeHeaders(bytes, Responder());
    }
    header_scanned_ = scan.resume;
    Tcp().expires_after(idle_timeout_);
    stream_.async_read_some(
        buffer_.prepare(std::min<std::size_t>(kHeaderReadBytes, limit + 1 - bytes.size())),
        [self = this->shared_from_this()](error_code ec, std::size_t n) {
          self->buffer_.commit(n);
          if (ec) {
            self->reading_header_ = false;
            return self->OnReadError(ec);
          }
          self->ContinueHeader();
        });
    return;
  }
  if (scan.end - scan.start > limit) {
    reading_header_ = false;
    return handler_.RejectOversizeHeaders(bytes, Responder());
  }
  buffer_.consume(scan.start);  // empty lines before the request line
  error_code ec;
  const std::size_t used =
      parser_->put(asio::buffer(buffer_.cdata().data(), scan.end - scan.start), ec);
  buffer_.consume(used);
  if (!ec && !parser_->is_header_done()) ec = beast::http::error::partial_message;
  OnHeader(ec);
}

template <class Stream>
void HttpSession<Stream>::OnHeader(error_code ec) {
  reading_header_ = false;
  if (ec) return OnReadError(ec);
  const auto& header = parser_->get();
  if (std::optional<FramingRefusal> refusal = CheckRequestFraming(header)) {
    // Nothing after this header is read: its framing is in doubt.
    return handler_.RejectFraming(header, *refusal, Responder());
  }
  if (beast::iequals(header[beast::http::field::expect], "100-continue") && !parser_->is_done()) {
    auto go_on = std::make_shared<beast::http::response<beast::http::empty_body>>(
        beast::http::status::continue_, header.version());
    Tcp().expires_after(idle_timeout_);
    beast::http::async_write(stream_, *go_on,
                             [self = this->shared_from_this(), go_on](error_code ec, std::size_t) {
                               if (ec) return self->Shutdown(false);
                               self->ReadBody();
                             });
    return;
  }
  ReadBody();
}

template <class Stream>
void HttpSession<Stream>::ReadBody() {
  Tcp().expires_after(idle_timeout_);
  beast::http::async_read(
      stream_, buffer_, *parser_,
      [self = this->shared_from_this()](error_code ec, std::size_t) { self->OnBody(ec); });
}

template <class Stream>
http::Respond HttpSession<Stream>::Responder() {
  return [self = this->shared_from_this()](Answer answer) {
    auto shared = std::make_shared<Answer>(std::move(answer));
    asio::dispatch(self->stream_.get_executor(),
                   [self, shared] { self->WriteAnswer(std::move(*shared)); });
  };
}

template <class Stream>
void HttpSession<Stream>::OnBody(error_code ec) {
  if (ec) return OnReadError(ec);
  Tcp().expires_never();
  try {
    handler_.Handle(parser_->get(), Responder(), kTls ? &peer_ : nullptr);
  } catch (const std::exception& e) {
    spdlog::error("HTTP request handling threw: {}", e.what());
    WriteAnswer(Answer{handler_.InternalError(parser_->get()), {}});
  }
}

template <class Stream>
void HttpSession<Stream>::OnReadError(error_code ec) {
  if (closed_) return;
  namespace errors = beast::http;
  if (ec == errors::error::header_limit) {
    auto data = buffer_.cdata();
    handler_.RejectOversizeHeaders(
        std::string_view(static_cast<const char*>(data.data()), data.size()), Responder());
  } else if (ec == errors::error::body_limit) {
    handler_.RejectOversizeBody(parser_->get(), Responder());
  } else if (ec == errors::error::bad_version) {
    Request unknown;  // nothing of the header is known
    unknown.version(11);
    handler_.RejectFraming(unknown, VersionNotSupported(), Responder());
  } else if (IsParseError(ec)) {
    handler_.RejectMalformed(Responder());
  } else {
    Shutdown(false);  // end of stream, timeout, reset: nobody to answer
  }
}

template <class Stream>
void HttpSession<Stream>::WriteAnswer(Answer answer) {
  if (closed_) {
    if (answer.written) answer.written(false);
    return;
  }
  if (draining_ || registry_.draining()) answer.response.keep_alive(false);
  answer_ = std::make_shared<Answer>(std::move(answer));
  bool keep_alive = answer_->response.keep_alive();
  Tcp().expires_after(idle_timeout_);
  beast::http::async_write(stream_, answer_->response,
                           [self = this->shared_from_this(), keep_alive](error_code ec, std::size_t) {
                             self->OnWritten(ec, keep_alive);
                           });
}

template <class Stream>
void HttpSession<Stream>::OnWritten(error_code ec, bool keep_alive) {
  if (answer_ && answer_->written) answer_->written(!ec);
  answer_.reset();
  if (ec) return Shutdown(false);
  if (!keep_alive) return Shutdown(!parser_ || !parser_->is_done());
  ReadHeader();
}

template <class Stream>
void HttpSession<Stream>::Shutdown(bool linger) {
  if (closed_) return;
  if constexpr (kTls) {
    // close_notify, then the peer's (or the linger bound); what it still sends meanwhile is read
    // and dropped by OpenSSL.
    (void)linger;
    closed_ = true;
    Tcp().expires_after(kLinger);
    stream_.async_shutdown([self = this->shared_from_this()](error_code) { self->Tcp().close(); });
    return;
  }
  error_code ignored;
  Tcp().socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  if (!linger) {
    closed_ = true;
    Tcp().close();
    return;
  }
  buffer_.consume(buffer_.size());
  Tcp().expires_after(kLinger);
  Discard();
}

template <class Stream>
void HttpSession<Stream>::Discard() {
  stream_.async_read_some(buffer_.prepare(kDiscardChunk),
                          [self = this->shared_from_this()](error_code ec, std::size_t) {
                            if (ec || self->closed_) {
                              self->closed_ = true;
                              self->Tcp().close();
                              return;
                            }
                            self->Discard();
                          });
}

template class HttpSession<PlainStream>;
template class HttpSession<TlsStream>;

}  // namespace ndxp::server::http
