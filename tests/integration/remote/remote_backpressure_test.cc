// A client that stops reading a large server stream: the gateway keeps only a bounded amount of
// it (flow control all the way back to the upstream, or to the in-process connector), its
// memory stays flat while the full stream would be hundreds of MiB, and it answers other calls
// and the cancellation at once.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "example/v1/lookup.grpc.pb.h"
#include "ndxp/business/v1/business.grpc.pb.h"
#include "tests/integration/remote/remote_cluster.h"

namespace ndxp::testing {
namespace {

namespace ex = ::example::v1;
namespace biz = ::ndxp::business::v1;
using std::chrono::milliseconds;

constexpr long long kMiB = 1024 * 1024;
constexpr long long kAllowedGrowth = 64 * kMiB;
constexpr auto kStall = std::chrono::seconds(2);  // how long the client does not read

// Resident set size of a process, from /proc/<pid>/status (VmRSS, in kB); -1 if unreadable.
long long ResidentBytes(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6)) * 1024;
  }
  return -1;
}

// The largest resident size of `pid` seen while the client does not read, sampled every 50 ms
// over kStall. The stall is the stimulus here, not a wait for something to happen: in that time
// a gateway that read ahead without bound would take in the whole stream from a local upstream.
long long PeakWhileStalled(pid_t pid) {
  long long peak = ResidentBytes(pid);
  const auto end = std::chrono::steady_clock::now() + kStall;
  while (std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(milliseconds(50));
    peak = std::max(peak, ResidentBytes(pid));
  }
  return peak;
}

bool LookupAnswers(const GatewayProcess& gateway) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("x-api-key", kTestApiKey);
  ctx.AddMetadata("x-ndxp-purpose", "administrative-procedure");
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
  ex::LookupRequest request;
  request.set_key("a");
  ex::LookupResponse response;
  return ex::LookupService::NewStub(ChannelTo(gateway))->Lookup(&ctx, request, &response).ok();
}

TEST(RemoteBackpressureTest, StalledReaderOfARemoteStreamKeepsGatewayMemoryBounded) {
  Started* remote = RemoteCluster::Get().remote();
  ASSERT_NE(remote, nullptr);
  const pid_t pid = remote->process->pid();
  constexpr long long kItems = 400;  // 400 MiB in all
  constexpr long long kPayload = kMiB;

  grpc::ClientContext ctx;
  ctx.AddMetadata("x-api-key", kTestApiKey);
  ctx.AddMetadata("x-ndxp-purpose", "administrative-procedure");
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  ex::ListItemsRequest request;
  request.set_count(kItems);
  request.set_payload_bytes(kPayload);
  auto channel = ChannelTo(*remote->process);
  auto reader = ex::LookupService::NewStub(channel)->ListItems(&ctx, request);
  ex::ListItemsResponse item;
  ASSERT_TRUE(reader->Read(&item));
  ASSERT_EQ(item.index(), 0);
  ASSERT_EQ(static_cast<long long>(item.payload().size()), kPayload);

  const long long baseline = ResidentBytes(pid);
  ASSERT_GT(baseline, 0);
  const long long peak = PeakWhileStalled(pid);
  EXPECT_LT(peak - baseline, kAllowedGrowth)
      << "the gateway grew from " << baseline / kMiB << " MiB to " << peak / kMiB
      << " MiB while its client did not read a " << kItems * kPayload / kMiB << " MiB stream";
  std::printf("remote stream: gateway RSS %lld MiB -> peak %lld MiB while stalled\n",
              baseline / kMiB, peak / kMiB);

  // The stream resumes where it stopped, in order.
  for (long long i = 1; i <= 5; ++i) {
    ASSERT_TRUE(reader->Read(&item));
    EXPECT_EQ(item.index(), i);
  }
  ctx.TryCancel();
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  EXPECT_TRUE(LookupAnswers(*remote->process));
}

// Opens StreamEnterprises of province 79, reads one message and cancels after the stall: the
// gateway's first stream costs it some 13 MiB once (the same at scales 300000 and 600000, and
// later streams add well under 1 MiB each: one-time allocations, not buffering), which would
// otherwise hide what a stalled reader costs.
void WarmUp(const GatewayProcess& gateway) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("x-api-key", kTestApiKey);
  ctx.AddMetadata("x-ndxp-purpose", "administrative-procedure");
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  biz::StreamEnterprisesRequest request;
  request.set_province_code("79");
  auto channel = ChannelTo(gateway);
  auto reader = biz::BusinessRegistryService::NewStub(channel)->StreamEnterprises(&ctx, request);
  biz::StreamEnterprisesResponse item;
  ASSERT_TRUE(reader->Read(&item));
  PeakWhileStalled(gateway.pid());  // stalled as long as the measured stream will be
  ctx.TryCancel();
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

// The same over the in-process route: StreamEnterprises of the largest province. Generating a
// stream of hundreds of MiB takes the gateway over a minute (scale 2000000), too long here: at
// scale 300000 (some 5 s) the stream is about 41 MiB, and the bound is tightened to match.
TEST(RemoteBackpressureTest, StalledReaderOfAnInProcessStreamKeepsGatewayMemoryBounded) {
  auto gateway = RemoteCluster::Get().StartGateway(
      "connectors:\n  - name: population\n  - name: business\n    scale: 300000\n");
  ASSERT_TRUE(gateway->process->WaitUntilListening(120)) << gateway->process->Stderr();
  const pid_t pid = gateway->process->pid();
  WarmUp(*gateway->process);

  grpc::ClientContext ctx;
  ctx.AddMetadata("x-api-key", kTestApiKey);
  ctx.AddMetadata("x-ndxp-purpose", "administrative-procedure");
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  biz::StreamEnterprisesRequest request;
  request.set_province_code("79");
  auto channel = ChannelTo(*gateway->process);
  auto reader = biz::BusinessRegistryService::NewStub(channel)->StreamEnterprises(&ctx, request);
  biz::StreamEnterprisesResponse item;
  ASSERT_TRUE(reader->Read(&item));
  const long long message_bytes = static_cast<long long>(item.ByteSizeLong());

  const long long baseline = ResidentBytes(pid);
  ASSERT_GT(baseline, 0);
  const long long peak = PeakWhileStalled(pid);
  // Pulled one message at a time: well under a MiB was measured; 8 MiB, a fifth of the stream.
  EXPECT_LT(peak - baseline, 8 * kMiB)
      << "the gateway grew from " << baseline / kMiB << " MiB to " << peak / kMiB << " MiB";

  // Now read the rest, to know how large the stream was.
  long long items = 1, bytes = message_bytes;
  while (reader->Read(&item)) {
    ++items;
    bytes += static_cast<long long>(item.ByteSizeLong());
  }
  grpc::Status status = reader->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
  std::printf("in-process stream: %lld items, %lld MiB; gateway RSS %lld MiB -> peak %lld MiB\n",
              items, bytes / kMiB, baseline / kMiB, peak / kMiB);
  EXPECT_GT(bytes, 4 * 8 * kMiB) << "the stream was too small to show anything";
}

}  // namespace
}  // namespace ndxp::testing
