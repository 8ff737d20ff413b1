#include "gateway/server/http/http_listener.h"

#include <absl/synchronization/mutex.h>
#include <spdlog/spdlog.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <future>
#include <optional>
#include <thread>
#include <vector>

#include "gateway/core/strings.h"
#include "gateway/server/http/http_handler.h"
#include "gateway/server/http/http_session.h"
#include "gateway/tls/file_watch.h"
#include "gateway/tls/server_ssl_context.h"

namespace ndxp::server {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

constexpr auto kAcceptRetryPause = std::chrono::milliseconds(100);
// A TLS handshake must be done within this (a client that connects and stalls holds a socket).
constexpr absl::Duration kHandshakeTimeout = absl::Seconds(10);
constexpr std::string_view kTlsPrefix = "http.tls";

absl::StatusOr<std::shared_ptr<asio::ssl::context>> MakeTlsContext(const gateway::v1::Tls& tls) {
  auto built = tls::BuildServerSslContext(tls, kTlsPrefix, &tls::kAlpnHttp11);
  if (!built.ok()) return built.status();
  spdlog::info("HTTP listener: TLS certificate serial {} in use", built->certificate_serial);
  return std::make_shared<asio::ssl::context>(built->ctx.release());
}

// "HOST:PORT", "[v6]:PORT" -> endpoint; host names are resolved.
absl::StatusOr<tcp::endpoint> ResolveAddress(asio::io_context& ioc, const std::string& address) {
  std::size_t colon = address.rfind(':');
  if (colon == std::string::npos) {
    return absl::InvalidArgumentError(
        core::ToAbsl(core::Cat("HTTP address \"", address, "\" is not HOST:PORT")));
  }
  std::string host = address.substr(0, colon);
  std::string port = address.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty()) host = "0.0.0.0";
  boost::system::error_code ec;
  tcp::resolver resolver(ioc);
  auto results =
      resolver.resolve(host, port, tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    return absl::InvalidArgumentError(
        core::ToAbsl(core::Cat("HTTP address \"", address, "\": ", ec.message())));
  }
  return results.begin()->endpoint();
}

}  // namespace

class HttpListener::Impl {
 public:
  Impl(const HttpListenerOptions& options, std::unique_ptr<http::HttpHandler> handler)
      : options_(options),
        handler_(std::move(handler)),
        acceptor_(asio::make_strand(ioc_)),
        accept_retry_(acceptor_.get_executor()) {
    if (options_.idle_timeout <= absl::ZeroDuration()) options_.idle_timeout = absl::Seconds(60);
  }
  ~Impl() { Shutdown(absl::Now()); }

  absl::Status Listen();
  // The first TLS context, and the watch that replaces it; OK without TLS.
  absl::Status StartTls();
  void Run();
  void Shutdown(absl::Time deadline);
  int port() const { return port_; }

 private:
  void Accept();
  void RetryAccept(boost::system::error_code ec);
  void CloseAcceptor(absl::Time deadline);
  void StopThreads();
  void StartSession(tcp::socket socket);
  std::shared_ptr<asio::ssl::context> TlsContext() const;
  void ReloadTls();

  HttpListenerOptions options_;
  std::unique_ptr<http::HttpHandler> handler_;  // outlives the sessions (declared before ioc_)
  http::SessionRegistry sessions_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  asio::steady_timer accept_retry_;  // on the acceptor's strand
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  std::vector<std::thread> threads_;
  int port_ = 0;
  absl::Mutex shutdown_mu_;
  bool shut_down_ ABSL_GUARDED_BY(shutdown_mu_) = false;
  mutable absl::Mutex tls_mu_;
  std::shared_ptr<asio::ssl::context> tls_context_ ABSL_GUARDED_BY(tls_mu_);
  std::unique_ptr<tls::FileWatch> tls_watch_;  // last: stopped first
};

absl::Status HttpListener::Impl::StartTls() {
  if (!options_.tls) return absl::OkStatus();
  auto context = MakeTlsContext(*options_.tls);
  if (!context.ok()) return context.status();
  {
    absl::MutexLock lock(&tls_mu_);
    tls_context_ = *std::move(context);
  }
  const gateway::v1::Tls& tls = *options_.tls;
  std::vector<std::string> files = {tls.cert_file(), tls.key_file()};
  if (!tls.client_ca_file().empty()) files.push_back(tls.client_ca_file());
  if (!tls.crl_file().empty()) files.push_back(tls.crl_file());
  tls_watch_ = std::make_unique<tls::FileWatch>(files, tls::kReloadCheckInterval,
                                                [this] { ReloadTls(); });
  return absl::OkStatus();
}

// A file changed: a new context for the connections accepted from now on. A half-replaced set
// (a new certificate with the old key) is refused and tried again at the next change.
void HttpListener::Impl::ReloadTls() {
  auto context = MakeTlsContext(*options_.tls);
  if (!context.ok()) {
    spdlog::warn("HTTP listener: TLS files changed but cannot be used; keeping the context in use: {}",
                 core::ToStd(context.status().message()));
    return;
  }
  absl::MutexLock lock(&tls_mu_);
  tls_context_ = *std::move(context);
}

std::shared_ptr<asio::ssl::context> HttpListener::Impl::TlsContext() const {
  absl::MutexLock lock(&tls_mu_);
  return tls_context_;
}

void HttpListener::Impl::StartSession(tcp::socket socket) {
  if (!options_.tls) {
    std::make_shared<http::HttpSession<http::PlainStream>>(std::move(socket), *handler_, sessions_,
                                                           options_.idle_timeout)
        ->Start();
    return;
  }
  http::TlsSessionSettings settings{.context = TlsContext(),
                                    .failures = options_.handshake_failures,
                                    .handshake_timeout = kHandshakeTimeout};
  std::make_shared<http::HttpSession<http::TlsStream>>(std::move(socket), *handler_, sessions_,
                                                       options_.idle_timeout, settings)
      ->Start();
}

absl::Status HttpListener::Impl::Listen() {
  auto endpoint = ResolveAddress(ioc_, options_.address);
  if (!endpoint.ok()) return endpoint.status();
  boost::system::error_code ec;
  acceptor_.open(endpoint->protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(*endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return absl::UnavailableError(core::ToAbsl(
        core::Cat("cannot listen for HTTP on ", options_.address, ": ", ec.message())));
  }
  port_ = acceptor_.local_endpoint().port();
  return absl::OkStatus();
}

void HttpListener::Impl::Run() {
  work_.emplace(ioc_.get_executor());
  Accept();
  unsigned threads = options_.threads ? options_.threads : std::thread::hardware_concurrency();
  threads = threads ? threads : 1;
  for (unsigned i = 0; i < threads; ++i) {
    threads_.emplace_back([this] {
      while (true) {
        try {
          ioc_.run();
          return;
        } catch (const std::exception& e) {
          spdlog::error("HTTP listener: uncaught exception in a handler: {}", e.what());
        }
      }
    });
  }
}

void HttpListener::Impl::Accept() {
  acceptor_.async_accept(asio::make_strand(ioc_),
                         [this](boost::system::error_code ec, tcp::socket socket) {
                           if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
                           if (ec) return RetryAccept(ec);
                           boost::system::error_code ignored;
                           socket.set_option(tcp::no_delay(true), ignored);
                           StartSession(std::move(socket));
                           Accept();
                         });
}

// A failed accept (e.g. out of file descriptors) is retried after a pause, not in a hot loop.
void HttpListener::Impl::RetryAccept(boost::system::error_code ec) {
  spdlog::warn("HTTP listener: accept failed: {}; retrying", ec.message());
  accept_retry_.expires_after(kAcceptRetryPause);
  accept_retry_.async_wait([this](boost::system::error_code waited) {
    if (!waited && acceptor_.is_open()) Accept();
  });
}

void HttpListener::Impl::CloseAcceptor(absl::Time deadline) {
  auto closed = std::make_shared<std::promise<void>>();
  std::future<void> done = closed->get_future();
  asio::post(acceptor_.get_executor(), [this, closed] {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    accept_retry_.cancel();
    closed->set_value();
  });
  if (threads_.empty()) return;
  done.wait_until(absl::ToChronoTime(std::max(deadline, absl::Now() + absl::Seconds(1))));
}

void HttpListener::Impl::StopThreads() {
  work_.reset();
  ioc_.stop();
  for (auto& thread : threads_) thread.join();
  threads_.clear();
}

void HttpListener::Impl::Shutdown(absl::Time deadline) {
  {
    absl::MutexLock lock(&shutdown_mu_);
    if (shut_down_) return;
    shut_down_ = true;
  }
  tls_watch_.reset();
  CloseAcceptor(deadline);
  sessions_.DrainAll();
  if (!sessions_.WaitEmptyUntil(deadline)) {
    sessions_.CloseAll();
    // Give the closes posted to the strands a moment to run before the threads stop.
    sessions_.WaitEmptyUntil(absl::Now() + absl::Milliseconds(100));
  }
  StopThreads();
  // With no thread left, whatever is still open is closed from here; run the aborted handlers so
  // that every session is released.
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  ioc_.restart();
  sessions_.CloseAll();
  ioc_.poll();
}

// ---- HttpListener ----

absl::StatusOr<std::unique_ptr<HttpListener>> HttpListener::Start(
    const HttpListenerOptions& options, const Pipeline& pipeline, const ServingState& state) {
  auto handler = http::HttpHandler::Create(pipeline, state, options.limits);
  if (!handler.ok()) return handler.status();
  auto impl = std::make_unique<Impl>(options, std::move(*handler));
  if (auto status = impl->StartTls(); !status.ok()) return status;
  if (auto status = impl->Listen(); !status.ok()) return status;
  impl->Run();
  return std::unique_ptr<HttpListener>(new HttpListener(std::move(impl)));
}

HttpListener::HttpListener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpListener::~HttpListener() {
  if (impl_) impl_->Shutdown(absl::Now());
}

int HttpListener::port() const { return impl_->port(); }

void HttpListener::Shutdown(absl::Time deadline) { impl_->Shutdown(deadline); }

}  // namespace ndxp::server
