#include "gateway/server/grpc/grpc_peer.h"

#include <string_view>
#include <vector>

#include <grpc/grpc_security_constants.h>

#include "gateway/tls/certificate_identity.h"

namespace ndxp::server {
namespace {

std::string_view View(const grpc::string_ref& s) { return std::string_view(s.data(), s.size()); }

std::string_view First(const grpc::AuthContext& auth, const char* name) {
  auto values = auth.FindPropertyValues(name);
  return values.empty() ? std::string_view() : View(values.front());
}

}  // namespace

core::PeerInfo PeerFromAuthContext(const grpc::AuthContext& auth) {
  core::PeerInfo peer;
  peer.tls = true;
  if (First(auth, GRPC_X509_PEM_CERT_PROPERTY_NAME).empty()) return peer;  // no certificate
  std::vector<std::string_view> uris;
  for (const auto& uri : auth.FindPropertyValues(GRPC_PEER_URI_PROPERTY_NAME)) uris.push_back(View(uri));
  if (uris.empty()) {  // older peers' properties: every SAN, of any type
    for (const auto& san : auth.FindPropertyValues(GRPC_X509_SAN_PROPERTY_NAME)) {
      uris.push_back(View(san));
    }
  }
  peer.certificate_client_id = tls::ClientIdFrom(uris, First(auth, GRPC_X509_CN_PROPERTY_NAME));
  peer.certificate_subject = std::string(First(auth, GRPC_X509_SUBJECT_PROPERTY_NAME));
  return peer;
}

}  // namespace ndxp::server
