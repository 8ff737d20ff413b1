// `ndxpctl keys create|list|revoke --config FILE`: API keys issued into the key store that the
// gateway configuration names (`key_store:`). The store holds digests only; a new key is printed
// once. Writes are atomic (a temporary file renamed over the store, under an exclusive lock on
// "<store>.lock"), so a running gateway, which re-reads the store when it changes, never sees a
// half-written file.

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include <absl/time/clock.h>
#include <absl/time/time.h>
#include <google/protobuf/util/time_util.h>

#include "gateway/auth/api_key.h"
#include "gateway/auth/registry_source.h"
#include "gateway/config/config_loader.h"
#include "gateway/config/yaml_emitter.h"
#include "gateway/core/strings.h"
#include "gateway/ctl/commands.h"

namespace ndxp::ctl {
namespace {

namespace v1 = gateway::v1;
using core::Cat;
using google::protobuf::util::TimeUtil;

struct KeysOptions {
  std::string config_path;
  std::string client_id;
  std::string expires;  // YYYY-MM-DD or RFC 3339
  std::string key_id;
};

int Fail(std::string_view command, std::string_view message) {
  std::cerr << "ndxpctl keys " << command << ": " << message << "\n";
  return kExitFailure;
}

// The configuration's key store path and its registered clients, or an error message.
struct Setup {
  v1::GatewayConfig config;
  std::string store_path;
  std::shared_ptr<const auth::ClientRegistry> clients;
};

absl::StatusOr<Setup> LoadSetup(const std::string& config_path) {
  auto config = config::LoadConfigFile(config_path);
  if (!config.ok()) return config.status();
  Setup setup;
  setup.config = *std::move(config);
  if (setup.config.key_store().empty()) {
    return absl::FailedPreconditionError(core::ToAbsl(
        Cat(config_path, ": key_store: not set; name the key store file there, e.g. key_store: "
                         "/var/lib/ndxp/keys.yaml")));
  }
  setup.store_path = setup.config.key_store();
  auto source = auth::RegistrySource::Open(setup.config, {}, nullptr, nullptr);
  if (!source.ok()) return source.status();
  setup.clients = (*source)->Current();
  return setup;
}

// An exclusive lock on "<store>.lock" for the life of the object.
class StoreLock {
 public:
  explicit StoreLock(const std::string& store_path) {
    fd_ = ::open((store_path + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ >= 0 && ::flock(fd_, LOCK_EX) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~StoreLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

absl::Status WriteStore(const std::string& path, const v1::KeyStore& store) {
  const std::string temp = path + ".tmp";
  {
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
      return absl::InternalError(core::ToAbsl(Cat(temp, ": cannot be written: ", std::strerror(errno))));
    }
    const std::string text = Cat(
        "# Key store of ndxp-gateway: written by `ndxpctl keys`, holds digests only.\n",
        config::MessageToYaml(store));
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                         ::fsync(fd) == 0;
    ::close(fd);
    if (!written) return absl::InternalError(core::ToAbsl(Cat(temp, ": write failed")));
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    return absl::InternalError(core::ToAbsl(Cat(path, ": rename failed: ", std::strerror(errno))));
  }
  return absl::OkStatus();
}

// "2026-12-31" (the end of that day, UTC) or an RFC 3339 time.
bool ParseExpiry(const std::string& text, absl::Time& out) {
  std::string error;
  if (absl::ParseTime("%Y-%m-%d", text, absl::UTCTimeZone(), &out, &error)) {
    out += absl::Hours(24);
    return true;
  }
  return absl::ParseTime(absl::RFC3339_full, text, &out, &error);
}

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  return TimeUtil::SecondsToTimestamp(absl::ToUnixSeconds(t));
}

std::string Format(const google::protobuf::Timestamp& t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(t.seconds()),
                          absl::UTCTimeZone());
}

int Create(const KeysOptions& options) {
  auto setup = LoadSetup(options.config_path);
  if (!setup.ok()) return Fail("create", std::string(setup.status().message()));
  const auth::Client* client = setup->clients->FindClient(options.client_id);
  if (client == nullptr) {
    return Fail("create", Cat("--client: \"", options.client_id,
                              "\" is not a registered client of ", options.config_path));
  }
  if (client->retired) {
    return Fail("create", Cat("--client: ", client->id, " is retired",
                              client->successor.empty() ? "" : Cat("; its successor is ", client->successor)));
  }
  const absl::Time now = absl::Now();
  absl::Time expires = absl::InfiniteFuture();
  if (!options.expires.empty()) {
    if (!ParseExpiry(options.expires, expires)) {
      return Fail("create", Cat("--expires: \"", options.expires,
                                "\": expected a date (2027-06-30) or an RFC 3339 time"));
    }
    if (expires <= now) return Fail("create", Cat("--expires: ", options.expires, " is in the past"));
  }
  StoreLock lock(setup->store_path);
  if (!lock.ok()) return Fail("create", Cat(setup->store_path, ".lock: cannot be locked"));
  auto store = auth::ReadKeyStore(setup->store_path);
  if (!store.ok()) return Fail("create", std::string(store.status().message()));
  auth::IssuedApiKey key = auth::GenerateIssuedApiKey();
  v1::IssuedKey* entry = store->add_keys();
  entry->set_id(key.id);
  entry->set_client(client->id);
  entry->set_sha256(auth::Sha256Hex(key.key));
  *entry->mutable_created() = ToTimestamp(now);
  if (expires != absl::InfiniteFuture()) *entry->mutable_expires() = ToTimestamp(expires);
  if (auto s = WriteStore(setup->store_path, *store); !s.ok()) return Fail("create", std::string(s.message()));
  std::cout << "api_key: " << key.key << "\nkey_id: " << key.id << "\nclient: " << client->id
            << "\nexpires: " << (entry->has_expires() ? Format(entry->expires()) : "never")
            << "\n\n# Give the API key to the client's operators over a secure channel; it is "
               "shown only now.\n# The key store keeps its digest; the gateway picks it up "
               "within a second.\n";
  return kExitOk;
}

int List(const KeysOptions& options) {
  auto setup = LoadSetup(options.config_path);
  if (!setup.ok()) return Fail("list", std::string(setup.status().message()));
  auto store = auth::ReadKeyStore(setup->store_path);
  if (!store.ok()) return Fail("list", std::string(store.status().message()));
  const absl::Time now = absl::Now();
  std::cout << "KEY ID        CLIENT                        CREATED               EXPIRES               STATE\n";
  for (const v1::IssuedKey& key : store->keys()) {
    std::string state = "active";
    if (key.has_revoked() && absl::FromUnixSeconds(key.revoked().seconds()) <= now) {
      state = Cat("revoked ", Format(key.revoked()));
    } else if (key.has_expires() && absl::FromUnixSeconds(key.expires().seconds()) <= now) {
      state = "expired";
    }
    std::string client = key.client();
    client.resize(std::max<std::size_t>(client.size(), 29), ' ');
    std::cout << key.id() << "  " << client << " "
              << (key.has_created() ? Format(key.created()) : std::string(20, '-')) << "  "
              << (key.has_expires() ? Format(key.expires()) : std::string("never               "))
              << "  " << state << "\n";
  }
  return kExitOk;
}

int Revoke(const KeysOptions& options) {
  auto setup = LoadSetup(options.config_path);
  if (!setup.ok()) return Fail("revoke", std::string(setup.status().message()));
  StoreLock lock(setup->store_path);
  if (!lock.ok()) return Fail("revoke", Cat(setup->store_path, ".lock: cannot be locked"));
  auto store = auth::ReadKeyStore(setup->store_path);
  if (!store.ok()) return Fail("revoke", std::string(store.status().message()));
  for (v1::IssuedKey& key : *store->mutable_keys()) {
    if (key.id() != options.key_id) continue;
    if (key.has_revoked()) {
      std::cout << "key " << key.id() << " was revoked already (" << Format(key.revoked()) << ")\n";
      return kExitOk;
    }
    *key.mutable_revoked() = ToTimestamp(absl::Now());
    if (auto s = WriteStore(setup->store_path, *store); !s.ok()) return Fail("revoke", std::string(s.message()));
    std::cout << "revoked key " << key.id() << " of client " << key.client()
              << "; the gateway refuses it within a second\n";
    return kExitOk;
  }
  return Fail("revoke", Cat("no key with id \"", options.key_id, "\" in ", setup->store_path));
}

}  // namespace

void AddKeysCommands(CLI::App& app, Action& action) {
  CLI::App* group = app.add_subcommand(
      "keys", "Issue, list and revoke API keys in the key store the configuration names");
  group->require_subcommand(1);
  auto options = std::make_shared<KeysOptions>();

  CLI::App* create = group->add_subcommand(
      "create", "Issue a new API key for a registered client: print it once, store its digest");
  create->add_option("--client", options->client_id, "Client id, e.g. VN:PROV:79:ONESTOP")->required();
  create->add_option("--expires", options->expires,
                     "Last day the key is accepted (2027-06-30, UTC) or an RFC 3339 time; "
                     "default: never");
  create->add_option("--config", options->config_path, "Gateway configuration file")->required();
  create->callback([&action, options] { action = [options] { return Create(*options); }; });

  CLI::App* list = group->add_subcommand("list", "List issued keys (ids, clients, dates; no secrets)");
  list->add_option("--config", options->config_path, "Gateway configuration file")->required();
  list->callback([&action, options] { action = [options] { return List(*options); }; });

  CLI::App* revoke = group->add_subcommand("revoke", "Revoke an issued key by its key id");
  revoke->add_option("KEY_ID", options->key_id, "The key id (ndxpctl keys list)")->required();
  revoke->add_option("--config", options->config_path, "Gateway configuration file")->required();
  revoke->callback([&action, options] { action = [options] { return Revoke(*options); }; });
}

}  // namespace ndxp::ctl
