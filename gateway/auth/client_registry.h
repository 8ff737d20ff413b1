#pragma once
// The client registry: every registered calling system with its credentials (API-key digests,
// issued keys with their expiry and revocation) and its policy (methods with response field
// masks, purposes, provinces), compiled against the route table.
//
// A registry is an immutable snapshot, built at start and again whenever one of its files changes
// (see registry_source.h), so lookups take no lock and may run on any number of threads at once.
// Client indexes come from a ClientIndexes shared by every snapshot of the process, so that an id
// keeps its index (and its per-client metric series) across reloads.

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <absl/container/flat_hash_map.h>
#include <absl/status/statusor.h>
#include <absl/time/time.h>
#include <google/protobuf/repeated_ptr_field.h>

#include "gateway/auth/api_key.h"
#include "gateway/core/client.h"
#include "gateway/core/route_table.h"
#include "ndxp/gateway/v1/config.pb.h"
#include "ndxp/gateway/v1/key_store.pb.h"

namespace ndxp::auth {

using Client = core::Client;

// Keys longer than this are refused without hashing. Generated keys have 48 or 61 characters.
inline constexpr std::size_t kMaxApiKeyLength = 256;

// What an API key was found to be.
enum class KeyVerdict {
  kAccepted,
  kMissing,        // no key, or an empty one
  kUnknown,        // no registered key has this digest (or too long to be one)
  kExpired,        // an issued key past its expiry
  kRevoked,        // an issued key that was revoked
  kClientRetired,  // a valid key of a retired client
};

struct ApiKeyMatch {
  KeyVerdict verdict = KeyVerdict::kMissing;
  // The key's client: set for every verdict but kMissing and kUnknown.
  const Client* client = nullptr;
  // The issued key's id (empty for keys configured by digest), and when it expired or was
  // revoked.
  std::string_view key_id;
  absl::Time when = absl::InfinitePast();
};

// Dense indexes per client id, kept for the process's life. Thread-safe.
class ClientIndexes {
 public:
  std::size_t IndexOf(std::string_view id);
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  absl::flat_hash_map<std::string, std::size_t> by_id_;
};

// Where a registry's entries come from.
struct RegistryInputs {
  // The configuration's `clients` (error paths "clients[i]...").
  const google::protobuf::RepeatedPtrField<gateway::v1::Client>* clients = nullptr;
  // The client registry file's `clients` (error paths "<file>: clients[i]..."), if any.
  const google::protobuf::RepeatedPtrField<gateway::v1::Client>* registry_clients = nullptr;
  std::string registry_path;
  // The key store's keys, if any (error paths "<file>: keys[i]...").
  const gateway::v1::KeyStore* key_store = nullptr;
  std::string key_store_path;
  // Clients the process adds itself (the embedded default's demo client).
  std::vector<gateway::v1::Client> built_in;
};

class ClientRegistry {
 public:
  // INVALID_ARGUMENT naming the entry and what is wrong with it: an empty, malformed or repeated
  // id; a malformed or repeated digest; a malformed method pattern, purpose or province; a field
  // mask on a pattern that is not one method, or naming a field the response does not have; a
  // successor that is not registered; limits that config::CheckClientLimits refuses (connectors
  // checked against the routes' when there are routes); an issued key of an unknown client, with
  // a malformed id or digest, or given twice. Each client's limits are kept with their bursts
  // defaulted (core::Client::limits). `routes` may be null (checking a file without a gateway): policies are
  // then checked for form only.
  static absl::StatusOr<std::shared_ptr<const ClientRegistry>> Build(const RegistryInputs& inputs,
                                                                     const core::RouteTable* routes,
                                                                     ClientIndexes& indexes);

  // What the presented key is, at `now`. Issued keys are found by key id and compared in
  // constant time; keys without an id by their digest.
  ApiKeyMatch MatchApiKey(std::optional<std::string_view> key, absl::Time now) const;

  // The client with this id (retired ones too), or nullptr.
  const Client* FindClient(std::string_view id) const;

  const std::vector<std::unique_ptr<Client>>& clients() const { return clients_; }
  std::size_t key_count() const { return by_digest_.size() + by_key_id_.size(); }

 private:
  struct IssuedKey {
    const Client* client;
    std::string id;
    Sha256Digest digest;
    absl::Time expires = absl::InfiniteFuture();
    absl::Time revoked = absl::InfiniteFuture();
  };
  ClientRegistry() = default;

  std::vector<std::unique_ptr<Client>> clients_;
  absl::flat_hash_map<std::string, const Client*> by_id_;
  // Raw 32-byte digest -> client, for keys configured by digest.
  absl::flat_hash_map<std::string, const Client*> by_digest_;
  absl::flat_hash_map<std::string, IssuedKey> by_key_id_;
};

}  // namespace ndxp::auth
