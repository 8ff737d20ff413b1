#include "tests/unit/adapters/upstream/upstream_fixture.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <absl/time/clock.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

namespace ndxp::adapters::testing {

std::string DeadAddress() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);  // not listening, and now free
  return "127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
}

bool WaitForFailure(const UpstreamEndpoint& endpoint, absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  for (std::size_t i = 0; i < endpoint.connection_count(); ++i) {
    const auto& channel = endpoint.channel(i);
    for (;;) {
      grpc_connectivity_state state = channel->GetState(true);
      if (state == GRPC_CHANNEL_TRANSIENT_FAILURE) break;
      if (!channel->WaitForStateChange(state, absl::ToChronoTime(deadline))) return false;
    }
  }
  return true;
}

ndxp::gateway::v1::Upstream UpstreamTest::Config(const std::vector<std::string>& endpoints,
                                                 const std::string& service) {
  ndxp::gateway::v1::Upstream config;
  config.set_service(service);
  for (const auto& e : endpoints) config.add_endpoints(e);
  return config;
}

std::shared_ptr<UpstreamCluster> UpstreamTest::Route(const ndxp::gateway::v1::Upstream& config,
                                                     const std::string& name) {
  auto cluster = UpstreamCluster::Create(config, name, metrics_);
  EXPECT_TRUE(cluster.ok()) << cluster.status();
  if (!cluster.ok()) return nullptr;
  const auto* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(config.service());
  EXPECT_NE(service, nullptr);
  tables_.push_back(std::make_unique<core::RouteTable>());
  absl::Status added = AddUpstreamService(*tables_.back(), *service,
                                          google::protobuf::MessageFactory::generated_factory(),
                                          *cluster, name, &identity_);
  EXPECT_TRUE(added.ok()) << added;
  return *cluster;
}

const core::Route& UpstreamTest::RouteOf(const std::string& full_method) {
  for (const auto& table : tables_) {
    if (const core::Route* route = table->Find(full_method)) return *route;
  }
  ADD_FAILURE() << "no route for " << full_method;
  static const core::Route kNone;
  return kNone;
}

}  // namespace ndxp::adapters::testing
