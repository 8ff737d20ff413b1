#include "gateway/auth/client_registry.h"

#include <algorithm>

#include <absl/status/status.h>
#include <absl/time/clock.h>
#include <google/protobuf/util/time_util.h>

#include "gateway/auth/client_policy.h"
#include "gateway/config/rate.h"
#include "gateway/config/validate_limits.h"
#include "gateway/core/strings.h"

namespace ndxp::auth {
namespace {

using core::Cat;
namespace v1 = gateway::v1;

absl::string_view AsKey(const Sha256Digest& digest) {
  return absl::string_view(reinterpret_cast<const char*>(digest.data()), digest.size());
}

absl::Status Invalid(std::string_view path, std::string_view problem) {
  return absl::InvalidArgumentError(core::ToAbsl(Cat(path, ": ", problem)));
}

// A client's limits with each burst left out (0) set to its default (config::DefaultBurst), as
// ApplyDefaults sets them for the configuration's clients; the registry file's need it too.
std::shared_ptr<const v1::ClientLimits> WithDefaultBursts(const v1::ClientLimits& given) {
  auto limits = std::make_shared<v1::ClientLimits>(given);
  auto fill = [](auto& l) {
    if (l.rate().empty() || l.burst() != 0) return;
    if (auto rate = config::ParseRate(l.rate()); rate.ok()) l.set_burst(config::DefaultBurst(*rate));
  };
  fill(*limits);
  for (v1::ConnectorLimits& entry : *limits->mutable_connectors()) fill(entry);
  return limits;
}

bool IsClientId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == ':' || c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

absl::Time TimeOf(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

// "file: " before a path into another file than the configuration.
std::string In(const std::string& file, std::string_view path) {
  return file.empty() ? std::string(path) : Cat(file, ": ", path);
}

}  // namespace

std::size_t ClientIndexes::IndexOf(std::string_view id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto [it, fresh] = by_id_.try_emplace(core::ToAbsl(id), by_id_.size());
  return it->second;
}

std::size_t ClientIndexes::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return by_id_.size();
}

absl::StatusOr<std::shared_ptr<const ClientRegistry>> ClientRegistry::Build(
    const RegistryInputs& inputs, const core::RouteTable* routes, ClientIndexes& indexes) {
  std::shared_ptr<ClientRegistry> registry(new ClientRegistry());
  absl::flat_hash_map<std::string, std::string> digest_paths;

  // Every entry with the path that names it in errors, and its successor to check at the end.
  struct Pending {
    const Client* client;
    std::string path;
  };
  std::vector<Pending> added;
  // The connectors limits may name: those of the routes (any, without a route table).
  std::vector<std::string_view> connectors;
  if (routes != nullptr) {
    for (const auto& route : routes->routes()) {
      const std::string_view name = route->connector_name;
      if (std::find(connectors.begin(), connectors.end(), name) == connectors.end()) {
        connectors.push_back(name);
      }
    }
  }
  auto add = [&](const v1::Client& entry, const std::string& path) -> absl::Status {
    if (!IsClientId(entry.id())) {
      return Invalid(Cat(path, ".id"),
                     entry.id().empty()
                         ? std::string("a client needs an id")
                         : Cat("\"", entry.id(), "\": an id is 1 to 64 letters, digits, ':', '-', "
                               "'_' and '.'"));
    }
    if (registry->by_id_.contains(core::ToAbsl(entry.id()))) {
      return Invalid(Cat(path, ".id"), Cat("duplicate id \"", entry.id(), "\""));
    }
    if (!entry.successor().empty() && !entry.retired()) {
      return Invalid(Cat(path, ".successor"), "only a retired client has a successor");
    }
    auto client = std::make_unique<Client>();
    client->id = entry.id();
    client->display_name = entry.display_name();
    client->index = indexes.IndexOf(entry.id());
    client->retired = entry.retired();
    client->successor = entry.successor();
    if (absl::Status s = CompilePolicy(entry, path, routes, *client); !s.ok()) return s;
    if (entry.has_limits()) {
      if (absl::Status s = config::CheckClientLimits(entry.limits(), Cat(path, ".limits"), connectors);
          !s.ok()) {
        return s;
      }
      client->limits = WithDefaultBursts(entry.limits());
    }
    for (int k = 0; k < entry.api_key_sha256_size(); ++k) {
      const std::string key_path = Cat(path, ".api_key_sha256[", k, "]");
      Sha256Digest digest;
      if (!ParseSha256Hex(entry.api_key_sha256(k), digest)) {
        return Invalid(key_path, "expected 64 lowercase hexadecimal characters");
      }
      auto [it, fresh] = digest_paths.try_emplace(std::string(AsKey(digest)), key_path);
      if (!fresh) {
        return Invalid(key_path, Cat("the same digest as ", it->second,
                                     "; every API key belongs to one client"));
      }
      registry->by_digest_.emplace(std::string(AsKey(digest)), client.get());
    }
    registry->by_id_.emplace(client->id, client.get());
    added.push_back({client.get(), path});
    registry->clients_.push_back(std::move(client));
    return absl::OkStatus();
  };

  if (inputs.clients != nullptr) {
    for (int i = 0; i < inputs.clients->size(); ++i) {
      if (auto s = add(inputs.clients->Get(i), Cat("clients[", i, "]")); !s.ok()) return s;
    }
  }
  if (inputs.registry_clients != nullptr) {
    for (int i = 0; i < inputs.registry_clients->size(); ++i) {
      if (auto s = add(inputs.registry_clients->Get(i),
                       In(inputs.registry_path, Cat("clients[", i, "]")));
          !s.ok()) {
        return s;
      }
    }
  }
  for (std::size_t i = 0; i < inputs.built_in.size(); ++i) {
    if (registry->by_id_.contains(core::ToAbsl(inputs.built_in[i].id()))) continue;  // configured
    if (auto s = add(inputs.built_in[i], Cat("built-in client ", inputs.built_in[i].id())); !s.ok()) {
      return s;
    }
  }
  for (const Pending& p : added) {
    if (p.client->successor.empty()) continue;
    const Client* successor = registry->FindClient(p.client->successor);
    if (successor == nullptr) {
      return Invalid(Cat(p.path, ".successor"),
                     Cat("\"", p.client->successor, "\" is not a registered client"));
    }
    if (successor->retired) {
      return Invalid(Cat(p.path, ".successor"),
                     Cat("\"", p.client->successor, "\" is retired too; name the client in force"));
    }
  }

  if (inputs.key_store != nullptr) {
    for (int i = 0; i < inputs.key_store->keys_size(); ++i) {
      const v1::IssuedKey& key = inputs.key_store->keys(i);
      const std::string path = In(inputs.key_store_path, Cat("keys[", i, "]"));
      if (!IsKeyId(key.id())) {
        return Invalid(Cat(path, ".id"), Cat("expected ", kKeyIdLength, " characters of a-z and 0-9"));
      }
      const Client* client = registry->FindClient(key.client());
      if (client == nullptr) {
        return Invalid(Cat(path, ".client"), Cat("\"", key.client(), "\" is not a registered client"));
      }
      IssuedKey issued{client, key.id(), {}};
      if (!ParseSha256Hex(key.sha256(), issued.digest)) {
        return Invalid(Cat(path, ".sha256"), "expected 64 lowercase hexadecimal characters");
      }
      if (key.has_expires()) issued.expires = TimeOf(key.expires());
      if (key.has_revoked()) issued.revoked = TimeOf(key.revoked());
      auto [it, fresh] = digest_paths.try_emplace(std::string(AsKey(issued.digest)), path);
      if (!fresh) {
        return Invalid(Cat(path, ".sha256"), Cat("the same digest as ", it->second));
      }
      if (!registry->by_key_id_.emplace(key.id(), std::move(issued)).second) {
        return Invalid(Cat(path, ".id"), Cat("key id \"", key.id(), "\" is listed twice"));
      }
    }
  }
  return std::shared_ptr<const ClientRegistry>(std::move(registry));
}

ApiKeyMatch ClientRegistry::MatchApiKey(std::optional<std::string_view> key, absl::Time now) const {
  ApiKeyMatch match;
  if (!key.has_value() || key->empty()) return match;  // kMissing
  match.verdict = KeyVerdict::kUnknown;
  if (key->size() > kMaxApiKeyLength) return match;
  const Sha256Digest digest = Sha256(*key);
  if (std::string_view id = KeyIdOf(*key); !id.empty()) {
    auto it = by_key_id_.find(core::ToAbsl(id));
    if (it != by_key_id_.end()) {
    if (!DigestsEqual(it->second.digest, digest)) return match;
    const IssuedKey& issued = it->second;
    match.client = issued.client;
    match.key_id = issued.id;
    if (now >= issued.revoked) {
      match.verdict = KeyVerdict::kRevoked;
      match.when = issued.revoked;
    } else if (now >= issued.expires) {
      match.verdict = KeyVerdict::kExpired;
      match.when = issued.expires;
    } else {
      match.verdict = issued.client->retired ? KeyVerdict::kClientRetired : KeyVerdict::kAccepted;
    }
    return match;
    }
    // An id not in the store: the key may still be configured by its digest.
  }
  auto it = by_digest_.find(AsKey(digest));
  if (it == by_digest_.end()) return match;
  match.client = it->second;
  match.verdict = it->second->retired ? KeyVerdict::kClientRetired : KeyVerdict::kAccepted;
  return match;
}

const Client* ClientRegistry::FindClient(std::string_view id) const {
  auto it = by_id_.find(core::ToAbsl(id));
  return it == by_id_.end() ? nullptr : it->second;
}

}  // namespace ndxp::auth
