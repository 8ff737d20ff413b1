#include "gateway/auth/registry_source.h"

#include <sys/stat.h>

#include <cerrno>


#include <spdlog/spdlog.h>

#include "gateway/config/config_loader.h"
#include "gateway/config/yaml_mapper.h"
#include "gateway/core/strings.h"

namespace ndxp::auth {
namespace {

namespace v1 = gateway::v1;
using core::Cat;

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::string text;
  if (absl::Status s = config::ReadConfigFile(path, text); !s.ok()) return s;
  return text;
}

}  // namespace

absl::StatusOr<v1::KeyStore> ReadKeyStore(const std::string& path) {
  v1::KeyStore store;
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 && errno == ENOENT) return store;
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  if (auto s = config::ParseYamlInto(*text, path, store); !s.ok()) return s;
  return store;
}

absl::StatusOr<v1::GatewayConfig> ReadClientRegistry(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  v1::GatewayConfig file;
  YAML::Node root;
  if (auto s = config::ParseYamlInto(*text, path, file, root); !s.ok()) return s;
  if (root.IsMap()) {
    for (const auto& entry : root) {
      const std::string key = entry.first.as<std::string>("");
      if (key != "clients") {
        return absl::InvalidArgumentError(core::ToAbsl(
            Cat(path, ": ", key, ": a client registry holds only `clients`",
                config::LocationSuffix(entry.first))));
      }
    }
  }
  return file;
}

absl::StatusOr<std::unique_ptr<RegistrySource>> RegistrySource::Open(
    const v1::GatewayConfig& config, std::vector<v1::Client> built_in,
    const core::RouteTable* routes, metrics::Registry* metrics) {
  std::unique_ptr<RegistrySource> source(new RegistrySource());
  *source->config_.mutable_clients() = config.clients();
  source->config_.set_client_registry(config.client_registry());
  source->config_.set_key_store(config.key_store());
  source->built_in_ = std::move(built_in);
  source->routes_ = routes;
  if (!config.client_registry().empty()) {
    source->files_.emplace_back(config.client_registry(), "client_registry");
  }
  if (!config.key_store().empty()) source->files_.emplace_back(config.key_store(), "key_store");
  if (metrics != nullptr) {
    source->reloads_ = &metrics->AddCounter(
        "ndxp_gateway_reloads_total",
        "Reloads of a file the gateway re-reads when it changes, by file and result.",
        {"file", "result"});
    for (const WatchedFile& file : source->files_) {
      source->reloads_->WithLabels({file.label(), "ok"});
      source->reloads_->WithLabels({file.label(), "error"});
    }
  }
  auto first = source->Load();
  if (!first.ok()) return first.status();
  source->current_.store(*std::move(first), std::memory_order_release);
  return source;
}

RegistrySource::~RegistrySource() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (watcher_.joinable()) watcher_.join();
}

absl::StatusOr<std::shared_ptr<const ClientRegistry>> RegistrySource::Load() {
  RegistryInputs inputs;
  inputs.clients = &config_.clients();
  inputs.built_in = built_in_;
  v1::GatewayConfig registry_file;
  if (!config_.client_registry().empty()) {
    auto read = ReadClientRegistry(config_.client_registry());
    if (!read.ok()) return read.status();
    registry_file = *std::move(read);
    inputs.registry_clients = &registry_file.clients();
    inputs.registry_path = config_.client_registry();
  }
  v1::KeyStore keys;
  if (!config_.key_store().empty()) {
    auto read = ReadKeyStore(config_.key_store());
    if (!read.ok()) return read.status();
    keys = *std::move(read);
    inputs.key_store = &keys;
    inputs.key_store_path = config_.key_store();
  }
  return ClientRegistry::Build(inputs, routes_, indexes_);
}

void RegistrySource::CountReload(const std::string& label, bool ok) {
  if (reloads_ != nullptr) reloads_->WithLabels({label, ok ? "ok" : "error"}).Inc();
}

absl::Status RegistrySource::CheckNow() {
  std::lock_guard<std::mutex> check(check_mutex_);
  std::string changed;
  for (WatchedFile& file : files_) {
    if (file.Changed()) {
      if (!changed.empty()) changed += ",";
      changed += file.label();
    }
  }
  if (changed.empty()) return absl::OkStatus();
  auto next = Load();
  for (const WatchedFile& file : files_) {
    if (changed.find(file.label()) != std::string::npos) CountReload(file.label(), next.ok());
  }
  if (!next.ok()) {
    spdlog::error("reload of {} failed; the registry in force stays: {}", changed,
                  std::string(next.status().message()));
    return next.status();
  }
  const std::size_t clients = (*next)->clients().size();
  const std::size_t keys = (*next)->key_count();
  current_.store(*std::move(next), std::memory_order_release);
  spdlog::info("reloaded {}: {} clients, {} keys", changed, clients, keys);
  return absl::OkStatus();
}

void RegistrySource::StartWatching() {
  if ((files_.empty() && also_check_.empty()) || watcher_.joinable()) return;
  watcher_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!wake_.wait_for(lock, kReloadCheckInterval, [this] { return stop_; })) {
      lock.unlock();
      (void)CheckNow();
      for (const auto& check : also_check_) check();
      lock.lock();
    }
  });
}

}  // namespace ndxp::auth
