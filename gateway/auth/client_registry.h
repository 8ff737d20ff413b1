#pragma once
// Registered clients and API-key authentication.
//
// The authenticator keeps, per client, only the SHA-256 digests of its API keys, in a hash map
// from digest to client: authenticating a call hashes the presented key once and looks it up.
// It is built before serving and read-only afterwards, so Authenticate takes no lock and may run
// on any number of threads at once.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <absl/container/flat_hash_map.h>
#include <absl/status/statusor.h>
#include <google/protobuf/repeated_ptr_field.h>

#include "gateway/core/client.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::auth {

// A registered calling system (index: its slot in per-client arrays).
using Client = core::Client;

// Why authentication failed, as metric label values.
inline constexpr std::string_view kMissingApiKey = "missing_api_key";
inline constexpr std::string_view kInvalidApiKey = "invalid_api_key";

// Keys longer than this are refused without hashing. Generated keys have 48 characters.
inline constexpr std::size_t kMaxApiKeyLength = 256;

struct AuthResult {
  const Client* client = nullptr;   // set on success
  std::string_view failure_reason;  // kMissingApiKey or kInvalidApiKey; empty on success
};

class ApiKeyAuthenticator {
 public:
  ApiKeyAuthenticator() = default;
  ApiKeyAuthenticator(const ApiKeyAuthenticator&) = delete;
  ApiKeyAuthenticator& operator=(const ApiKeyAuthenticator&) = delete;

  // From the configuration's clients, in order (index = position). INVALID_ARGUMENT naming the
  // key (e.g. "clients[1].api_key_sha256[0]") for an empty or repeated id, a malformed digest, or
  // a digest given twice; ValidateConfig reports the same problems first.
  static absl::StatusOr<std::unique_ptr<ApiKeyAuthenticator>> Create(
      const google::protobuf::RepeatedPtrField<ndxp::gateway::v1::Client>& clients);

  // Adds a client (or, for an id already registered, one more key of it), e.g. the embedded
  // default's demo client. A malformed digest or one already registered is ignored: it can never
  // match. Before serving only: not thread-safe, and it may move the clients (pointers returned
  // earlier by Authenticate or FindClient become invalid).
  void AddClient(std::string id, std::string display_name, std::string api_key_sha256);

  // Missing (nullopt or empty): kMissingApiKey. Unknown or too long: kInvalidApiKey.
  AuthResult Authenticate(std::optional<std::string_view> api_key) const;

  // The client with this id, or nullptr.
  const Client* FindClient(std::string_view id) const;

  const std::vector<Client>& clients() const { return clients_; }
  std::size_t key_count() const { return by_digest_.size(); }

 private:
  // Index of the client with `id`, adding it when new.
  std::size_t ClientIndex(std::string id, std::string display_name);

  std::vector<Client> clients_;
  absl::flat_hash_map<std::string, std::size_t> by_id_;
  // Raw 32-byte digest -> index into clients_.
  absl::flat_hash_map<std::string, std::size_t> by_digest_;
};

}  // namespace ndxp::auth
