#include "tests/integration/thirdparty/gateway_fixture.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/integration/grpc_fixture.h"

extern char** environ;

namespace ndxp::example {
namespace {

// At least 32 bytes, as upstream_identity.key_file requires.
constexpr const char* kIdentityKey =
    "thirdparty-test-caller-assertion-key-0123456789abcdef0123456789abcdef\n";

int RemainingMillis(std::chrono::steady_clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

}  // namespace

std::string DescriptorSetPath() { return NDXP_EXAMPLE_DESCRIPTOR_SET; }
std::string ExampleServerBinary() { return NDXP_EXAMPLE_SERVER_BINARY; }
std::string BufBinary() { return NDXP_BUF_BINARY; }

std::string MakeTempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "ndxp-3p-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) return "";
  return pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool WriteWholeFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  return out.good();
}

std::string ExampleUpstreamYaml(int port, const std::string& set_path,
                                const std::string& key_file) {
  std::string yaml =
      "connectors:\n"
      "  - name: business\n"
      "    scale: 200\n"
      "upstreams:\n"
      "  - service: example.v1.LookupService\n"
      "    endpoints: [\"127.0.0.1:" +
      std::to_string(port) +
      "\"]\n"
      "    descriptor_set: \"" +
      set_path + "\"\n";
  if (!key_file.empty()) yaml += "upstream_identity:\n  key_file: \"" + key_file + "\"\n";
  return yaml;
}

ThirdPartyGateway::ThirdPartyGateway(bool with_identity_key) : dir_(MakeTempDir()) {
  example_ = std::make_unique<ExampleProcess>(ExampleServerBinary());
  if (example_->WaitUntilListening() == 0) {
    error_ = "example server did not start: " + example_->output();
    return;
  }
  std::string key_file;
  if (with_identity_key) {
    key_file = dir_ + "/caller-assertion.key";
    if (!WriteWholeFile(key_file, kIdentityKey)) {
      error_ = "cannot write " + key_file;
      return;
    }
  }
  std::string config = testing::WriteTestConfig(
      &access_log_, ExampleUpstreamYaml(example_->port(), DescriptorSetPath(), key_file));
  testing::GatewayProcess::Options options;
  options.args = {"--config", config};
  gateway_ = std::make_unique<testing::GatewayProcess>(std::move(options));
  if (!gateway_->WaitUntilListening()) {
    error_ = "gateway did not start: " + gateway_->Stderr();
  }
}

ThirdPartyGateway::~ThirdPartyGateway() {
  gateway_.reset();  // first: it holds connections to the example server
  example_.reset();
  std::error_code ignored;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
}

std::shared_ptr<grpc::Channel> ThirdPartyGateway::Channel() const {
  return grpc::CreateChannel(gateway_->grpc_target(), grpc::InsecureChannelCredentials());
}

std::shared_ptr<grpc::Channel> ThirdPartyGateway::DirectChannel() const {
  return grpc::CreateChannel(example_->target(), grpc::InsecureChannelCredentials());
}

std::string ThirdPartyGateway::grpc_url() const { return "http://" + gateway_->grpc_target(); }
std::string ThirdPartyGateway::http_url() const { return gateway_->http_base(); }

CommandResult RunProcess(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  CommandResult result;
  int fds[2];
  if (argv.empty() || ::pipe2(fds, O_CLOEXEC) != 0) return result;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
  std::vector<std::string> args = argv;
  std::vector<char*> raw;
  for (auto& a : args) raw.push_back(a.data());
  raw.push_back(nullptr);
  pid_t pid = -1;
  // posix_spawnp: curl is found on PATH.
  if (posix_spawnp(&pid, args[0].c_str(), &actions, nullptr, raw.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  bool ended = false;
  while (pid > 0) {
    pollfd p{fds[0], POLLIN, 0};
    int ready = ::poll(&p, 1, RemainingMillis(deadline));
    if (ready <= 0) break;  // the bound passed
    char buffer[4096];
    ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n <= 0) {
      ended = true;
      break;
    }
    result.output.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  if (pid <= 0) return result;
  if (!ended) ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (ended) result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

HttpResult Curl(const std::vector<std::string>& args) {
  static std::atomic<int> counter{0};
  static const TempDir files;  // removed at exit
  const std::string& dir = files.path();
  const std::string n = std::to_string(counter++);
  const std::string body = dir + "/body-" + n;
  const std::string headers = dir + "/headers-" + n;
  std::vector<std::string> argv = {"curl", "-sS", "--max-time", "20", "-o",
                                   body,   "-D",  headers,      "-w", "\n%{http_code}"};
  argv.insert(argv.end(), args.begin(), args.end());
  CommandResult run = RunProcess(argv, std::chrono::seconds(30));
  HttpResult result;
  result.curl_output = run.output;
  auto newline = run.output.rfind('\n');
  if (run.exit_code == 0 && newline != std::string::npos) {
    result.status = std::atoi(run.output.c_str() + newline + 1);
  }
  result.body = ReadWholeFile(body);
  result.headers = ReadWholeFile(headers);
  ::unlink(body.c_str());
  ::unlink(headers.c_str());
  return result;
}

std::string WaitForFileContaining(const std::string& path, const std::string& text,
                                  std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (fd >= 0) ::inotify_add_watch(fd, dir.c_str(), IN_MODIFY | IN_CREATE | IN_CLOSE_WRITE);
  std::string content = ReadWholeFile(path);
  // Watching starts before the first read: a write after the read wakes the poll.
  while (content.find(text) == std::string::npos && fd >= 0) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, RemainingMillis(deadline)) <= 0) break;
    char events[4096];
    while (::read(fd, events, sizeof events) > 0) {
    }
    content = ReadWholeFile(path);
  }
  if (fd >= 0) ::close(fd);
  return content;
}

void ThirdPartyGatewayTest::SetUpTestSuite() {
  schema_ = new DynamicSchema(DescriptorSetPath());
  env_ = new ThirdPartyGateway(/*with_identity_key=*/true);
}

void ThirdPartyGatewayTest::TearDownTestSuite() {
  delete env_;
  env_ = nullptr;
  delete schema_;
  schema_ = nullptr;
}

void ThirdPartyGatewayTest::SetUp() {
  ASSERT_TRUE(schema_->ok()) << schema_->error();
  ASSERT_TRUE(env_->ok()) << env_->error();
}

std::unique_ptr<google::protobuf::Message> ThirdPartyGatewayTest::Json(const std::string& type,
                                                                       const std::string& json) {
  auto message = schema_->FromJson(type, json);
  EXPECT_NE(message, nullptr) << type << " from " << json;
  return message;
}

}  // namespace ndxp::example
