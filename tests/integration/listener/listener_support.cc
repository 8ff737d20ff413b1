#include "tests/integration/listener/listener_support.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <grpcpp/support/channel_arguments.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "tests/integration/support/file_watch.h"

namespace ndxp::testing {

StartedGateway StartGateway(const std::string& sections, AccessLogTo to, bool unread_stdout) {
  StartedGateway out;
  out.config_path = WriteGatewayConfig(sections, to, &out.access_log);
  GatewayProcess::Options options;
  options.args = {"--config", out.config_path};
  options.unread_stdout = unread_stdout;
  out.process = std::make_unique<GatewayProcess>(std::move(options));
  return out;
}

std::shared_ptr<grpc::Channel> OwnChannel(const std::string& target) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
}

std::vector<std::string> SampleIdsFor(const std::string& config_path, const std::string& connector,
                                      int count) {
  std::string out;
  int rc = RunCommand({CtlBinary(), "data", "sample", "--config", config_path, "--connector",
                       connector, "--count", std::to_string(count)},
                      &out);
  std::vector<std::string> ids;
  if (rc != 0) return ids;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) ids.push_back(line);
  }
  return ids;
}

HttpResult HttpGet(int port, const std::string& path) {
  HttpResult result;
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return result;
  timeval timeout{.tv_sec = 5, .tv_usec = 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string request =
      "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  std::string response;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
    char buf[16384];
    for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) response.append(buf, static_cast<std::size_t>(n));
  }
  close(fd);
  // "HTTP/1.1 200 OK\r\n...\r\n\r\nbody" (the listener answers /metrics and probes unchunked).
  if (response.rfind("HTTP/1.1 ", 0) != 0 || response.size() < 12) return result;
  result.status = std::stoi(response.substr(9, 3));
  auto body = response.find("\r\n\r\n");
  if (body != std::string::npos) result.body = response.substr(body + 4);
  return result;
}

double MetricValue(const std::string& exposition, const std::string& series) {
  std::istringstream lines(exposition);
  for (std::string line; std::getline(lines, line);) {
    if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 &&
        line[series.size()] == ' ') {
      return std::stod(line.substr(series.size() + 1));
    }
  }
  return 0;
}

double ScrapeMetric(int http_port, const std::string& series) {
  return MetricValue(HttpGet(http_port, "/metrics").body, series);
}

std::string GrpcRequestsSeries(const std::string& client, const std::string& service,
                               const std::string& method, const std::string& code) {
  return "ndxp_gateway_requests_total{protocol=\"grpc\",client=\"" + client + "\",service=\"" +
         service + "\",method=\"" + method + "\",code=\"" + code + "\"}";
}

double MetricReaching(int http_port, const std::string& series, double value, int attempts) {
  double seen = 0;
  for (int i = 0; i < attempts; ++i) {
    seen = ScrapeMetric(http_port, series);
    if (seen >= value) break;
  }
  return seen;
}

std::string WaitForAccessLine(const std::string& access_log, const std::string& request_id,
                              std::chrono::milliseconds timeout) {
  return WaitForLineWith(access_log, {"\"request_id\":\"" + request_id + "\""}, timeout);
}

namespace {

bool ParseDetails(const grpc::Status& status, google::rpc::Status* out) {
  return !status.error_details().empty() && out->ParseFromString(status.error_details());
}

}  // namespace

std::vector<std::string> DetailTypes(const grpc::Status& status) {
  std::vector<std::string> types;
  google::rpc::Status details;
  if (!ParseDetails(status, &details)) return types;
  for (const auto& any : details.details()) types.push_back(any.type_url());
  return types;
}

std::string ServerHeader(const grpc::ClientContext& ctx, const std::string& name) {
  const auto& md = ctx.GetServerInitialMetadata();
  auto it = md.find(name);
  return it == md.end() ? "" : std::string(it->second.data(), it->second.size());
}

std::int64_t ResidentBytes(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/statm");
  std::int64_t size = 0, resident = -1;
  if (!(in >> size >> resident)) return -1;
  return resident * sysconf(_SC_PAGESIZE);
}

std::unique_ptr<grpc::ClientContext> CallContext(const std::string& request_id,
                                                 std::chrono::milliseconds in) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->AddMetadata("x-api-key", kTestApiKey);
  ctx->AddMetadata("x-ndxp-purpose", "administrative-procedure");
  if (!request_id.empty()) ctx->AddMetadata("x-request-id", request_id);
  ctx->set_deadline(std::chrono::system_clock::now() + in);
  return ctx;
}

Watchdog::Watchdog(grpc::ClientContext* ctx, std::chrono::milliseconds bound)
    : thread_([this, ctx, bound] {
        std::unique_lock<std::mutex> lock(mu_);
        if (!cv_.wait_for(lock, bound, [this] { return done_; })) ctx->TryCancel();
      }) {}

Watchdog::~Watchdog() {
  Done();
  thread_.join();
}

void Watchdog::Done() {
  std::lock_guard<std::mutex> lock(mu_);
  done_ = true;
  cv_.notify_all();
}

}  // namespace ndxp::testing
