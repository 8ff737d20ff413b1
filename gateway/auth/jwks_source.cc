#include "gateway/auth/jwks_source.h"


#include <spdlog/spdlog.h>

#include "gateway/config/config_loader.h"
#include "gateway/core/strings.h"

namespace ndxp::auth {

absl::StatusOr<std::unique_ptr<JwksSource>> JwksSource::Open(
    const gateway::v1::Jwt& config, metrics::Family<metrics::Counter>* reloads) {
  auto verifier = jwt::Verifier::Create(config);
  if (!verifier.ok()) return verifier.status();
  const absl::Duration skew = config.has_clock_skew()
                                  ? absl::Seconds(config.clock_skew().seconds()) +
                                        absl::Nanoseconds(config.clock_skew().nanos())
                                  : jwt::kDefaultClockSkew;
  std::unique_ptr<JwksSource> source(
      new JwksSource(*std::move(verifier), WatchedFile(config.jwks_file(), "jwks"), skew));
  source->reloads_ = reloads;
  if (reloads != nullptr) {
    reloads->WithLabels({"jwks", "ok"});
    reloads->WithLabels({"jwks", "error"});
  }
  if (absl::Status s = source->Load(); !s.ok()) return s;
  return source;
}

absl::Status JwksSource::Load() {
  std::string text;
  if (absl::Status s = config::ReadConfigFile(file_.path(), text); !s.ok()) {
    return absl::Status(s.code(), core::ToAbsl(core::Cat("jwt.jwks_file: ", std::string(s.message()))));
  }
  auto keys = jwt::KeySet::Parse(text);
  if (!keys.ok()) {
    return absl::InvalidArgumentError(core::ToAbsl(
        core::Cat("jwt.jwks_file: ", file_.path(), ": ", std::string(keys.status().message()))));
  }
  verifier_->SetKeys(*std::move(keys));
  generation_.fetch_add(1, std::memory_order_acq_rel);
  return absl::OkStatus();
}

std::variant<std::shared_ptr<const jwt::VerifiedToken>, jwt::Refusal> JwksSource::Verify(
    std::string_view token, absl::Time now) const {
  const std::uint64_t generation = generation_.load(std::memory_order_acquire);
  if (auto cached = cache_.Find(token, generation, now)) return cached;
  jwt::VerifyResult result = verifier_->Verify(token, now);
  if (auto* refusal = std::get_if<jwt::Refusal>(&result)) return std::move(*refusal);
  auto verified = std::make_shared<const jwt::VerifiedToken>(
      std::move(std::get<jwt::VerifiedToken>(result)));
  cache_.Insert(token, generation, verified->expires + skew_, verified);
  return verified;
}

absl::Status JwksSource::CheckNow() {
  if (!file_.Changed()) return absl::OkStatus();
  absl::Status status = Load();
  if (reloads_ != nullptr) reloads_->WithLabels({"jwks", status.ok() ? "ok" : "error"}).Inc();
  if (!status.ok()) {
    spdlog::error("reload of jwks failed; the keys in force stay: {}", std::string(status.message()));
  } else {
    spdlog::info("reloaded jwks: {} keys", verifier_->keys()->size());
  }
  return status;
}

}  // namespace ndxp::auth
