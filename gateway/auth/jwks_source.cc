#include "gateway/auth/jwks_source.h"

#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "gateway/core/strings.h"

namespace ndxp::auth {

absl::StatusOr<std::unique_ptr<JwksSource>> JwksSource::Open(
    const gateway::v1::Jwt& config, metrics::Family<metrics::Counter>* reloads) {
  auto verifier = jwt::Verifier::Create(config);
  if (!verifier.ok()) return verifier.status();
  std::unique_ptr<JwksSource> source(
      new JwksSource(*std::move(verifier), WatchedFile(config.jwks_file(), "jwks")));
  source->reloads_ = reloads;
  if (reloads != nullptr) {
    reloads->WithLabels({"jwks", "ok"});
    reloads->WithLabels({"jwks", "error"});
  }
  if (absl::Status s = source->Load(); !s.ok()) return s;
  return source;
}

absl::Status JwksSource::Load() {
  std::ifstream in(file_.path(), std::ios::binary);
  if (!in) {
    return absl::NotFoundError(core::ToAbsl(core::Cat("jwt.jwks_file: ", file_.path(), " cannot be read")));
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto keys = jwt::KeySet::Parse(text.str());
  if (!keys.ok()) {
    return absl::InvalidArgumentError(core::ToAbsl(
        core::Cat("jwt.jwks_file: ", file_.path(), ": ", std::string(keys.status().message()))));
  }
  verifier_->SetKeys(*std::move(keys));
  return absl::OkStatus();
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
