// The listener through real sockets on 127.0.0.1: keep-alive, limits enforced while reading,
// malformed input, idle timeout and shutdown.

#include "gateway/server/http/http_listener.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <future>
#include <thread>

#include "test_gateway.h"

namespace ndxp::server::http {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using beast_http::verb;
using testing::MakeRequest;

// A blocking HTTP/1.1 client on one connection; every read gives up after five seconds.
class Client {
 public:
  explicit Client(int port) : socket_(ioc_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    timeval timeout{5, 0};
    setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }

  void Write(const Request& request) { beast_http::write(socket_, request); }
  void WriteRaw(std::string_view bytes) { asio::write(socket_, asio::buffer(bytes)); }

  Response Read(boost::system::error_code& ec) {
    Response response;
    beast_http::read(socket_, buffer_, response, ec);
    return response;
  }
  Response Read() {
    boost::system::error_code ec;
    Response response = Read(ec);
    EXPECT_FALSE(ec) << ec.message();
    return response;
  }
  Response Send(const Request& request) {
    Write(request);
    return Read();
  }
  // True when the server has closed the connection (end of stream or reset).
  bool Closed() {
    char byte;
    boost::system::error_code ec;
    socket_.read_some(asio::buffer(&byte, 1), ec);
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }

 private:
  asio::io_context ioc_;
  tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

class HttpListenerTest : public ::testing::Test {
 protected:
  void Start(unsigned threads = 2, absl::Duration idle = absl::Seconds(30)) {
    HttpListenerOptions options{.address = "127.0.0.1:0",
                                .threads = threads,
                                .idle_timeout = idle,
                                .limits = gateway_.limits()};
    auto listener = HttpListener::Start(options, gateway_.pipeline(), gateway_.state());
    ASSERT_TRUE(listener.ok()) << listener.status();
    listener_ = std::move(*listener);
    ASSERT_GT(listener_->port(), 0);
  }

  static Request GetCitizen() {
    return MakeRequest(verb::post, "/ndxp.population.v1.PopulationService/GetCitizen",
                       "{\"personal_id\":\"079203001234\"}", "application/json");
  }

  testing::TestGateway gateway_;
  std::unique_ptr<HttpListener> listener_;
};

TEST_F(HttpListenerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  Start();
  Client client(listener_->port());
  Response first = client.Send(GetCitizen());
  EXPECT_EQ(first.result_int(), 200) << first.body();
  EXPECT_TRUE(first.keep_alive());
  Response second = client.Send(MakeRequest(verb::get, "/v1/citizens/079203001234"));
  EXPECT_EQ(second.result_int(), 200) << second.body();
  // A call is recorded once its answer is written; the connection reads its next request only
  // after that, so once a third answer arrives the second call is on record.
  EXPECT_EQ(client.Send(MakeRequest(verb::get, "/healthz")).result_int(), 200);
  EXPECT_NE(gateway_.registry().Render().find(
                "protocol=\"rest\",client=\"VN:PROV:79:ONESTOP\",service=\"ndxp.population.v1."
                "PopulationService\",method=\"GetCitizen\",code=\"OK\"} 1"),
            std::string::npos);
}

TEST_F(HttpListenerTest, PipelinedRequestsAreAnsweredInOrder) {
  Start();
  Client client(listener_->port());
  std::ostringstream both;
  both << MakeRequest(verb::get, "/healthz", "", "", "") << GetCitizen();
  client.WriteRaw(both.str());
  EXPECT_EQ(client.Read().body(), "ok\n");
  EXPECT_EQ(client.Read()[beast_http::field::content_type], "application/json");
}

TEST_F(HttpListenerTest, OversizeBodyIs413AndTheConnectionCloses) {
  gateway_.limits().max_request_bytes = 1024;
  Start();
  Client client(listener_->port());
  auto request = GetCitizen();
  request.body() = std::string(100000, 'a');
  request.prepare_payload();
  std::ostringstream header;
  header << request.base();
  client.WriteRaw(header.str());  // the header alone: the server must not wait for the body
  Response response = client.Read();
  EXPECT_EQ(response.result_int(), 413);
  EXPECT_FALSE(response.keep_alive());
  EXPECT_TRUE(client.Closed());
  EXPECT_NE(gateway_.registry().Render().find(
                "limit_rejections_total{protocol=\"connect\",limit=\"max_request_bytes\"} 1"),
            std::string::npos);
}

TEST_F(HttpListenerTest, OversizeHeadersAre431) {
  gateway_.limits().max_header_bytes = 1024;
  Start();
  Client client(listener_->port());
  auto request = MakeRequest(verb::get, "/healthz");
  request.set("x-big", std::string(4000, 'b'));
  client.Write(request);
  Response response = client.Read();
  EXPECT_EQ(response.result_int(), 431);
  EXPECT_TRUE(client.Closed());
}

TEST_F(HttpListenerTest, MalformedRequestIs400AndTheConnectionCloses) {
  Start();
  Client client(listener_->port());
  client.WriteRaw("GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n");
  Response response = client.Read();
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_TRUE(client.Closed());
}

// Request smuggling shapes and other framing RFC 9112 refuses: the status, then the connection
// closes, and the bytes after the header are never read as a request.
TEST_F(HttpListenerTest, AmbiguousFramingIsRefusedAndTheConnectionCloses) {
  Start();
  const std::string smuggled = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::pair<std::string, int> cases[] = {
      {"POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n", 400},
      {"POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 400},
      {"POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501},
      {"POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
       "Content-Length: 3\r\n\r\n",
       400},
      {"GET /healthz HTTP/1.1\r\n\r\n", 400},
      {"GET /healthz HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400},
      {"GET http://x/healthz HTTP/1.1\r\nHost: x\r\n\r\n", 400},
      {"GET /healthz HTTP/1.2\r\nHost: x\r\n\r\n", 505},
      {"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n", 400},  // obs-fold
      {"GET /healthz HTTP/1.1\r\nHost: x\rX-A: b\r\n\r\n", 400},          // bare CR
      {"GET /healthz HTTP/1.1\nHost: x\n\n", 400},                         // bare LF
      {"POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nA",
       400},
  };
  for (const auto& [request, status] : cases) {
    Client client(listener_->port());
    client.WriteRaw(request + smuggled);
    boost::system::error_code ec;
    Response response = client.Read(ec);
    ASSERT_FALSE(ec) << request << ": " << ec.message();
    EXPECT_EQ(response.result_int(), status) << request << response.body();
    EXPECT_FALSE(response.keep_alive()) << request;
    EXPECT_TRUE(client.Closed()) << request << ": the smuggled request was answered";
  }
  EXPECT_EQ(gateway_.registry().Render().find("ndxp_gateway_requests_total{protocol=\"rest\","
                                              "client=\"\",service=\"\",method=\"metrics\""),
            std::string::npos);
}

TEST_F(HttpListenerTest, ExpectContinueIsHonoured) {
  Start();
  Client client(listener_->port());
  auto request = GetCitizen();
  request.set(beast_http::field::expect, "100-continue");
  std::ostringstream header;
  header << request.base();
  client.WriteRaw(header.str());
  Response interim = client.Read();
  EXPECT_EQ(interim.result_int(), 100);
  client.WriteRaw(request.body());
  EXPECT_EQ(client.Read().result_int(), 200);
}

TEST_F(HttpListenerTest, IdleConnectionsAreClosed) {
  Start(1, absl::Milliseconds(200));
  Client client(listener_->port());
  EXPECT_EQ(client.Send(MakeRequest(verb::get, "/healthz")).result_int(), 200);
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.Closed());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(4));
}

TEST_F(HttpListenerTest, ShutdownLetsTheRequestInProgressFinish) {
  gateway_.household_delay_ms() = 300;
  Start();
  Client client(listener_->port());
  client.Write(MakeRequest(verb::get, "/v1/households/H26734000123"));
  while (gateway_.households_entered() == 0) std::this_thread::yield();
  Client idle(listener_->port());
  auto start = std::chrono::steady_clock::now();
  listener_->Shutdown(absl::Now() + absl::Seconds(10));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  Response response = client.Read();
  EXPECT_EQ(response.result_int(), 200) << response.body();
  EXPECT_FALSE(response.keep_alive()) << "draining: the connection is not kept";
  EXPECT_TRUE(idle.Closed());
  listener_->Shutdown(absl::Now());  // idempotent
}

TEST_F(HttpListenerTest, ShutdownClosesStalledRequestsAtTheDeadline) {
  Start();
  Client client(listener_->port());
  client.WriteRaw(
      "POST /ndxp.population.v1.PopulationService/GetCitizen HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"personal_id\":");
  // Wait until the server has taken the connection (a request on a second one is answered).
  Client probe(listener_->port());
  EXPECT_EQ(probe.Send(MakeRequest(verb::get, "/healthz")).result_int(), 200);
  auto start = std::chrono::steady_clock::now();
  listener_->Shutdown(absl::Now() + absl::Milliseconds(300));
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_GE(took, std::chrono::milliseconds(250));
  EXPECT_LT(took, std::chrono::seconds(3));
  EXPECT_TRUE(client.Closed());
}

TEST_F(HttpListenerTest, NoNewConnectionsAfterShutdown) {
  Start();
  int port = listener_->port();
  listener_->Shutdown(absl::Now() + absl::Seconds(1));
  asio::io_context ioc;
  tcp::socket socket(ioc);
  boost::system::error_code ec;
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  EXPECT_TRUE(ec);
}

TEST_F(HttpListenerTest, DestructorShutsDown) {
  Start();
  Client client(listener_->port());
  EXPECT_EQ(client.Send(MakeRequest(verb::get, "/healthz")).result_int(), 200);
  listener_.reset();
  EXPECT_TRUE(client.Closed());
}

TEST_F(HttpListenerTest, BadAddressFailsToStart) {
  HttpListenerOptions options{.address = "nonsense", .limits = gateway_.limits()};
  EXPECT_FALSE(HttpListener::Start(options, gateway_.pipeline(), gateway_.state()).ok());
  Start();
  options.address = "127.0.0.1:" + std::to_string(listener_->port());
  EXPECT_FALSE(HttpListener::Start(options, gateway_.pipeline(), gateway_.state()).ok())
      << "port in use";
}

}  // namespace
}  // namespace ndxp::server::http
