#include "gateway/auth/token_cache.h"

#include <absl/hash/hash.h>

namespace ndxp::auth {

TokenCache::TokenCache(std::size_t capacity)
    : per_shard_(capacity / kShards > 0 ? capacity / kShards : 1) {}

TokenCache::Shard& TokenCache::ShardFor(std::string_view token) const {
  // The signature (the token's last bytes) is what differs between tokens: hash all of it.
  return shards_[absl::HashOf(absl::string_view(token.data(), token.size())) % kShards];
}

std::shared_ptr<const jwt::VerifiedToken> TokenCache::Find(std::string_view token,
                                                           std::uint64_t generation,
                                                           absl::Time now) const {
  Shard& shard = ShardFor(token);
  std::lock_guard<std::mutex> lock(shard.mutex);
  auto it = shard.entries.find(absl::string_view(token.data(), token.size()));
  if (it == shard.entries.end()) return nullptr;
  if (it->second.generation != generation || now >= it->second.valid_until) {
    shard.entries.erase(it);
    return nullptr;
  }
  return it->second.verified;
}

void TokenCache::Insert(std::string_view token, std::uint64_t generation, absl::Time valid_until,
                        std::shared_ptr<const jwt::VerifiedToken> verified) {
  Shard& shard = ShardFor(token);
  std::lock_guard<std::mutex> lock(shard.mutex);
  if (shard.entries.size() >= per_shard_) shard.entries.clear();
  shard.entries.insert_or_assign(std::string(token),
                                 Entry{generation, valid_until, std::move(verified)});
}

}  // namespace ndxp::auth
