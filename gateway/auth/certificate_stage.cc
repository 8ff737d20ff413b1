#include "gateway/auth/certificate_stage.h"

#include "gateway/core/peer_info.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::auth {

core::Verdict CertificateIdentifyStage::OnRequest(core::Call& call) {
  const core::PeerInfo* peer = call.peer();
  if (peer == nullptr || peer->certificate_client_id.empty()) return core::Verdict::Continue();
  const std::string& id = peer->certificate_client_id;
  if (const core::Client* client = find_client_(id)) {
    call.context().client = client;
    call.context().credential = kCertificateCredential;
    return core::Verdict::Continue();
  }
  return core::Verdict::Stop(core::ErrorWithReason(
      absl::StatusCode::kUnauthenticated,
      core::Cat("the client certificate names client \"", id, "\", which is not registered"),
      "CERTIFICATE_CLIENT_UNKNOWN", {{"client_id", id}}));
}

}  // namespace ndxp::auth
