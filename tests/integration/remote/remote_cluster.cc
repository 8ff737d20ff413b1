#include "tests/integration/remote/remote_cluster.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

namespace ndxp::testing {
namespace {

std::mutex cluster_mu;
RemoteCluster* cluster = nullptr;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

// Stops the shared processes once every test has run.
class ClusterEnvironment final : public ::testing::Environment {
 public:
  void TearDown() override { RemoteCluster::StopAll(); }
};

[[maybe_unused]] ::testing::Environment* const kEnvironment =
    ::testing::AddGlobalTestEnvironment(new ClusterEnvironment);

// Decodes an HTTP/1.1 chunked body.
std::string Dechunk(const std::string& body) {
  std::string out;
  std::size_t at = 0;
  while (at < body.size()) {
    std::size_t eol = body.find("\r\n", at);
    if (eol == std::string::npos) break;
    std::size_t size = std::stoul(body.substr(at, eol - at), nullptr, 16);
    if (size == 0) break;
    out.append(body, eol + 2, size);
    at = eol + 2 + size + 2;
  }
  return out;
}

}  // namespace

RemoteCluster& RemoteCluster::Get() {
  std::lock_guard<std::mutex> lock(cluster_mu);
  if (cluster == nullptr) cluster = new RemoteCluster();
  return *cluster;
}

void RemoteCluster::StopAll() {
  std::lock_guard<std::mutex> lock(cluster_mu);
  if (cluster == nullptr) return;
  // Gateways first (their upstreams then see the connections close), all signalled at once so
  // that their drains overlap; each destructor then waits for its process (bounded).
  auto stop = [](std::vector<std::unique_ptr<Started>*> group) {
    for (auto* slot : group) {
      if (*slot) (*slot)->process->Signal(SIGTERM);
    }
    for (auto* slot : group) slot->reset();
  };
  stop({&cluster->remote_, &cluster->inprocess_, &cluster->mixed_, &cluster->timeout_});
  stop({&cluster->connectors_[0], &cluster->connectors_[1]});
  cluster->example_.reset();
  std::filesystem::remove_all(cluster->dir_);
  delete cluster;
  cluster = nullptr;
}

RemoteCluster::RemoteCluster() {
  std::random_device random;
  dir_ = (std::filesystem::temp_directory_path() /
          ("ndxp-remote-it-" + std::to_string(::getpid()) + "-" + std::to_string(random())))
             .string();
  std::filesystem::create_directories(dir_);
  key_file_ = dir_ + "/upstream.key";
  std::ofstream key(key_file_);
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = 0; i < 64; ++i) key << kHex[random() % 16];  // 64 bytes of secret
  key << "\n";
}

Started* RemoteCluster::Keep(std::unique_ptr<Started>& slot, const char* what,
                             const std::function<std::unique_ptr<Started>()>& start) {
  if (slot == nullptr) {
    slot = start();
    if (slot == nullptr || !slot->process->WaitUntilListening()) {
      ADD_FAILURE() << what << " did not start: "
                    << (slot ? slot->process->Stderr() : std::string("(no process)"));
      slot.reset();
    }
  }
  return slot.get();
}

std::string RemoteCluster::WriteConnectorConfig(const std::string& name,
                                                std::string* access_log) const {
  *access_log = dir_ + "/" + name + ".access.log";
  std::string path = dir_ + "/" + name + ".yaml";
  std::ofstream out(path);
  out << "upstream_identity:\n  key_file: " << Quoted(key_file_) << "\n"
      << "access_log:\n  path: " << Quoted(*access_log) << "\n"
      << "shutdown:\n  drain_timeout: 2s\n";
  return path;
}

std::unique_ptr<Started> RemoteCluster::StartConnector(const std::string& name, bool http) const {
  auto started = std::make_unique<Started>();
  started->config = WriteConnectorConfig(name, &started->access_log);
  std::vector<std::string> extra = {"--config", started->config};
  if (http) extra.insert(extra.end(), {"--http-listen", "127.0.0.1:0"});
  started->process =
      std::make_unique<GatewayProcess>(ConnectorOptions("population,business", extra));
  return started;
}

std::unique_ptr<Started> RemoteCluster::StartGateway(const std::string& extra_yaml) const {
  auto started = std::make_unique<Started>();
  started->config =
      WriteTestConfig(&started->access_log,
                      "upstream_identity:\n  key_file: " + Quoted(key_file_) + "\n" + extra_yaml);
  GatewayProcess::Options options;
  options.args = {"--config", started->config};
  started->process = std::make_unique<GatewayProcess>(std::move(options));
  return started;
}

Started* RemoteCluster::connector(int index) {
  return Keep(connectors_[index], index == 0 ? "connector 0" : "connector 1",
              [&] { return StartConnector("connector" + std::to_string(index), index == 0); });
}

ExampleServerProcess* RemoteCluster::example() {
  if (example_ == nullptr) {
    example_ = std::make_unique<ExampleServerProcess>();
    if (!example_->WaitUntilListening()) {
      ADD_FAILURE() << "the example server did not start: " << example_->Stderr();
      example_.reset();
    }
  }
  return example_.get();
}

Started* RemoteCluster::remote() {
  Started* c0 = connector(0);
  Started* c1 = connector(1);
  ExampleServerProcess* ex = example();
  if (c0 == nullptr || c1 == nullptr || ex == nullptr) return nullptr;
  std::vector<std::string> both = {c0->process->grpc_target(), c1->process->grpc_target()};
  return Keep(remote_, "the remote gateway", [&] {
    return StartGateway(
        // No connectors key: every built-in not served by an upstream, here none.
        "upstreams:\n" + UpstreamYaml(kPopulationService, both, "    balancing: least_request\n") +
        UpstreamYaml(kBusinessService, both) +
        UpstreamYaml(kLookupService, {ex->target()},
                     "    descriptor_set: " + Quoted(NDXP_EXAMPLE_DESCRIPTOR_SET) + "\n"));
  });
}

Started* RemoteCluster::inprocess() {
  return Keep(inprocess_, "the in-process gateway", [&] { return StartGateway(""); });
}

Started* RemoteCluster::mixed() {
  Started* c0 = connector(0);
  Started* c1 = connector(1);
  ExampleServerProcess* ex = example();
  if (c0 == nullptr || c1 == nullptr || ex == nullptr) return nullptr;
  std::vector<std::string> both = {c0->process->grpc_target(), c1->process->grpc_target()};
  return Keep(mixed_, "the mixed gateway", [&] {
    return StartGateway(
        "connectors:\n  - name: business\n"
        "upstreams:\n" +
        UpstreamYaml(kPopulationService, both) +
        UpstreamYaml(kLookupService, {ex->target()},
                     "    descriptor_set: " + Quoted(NDXP_EXAMPLE_DESCRIPTOR_SET) + "\n"));
  });
}

Started* RemoteCluster::timeout() {
  ExampleServerProcess* ex = example();
  if (ex == nullptr) return nullptr;
  return Keep(timeout_, "the timeout gateway", [&] {
    return StartGateway("upstreams:\n" +
                        UpstreamYaml(kLookupService, {ex->target()},
                                     "    descriptor_set: " + Quoted(NDXP_EXAMPLE_DESCRIPTOR_SET) +
                                         "\n    timeout: 1s\n"));
  });
}

std::string UpstreamYaml(const std::string& service, const std::vector<std::string>& endpoints,
                         const std::string& extra_keys) {
  std::string out = "  - service: " + service + "\n    endpoints: [";
  for (std::size_t i = 0; i < endpoints.size(); ++i) {
    out += (i == 0 ? "" : ", ") + Quoted(endpoints[i]);
  }
  return out + "]\n" + extra_keys;
}

std::shared_ptr<grpc::Channel> ChannelTo(const GatewayProcess& process) {
  return ChannelTo(process.grpc_target());
}

std::shared_ptr<grpc::Channel> ChannelTo(const std::string& target) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  // A channel of its own per call site: no connection shared between tests.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
}

std::string HttpGet(int port, const std::string& path, std::chrono::milliseconds timeout) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return "";
  timeval tv{.tv_sec = static_cast<time_t>(timeout.count() / 1000),
             .tv_usec = static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string response;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    std::string request =
        "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
        static_cast<ssize_t>(request.size())) {
      char buf[16384];
      for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) response.append(buf, n);
    }
  }
  close(fd);
  std::size_t end = response.find("\r\n\r\n");
  if (response.rfind("HTTP/1.1 200", 0) != 0 || end == std::string::npos) return "";
  std::string head = response.substr(0, end);
  std::string body = response.substr(end + 4);
  std::transform(head.begin(), head.end(), head.begin(), ::tolower);
  return head.find("transfer-encoding: chunked") != std::string::npos ? Dechunk(body) : body;
}

double MetricSum(const std::string& exposition, const std::string& name,
                 const std::vector<std::string>& labels) {
  double sum = 0;
  std::istringstream lines(exposition);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#' || line.rfind(name, 0) != 0) continue;
    std::size_t after = name.size();
    if (after >= line.size() || (line[after] != '{' && line[after] != ' ')) continue;
    std::string label_text;
    std::size_t value_at = after + 1;
    if (line[after] == '{') {
      std::size_t close = line.rfind('}');
      if (close == std::string::npos) continue;
      label_text = line.substr(after, close - after + 1);
      value_at = close + 2;
    }
    bool all = true;
    for (const auto& l : labels) all = all && label_text.find(l) != std::string::npos;
    if (all && value_at < line.size()) sum += std::stod(line.substr(value_at));
  }
  return sum;
}

std::string WaitForLine(const std::vector<std::string>& paths, const std::string& needle,
                        std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  std::set<std::string> dirs;
  for (const auto& p : paths) dirs.insert(std::filesystem::path(p).parent_path().string());
  for (const auto& d : dirs) {
    inotify_add_watch(fd, d.c_str(), IN_MODIFY | IN_CREATE | IN_CLOSE_WRITE | IN_MOVED_TO);
  }
  std::string found;
  for (;;) {
    // Watches are set before reading: a write between the read and the poll wakes the poll.
    for (const auto& p : paths) {
      std::istringstream lines(ReadFile(p));
      for (std::string line; found.empty() && std::getline(lines, line);) {
        if (line.find(needle) != std::string::npos) found = line;
      }
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (!found.empty() || left.count() <= 0 || fd < 0) break;
    pollfd pfd{.fd = fd, .events = POLLIN, .revents = 0};
    if (poll(&pfd, 1, static_cast<int>(left.count())) > 0) {
      char events[4096];
      while (read(fd, events, sizeof events) > 0) {
      }
    }
  }
  if (fd >= 0) close(fd);
  return found;
}

std::string JsonField(const std::string& line, const std::string& name) {
  std::smatch m;
  std::regex re("\"" + name + "\":\"([^\"]*)\"");
  return std::regex_search(line, m, re) ? m[1].str() : "";
}

}  // namespace ndxp::testing
