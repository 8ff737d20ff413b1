#pragma once
// Where the client registry comes from, and its reload: the configuration's `clients`, the files
// named by `client_registry` and `key_store`, and built-in clients, made into a ClientRegistry
// snapshot at start and again whenever one of the files changes (checked every
// kReloadCheckInterval by a background thread, by modification time, size and inode). A reload
// that fails (a file that does not parse or validate) keeps the snapshot in force, logs the
// error and counts it in ndxp_gateway_reloads_total{file,result}; calls never wait for a reload.
//
// Current() is lock-free for readers in effect (one atomic shared_ptr load); a call keeps the
// snapshot it was identified with alive until it ends (CallContext::client_owner).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <absl/status/statusor.h>

#include "gateway/auth/client_registry.h"
#include "gateway/auth/watched_file.h"
#include "gateway/core/route_table.h"
#include "gateway/metrics/registry.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::auth {

inline constexpr std::chrono::milliseconds kReloadCheckInterval{500};

// Reads a key store file. A file that does not exist is an empty store (keys are issued into it
// later); one that exists but does not parse is an error naming the file and the key.
absl::StatusOr<gateway::v1::KeyStore> ReadKeyStore(const std::string& path);
// Reads a client registry file (a YAML map with one key, `clients`).
absl::StatusOr<gateway::v1::GatewayConfig> ReadClientRegistry(const std::string& path);

class RegistrySource {
 public:
  // Loads the first snapshot (errors name the file and the entry). `routes` may be null (checks
  // without a gateway) and must otherwise outlive the source. `metrics` may be null.
  static absl::StatusOr<std::unique_ptr<RegistrySource>> Open(
      const gateway::v1::GatewayConfig& config, std::vector<gateway::v1::Client> built_in,
      const core::RouteTable* routes, metrics::Registry* metrics);
  ~RegistrySource();

  std::shared_ptr<const ClientRegistry> Current() const { return current_.load(std::memory_order_acquire); }
  ClientIndexes& indexes() { return indexes_; }

  // ndxp_gateway_reloads_total, for the other files checked on this thread (null without metrics).
  metrics::Family<metrics::Counter>* reloads() const { return reloads_; }
  // Another file to check on the same thread (the JWKS): `check` reloads it when it changed.
  void AlsoCheck(std::function<void()> check) { also_check_.push_back(std::move(check)); }
  // Starts the background thread that reloads on change (no-op when nothing is watched).
  void StartWatching();
  // Checks the files now and reloads when one changed; returns the reload's result (OK when
  // nothing changed). For tests and the watch thread.
  absl::Status CheckNow();

 private:
  RegistrySource() = default;
  absl::StatusOr<std::shared_ptr<const ClientRegistry>> Load();
  void CountReload(const std::string& label, bool ok);

  gateway::v1::GatewayConfig config_;  // the clients and the two paths only
  std::vector<gateway::v1::Client> built_in_;
  const core::RouteTable* routes_ = nullptr;
  metrics::Family<metrics::Counter>* reloads_ = nullptr;
  ClientIndexes indexes_;
  std::atomic<std::shared_ptr<const ClientRegistry>> current_;
  std::vector<WatchedFile> files_;  // "client_registry", "key_store"
  std::vector<std::function<void()>> also_check_;

  std::mutex check_mutex_;  // one check at a time (the watch thread, tests)
  std::mutex mutex_;        // stop_
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread watcher_;
};

}  // namespace ndxp::auth
