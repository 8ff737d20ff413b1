#pragma once
// The identify stage for client certificates (mutual TLS): when the call's connection presented a
// certificate (verified in the handshake) naming a client id (SAN URI urn:ndxp:client:<id>, else
// the subject's common name), that registered client is the caller. An id no client has is
// UNAUTHENTICATED (CERTIFICATE_CLIENT_UNKNOWN). Without a certificate the stage does nothing: the
// identify stages after it (API key) decide.

#include <functional>
#include <string_view>

#include "gateway/core/call.h"
#include "gateway/core/client.h"
#include "gateway/core/stage.h"

namespace ndxp::auth {

inline constexpr std::string_view kCertificateCredential = "certificate";

// The registered client with this id, or nullptr (e.g. ApiKeyAuthenticator::FindClient).
using FindClientFn = std::function<const core::Client*(std::string_view id)>;

class CertificateIdentifyStage final : public core::Stage {
 public:
  explicit CertificateIdentifyStage(FindClientFn find_client)
      : find_client_(std::move(find_client)) {}

  std::string_view name() const override { return "certificate_identify"; }
  core::Verdict OnRequest(core::Call& call) override;

 private:
  FindClientFn find_client_;
};

class CertificateIdentifyFactory final : public core::StageFactory {
 public:
  explicit CertificateIdentifyFactory(FindClientFn find_client) : stage_(std::move(find_client)) {}
  std::string_view name() const override { return stage_.name(); }
  core::Stage* ForRoute(const core::Route*) override { return &stage_; }

 private:
  CertificateIdentifyStage stage_;
};

}  // namespace ndxp::auth
