#pragma once
// One HTTP/1.1 connection: read a request (header limit, body limit, idle timeout), hand it to the
// HttpHandler, write the answer, and read the next one on keep-alive. One request at a time: a
// pipelined request waits in the buffer until the previous answer is written. Every step runs on
// the connection's strand.

#include <absl/base/thread_annotations.h>
#include <absl/container/flat_hash_map.h>
#include <absl/synchronization/mutex.h>
#include <absl/time/time.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <memory>
#include <optional>

#include "gateway/server/http/http_handler.h"
#include "gateway/server/http/http_message.h"

namespace ndxp::server::http {

class HttpSession;

// The live connections of a listener, for draining and closing them at shutdown.
class SessionRegistry {
 public:
  // Once draining, sessions added later are drained as they start.
  void Add(const std::shared_ptr<HttpSession>& session);
  void Remove(const HttpSession* session);
  // Every session: finish the request in progress, then close; idle ones close at once.
  void DrainAll();
  // Every session: close the socket now (posted to its strand).
  void CloseAll();
  // True when no session is left by `deadline`.
  bool WaitEmptyUntil(absl::Time deadline);
  std::size_t size() const;
  bool draining() const { return draining_.load(std::memory_order_acquire); }

 private:
  std::vector<std::shared_ptr<HttpSession>> Snapshot() const;

  mutable absl::Mutex mu_;
  absl::flat_hash_map<const HttpSession*, std::weak_ptr<HttpSession>> sessions_
      ABSL_GUARDED_BY(mu_);
  std::atomic<bool> draining_{false};
};

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket socket, const HttpHandler& handler,
              SessionRegistry& registry, absl::Duration idle_timeout);
  ~HttpSession();

  // Registers with the registry and starts reading. Call once, right after construction.
  void Start();
  // Thread-safe. Ends the connection after the request in progress; closes it now when idle.
  void Drain();
  // Thread-safe. Closes the socket now.
  void Close();

 private:
  using Parser = boost::beast::http::request_parser<boost::beast::http::string_body>;

  void ReadHeader();
  void OnHeader(boost::beast::error_code ec);
  void ReadBody();
  void OnBody(boost::beast::error_code ec);
  void OnReadError(boost::beast::error_code ec);
  // Called with the answer on any thread: continues on the connection's strand.
  http::Respond Responder();
  void WriteAnswer(Answer answer);
  void OnWritten(boost::beast::error_code ec, bool keep_alive);
  void Shutdown(bool linger);
  void Discard();
  bool Idle() const;

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<Parser> parser_;
  std::shared_ptr<Answer> answer_;  // alive while it is written
  const HttpHandler& handler_;
  SessionRegistry& registry_;
  const std::chrono::steady_clock::duration idle_timeout_;
  bool reading_header_ = false;
  bool draining_ = false;
  bool closed_ = false;
};

}  // namespace ndxp::server::http
