#include "adapters/upstream/upstream_tls.h"

#include <fstream>
#include <sstream>

#include "gateway/core/strings.h"

namespace ndxp::adapters {
namespace {

absl::StatusOr<std::string> Read(std::string_view prefix, std::string_view key,
                                 const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  if (in) text << in.rdbuf();
  if (!in || text.str().empty()) {
    return absl::InvalidArgumentError(
        core::ToAbsl(core::Cat(prefix, ".", key, ": cannot read ", path, " (or it is empty)")));
  }
  return text.str();
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> UpstreamTlsCredentials(
    const ndxp::gateway::v1::UpstreamTls& tls, std::string_view prefix) {
  grpc::SslCredentialsOptions ssl;
  auto roots = Read(prefix, "ca_file", tls.ca_file());
  if (!roots.ok()) return roots.status();
  ssl.pem_root_certs = *std::move(roots);
  if (!tls.cert_file().empty() || !tls.key_file().empty()) {
    auto chain = Read(prefix, "cert_file", tls.cert_file());
    if (!chain.ok()) return chain.status();
    auto key = Read(prefix, "key_file", tls.key_file());
    if (!key.ok()) return key.status();
    ssl.pem_cert_chain = *std::move(chain);
    ssl.pem_private_key = *std::move(key);
  }
  return grpc::SslCredentials(ssl);
}

}  // namespace ndxp::adapters
