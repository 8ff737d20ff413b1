// A descriptor set the gateway cannot use stops it at start, and its error names the key
// (upstreams[0].descriptor_set) and what is wrong with it.
#include <google/protobuf/descriptor.pb.h>
#include <gtest/gtest.h>

#include "tests/integration/grpc_fixture.h"
#include "tests/integration/thirdparty/gateway_fixture.h"

namespace ndxp::example {
namespace {

struct Refusal {
  bool listened = false;
  int exit_code = -1;
  std::string stderr_text;
};

// Starts the gateway with the example upstream described by `service` in the set at `set_path`
// (on an endpoint nothing listens on: it must not get that far) and waits for it to exit.
Refusal StartWith(const std::string& set_path, const std::string& service = kService) {
  std::string access_log;
  std::string yaml = ExampleUpstreamYaml(9, set_path);
  if (service != kService) {
    yaml.replace(yaml.find(kService), std::string(kService).size(), service);
  }
  std::string config = testing::WriteTestConfig(&access_log, yaml);
  testing::GatewayProcess::Options options;
  options.args = {"--config", config};
  testing::GatewayProcess gateway(std::move(options));
  Refusal refusal;
  refusal.listened = gateway.WaitUntilListening(60);
  refusal.exit_code = gateway.Wait(30);
  refusal.stderr_text = gateway.Stderr();
  return refusal;
}

void ExpectRefused(const Refusal& refusal, const std::vector<std::string>& mentions) {
  EXPECT_FALSE(refusal.listened) << "the gateway started:\n" << refusal.stderr_text;
  EXPECT_NE(refusal.exit_code, 0) << refusal.stderr_text;
  EXPECT_NE(refusal.exit_code, -1) << "still running after 30 s:\n" << refusal.stderr_text;
  for (const auto& text : mentions) {
    EXPECT_NE(refusal.stderr_text.find(text), std::string::npos)
        << "stderr does not mention " << text << ":\n"
        << refusal.stderr_text;
  }
}

TEST(DescriptorSetStartupTest, MissingFileStopsTheGatewayNamingTheKey) {
  TempDir dir;
  const std::string path = dir.path() + "/no-such-set.binpb";
  ExpectRefused(StartWith(path), {"upstreams[0].descriptor_set", path});
}

TEST(DescriptorSetStartupTest, SetWithoutTheServiceStopsTheGatewayNamingTheKey) {
  // The example's set without example/v1/lookup.proto: its imports only, no service at all.
  DynamicSchema schema(DescriptorSetPath());
  ASSERT_TRUE(schema.ok()) << schema.error();
  google::protobuf::FileDescriptorSet imports_only;
  for (const auto& file : schema.set().file()) {
    if (file.service_size() == 0) *imports_only.add_file() = file;
  }
  ASSERT_LT(imports_only.file_size(), schema.set().file_size());
  TempDir dir;
  const std::string path = dir.path() + "/imports-only.binpb";
  ASSERT_TRUE(WriteWholeFile(path, imports_only.SerializeAsString()));
  ExpectRefused(StartWith(path), {"upstreams[0].descriptor_set", kService});
}

TEST(DescriptorSetStartupTest, SetDefiningOtherServicesStopsTheGatewayNamingTheKey) {
  // The real set, asked for a service it does not define: the error lists the ones it does.
  ExpectRefused(StartWith(DescriptorSetPath(), "example.v1.NoSuchService"),
                {"upstreams[0].descriptor_set", "example.v1.NoSuchService", kService});
}

TEST(DescriptorSetStartupTest, FileThatIsNotADescriptorSetStopsTheGatewayNamingTheKey) {
  TempDir dir;
  const std::string path = dir.path() + "/garbage.binpb";
  ASSERT_TRUE(WriteWholeFile(path, "this is not a FileDescriptorSet"));
  ExpectRefused(StartWith(path), {"upstreams[0].descriptor_set", path});
}

}  // namespace
}  // namespace ndxp::example
