#pragma once
// One HTTP/1.1 connection: on a TLS port the handshake first (bounded by a timeout; a refusal is
// counted by reason), then read a request (header limit, body limit, idle timeout), hand it to the
// HttpHandler with the connection's peer (TLS, client certificate), write the answer, and read
// the next one on keep-alive. One request at a time: a pipelined request waits in the buffer
// until the previous answer is written. Every step runs on the connection's strand.
//
// The session is one template over the stream: beast::tcp_stream (plaintext) or
// beast::ssl_stream<beast::tcp_stream> (TLS); the two differ only in the handshake and the close
// (close_notify), both chosen with `if constexpr`.

#include <absl/base/thread_annotations.h>
#include <absl/container/flat_hash_map.h>
#include <absl/synchronization/mutex.h>
#include <absl/time/time.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <memory>
#include <optional>
#include <type_traits>

#include "gateway/core/peer_info.h"
#include "gateway/server/http/http_handler.h"
#include "gateway/server/http/http_message.h"
#include "gateway/tls/handshake_failure.h"

namespace ndxp::server::http {

// What the registry needs of a connection, whatever its stream.
class HttpConnection {
 public:
  virtual ~HttpConnection() = default;
  // Thread-safe. Ends the connection after the request in progress; closes it now when idle.
  virtual void Drain() = 0;
  // Thread-safe. Closes the socket now.
  virtual void Close() = 0;
};

// The live connections of a listener, for draining and closing them at shutdown.
class SessionRegistry {
 public:
  // Once draining, sessions added later are drained as they start.
  void Add(const std::shared_ptr<HttpConnection>& session);
  void Remove(const HttpConnection* session);
  // Every session: finish the request in progress, then close; idle ones close at once.
  void DrainAll();
  // Every session: close the socket now (posted to its strand).
  void CloseAll();
  // True when no session is left by `deadline`.
  bool WaitEmptyUntil(absl::Time deadline);
  std::size_t size() const;
  bool draining() const { return draining_.load(std::memory_order_acquire); }

 private:
  std::vector<std::shared_ptr<HttpConnection>> Snapshot() const;

  mutable absl::Mutex mu_;
  absl::flat_hash_map<const HttpConnection*, std::weak_ptr<HttpConnection>> sessions_
      ABSL_GUARDED_BY(mu_);
  std::atomic<bool> draining_{false};
};

// What a TLS connection takes beyond a plain one.
struct TlsSessionSettings {
  // The listener's context when the connection was accepted; a reload makes a new one for
  // later connections.
  std::shared_ptr<boost::asio::ssl::context> context;
  const tls::HandshakeFailures* failures = nullptr;
  absl::Duration handshake_timeout = absl::Seconds(10);
};

using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

template <class Stream>
class HttpSession final : public HttpConnection,
                          public std::enable_shared_from_this<HttpSession<Stream>> {
 public:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  // `tls` is used (and required) when the stream is TlsStream.
  HttpSession(boost::asio::ip::tcp::socket socket, const HttpHandler& handler,
              SessionRegistry& registry, absl::Duration idle_timeout,
              const TlsSessionSettings& tls = {});
  ~HttpSession() override;

  // Registers with the registry and starts (the handshake, or reading). Call once, right after
  // construction.
  void Start();
  void Drain() override;
  void Close() override;

 private:
  using Parser = boost::beast::http::request_parser<boost::beast::http::string_body>;

  boost::beast::tcp_stream& Tcp() { return boost::beast::get_lowest_layer(stream_); }
  void Handshake();
  void OnHandshake(boost::beast::error_code ec);
  void ReadHeader();
  // Checks what has arrived of the header (ScanRequestHeader), reads more or parses it.
  void ContinueHeader();
  void OnHeader(boost::beast::error_code ec);
  void ReadBody();
  void OnBody(boost::beast::error_code ec);
  void OnReadError(boost::beast::error_code ec);
  // Called with the answer on any thread: continues on the connection's strand.
  http::Respond Responder();
  void WriteAnswer(Answer answer);
  void OnWritten(boost::beast::error_code ec, bool keep_alive);
  void Shutdown(bool linger);
  void CloseNow();
  void Discard();
  bool Idle() const;

  TlsSessionSettings tls_;  // empty on a plaintext connection
  Stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<Parser> parser_;
  std::shared_ptr<Answer> answer_;  // alive while it is written
  const HttpHandler& handler_;
  SessionRegistry& registry_;
  const std::chrono::steady_clock::duration idle_timeout_;
  core::PeerInfo peer_;  // filled by the handshake
  bool handshaken_ = !kTls;
  bool reading_header_ = false;
  std::size_t header_scanned_ = 0;  // of the header being read: bytes already checked
  bool draining_ = false;
  bool closed_ = false;
};

extern template class HttpSession<PlainStream>;
extern template class HttpSession<TlsStream>;

}  // namespace ndxp::server::http
