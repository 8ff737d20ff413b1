#include "gateway/auth/client_registry.h"

#include <absl/status/status.h>

#include "gateway/auth/api_key.h"
#include "gateway/core/strings.h"

namespace ndxp::auth {
namespace {

absl::string_view AsKey(const Sha256Digest& digest) {
  return absl::string_view(reinterpret_cast<const char*>(digest.data()), digest.size());
}

absl::Status Invalid(std::string_view path, std::string_view problem) {
  return absl::InvalidArgumentError(core::ToAbsl(core::Cat(path, ": ", problem)));
}

}  // namespace

absl::StatusOr<std::unique_ptr<ApiKeyAuthenticator>> ApiKeyAuthenticator::Create(
    const google::protobuf::RepeatedPtrField<ndxp::gateway::v1::Client>& clients) {
  auto authenticator = std::make_unique<ApiKeyAuthenticator>();
  for (int i = 0; i < clients.size(); ++i) {
    const auto& client = clients.Get(i);
    const std::string path = core::Cat("clients[", i, "]");
    if (client.id().empty()) return Invalid(core::Cat(path, ".id"), "a client needs an id");
    if (authenticator->by_id_.contains(core::ToAbsl(client.id()))) {
      return Invalid(core::Cat(path, ".id"), core::Cat("duplicate id \"", client.id(), "\""));
    }
    const std::size_t index = authenticator->ClientIndex(client.id(), client.display_name());
    for (int k = 0; k < client.api_key_sha256_size(); ++k) {
      const std::string key_path = core::Cat(path, ".api_key_sha256[", k, "]");
      Sha256Digest digest;
      if (!ParseSha256Hex(client.api_key_sha256(k), digest)) {
        return Invalid(key_path, "expected 64 lowercase hexadecimal characters");
      }
      if (!authenticator->by_digest_.emplace(std::string(AsKey(digest)), index).second) {
        return Invalid(key_path, "duplicate digest; every API key belongs to one client");
      }
    }
  }
  return authenticator;
}

std::size_t ApiKeyAuthenticator::ClientIndex(std::string id, std::string display_name) {
  auto [it, fresh] = by_id_.try_emplace(core::ToAbsl(id), clients_.size());
  if (fresh) {
    clients_.push_back(Client{std::move(id), std::move(display_name), clients_.size()});
  }
  return it->second;
}

void ApiKeyAuthenticator::AddClient(std::string id, std::string display_name,
                                    std::string api_key_sha256) {
  const std::size_t index = ClientIndex(std::move(id), std::move(display_name));
  Sha256Digest digest;
  if (ParseSha256Hex(api_key_sha256, digest)) {
    by_digest_.emplace(std::string(AsKey(digest)), index);
  }
}

AuthResult ApiKeyAuthenticator::Authenticate(std::optional<std::string_view> api_key) const {
  if (!api_key.has_value() || api_key->empty()) return {nullptr, kMissingApiKey};
  if (api_key->size() > kMaxApiKeyLength) return {nullptr, kInvalidApiKey};
  const Sha256Digest digest = Sha256(*api_key);
  auto it = by_digest_.find(AsKey(digest));
  if (it == by_digest_.end()) return {nullptr, kInvalidApiKey};
  return {&clients_[it->second], {}};
}

const Client* ApiKeyAuthenticator::FindClient(std::string_view id) const {
  auto it = by_id_.find(core::ToAbsl(id));
  return it == by_id_.end() ? nullptr : &clients_[it->second];
}

}  // namespace ndxp::auth
