// The usage ledger through the real gateway: calls are counted in data_dir/usage.db; a kill -9
// loses at most the last flush window; the gateway restarts on the same data directory (WAL
// recovery) and writes what is pending when it stops; ndxpctl reports on what it wrote.
#include <signal.h>

#include <chrono>
#include <string>

#include <absl/time/clock.h>
#include <absl/time/time.h>
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/grpc_fixture.h"
#include "tests/integration/metering/ledger_reading.h"
#include "tests/integration/support/gateway_process.h"
#include "tests/integration/support/test_config.h"

namespace ndxp::testing {
namespace {

using ::testing::HasSubstr;
namespace pop = ::ndxp::population::v1;

constexpr int kFlushedCalls = 40;
constexpr int kLastWindowCalls = 10;

grpc::Status GetCitizen(const GatewayProcess& gateway, const std::string& id) {
  auto stub = pop::PopulationService::NewStub(
      grpc::CreateChannel(gateway.grpc_target(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx;
  ctx.AddMetadata("x-api-key", kTestApiKey);
  ctx.AddMetadata("x-ndxp-purpose", "administrative-procedure");
  ctx.AddMetadata("x-ndxp-dossier-id", "HS-2026-000001");
  ctx.AddMetadata("x-ndxp-procedure", "1.004227");
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  pop::GetCitizenRequest request;
  request.set_personal_id(id);
  pop::GetCitizenResponse response;
  return stub->GetCitizen(&ctx, request, &response);
}

std::string Day(absl::Time t) {
  return absl::FormatCivilTime(absl::ToCivilDay(t, absl::FixedTimeZone(7 * 3600)));
}

TEST(LedgerCrashTest, KillNineLosesAtMostOneWindowAndTheGatewayRestarts) {
  const std::string config =
      WriteGatewayConfig("ledger:\n  flush_interval: 200ms\n", AccessLogTo::kFile, nullptr);
  const std::string data_dir = MakeTestDir("ndxp-it-ledger");
  const std::vector<std::string> ids = SampleIds("population", 1);
  ASSERT_EQ(ids.size(), 1u);
  const std::vector<std::string> args = {"--config", config, "--data-dir", data_dir};
  std::int64_t after_kill = 0;
  {
    GatewayProcess gateway({.args = args});
    ASSERT_TRUE(gateway.WaitUntilListening()) << gateway.Stderr();
    for (int i = 0; i < kFlushedCalls; ++i) {
      ASSERT_TRUE(GetCitizen(gateway, ids[0]).ok());
    }
    // A flush wrote them (bounded wait for the event).
    ASSERT_GE(WaitForCallsInLedger(data_dir, kFlushedCalls), kFlushedCalls) << gateway.Stderr();
    for (int i = 0; i < kLastWindowCalls; ++i) {
      ASSERT_TRUE(GetCitizen(gateway, ids[0]).ok());
    }
    gateway.Signal(SIGKILL);
    ASSERT_EQ(gateway.Wait(10), 128 + SIGKILL);
    after_kill = CallsInLedger(data_dir);
    // Every call flushed before the kill is there; at most the last window's are missing.
    EXPECT_GE(after_kill, kFlushedCalls);
    EXPECT_LE(after_kill, kFlushedCalls + kLastWindowCalls);
  }
  {
    // The same data directory: the lock died with the process, SQLite recovers its WAL. A window
    // longer than the test: only the flush at shutdown can write the next call.
    const std::string slow_config =
        WriteGatewayConfig("ledger:\n  flush_interval: 60s\n", AccessLogTo::kFile, nullptr);
    GatewayProcess gateway({.args = {"--config", slow_config, "--data-dir", data_dir}});
    ASSERT_TRUE(gateway.WaitUntilListening()) << gateway.Stderr();
    // A second gateway on the directory is refused, naming it.
    GatewayProcess second({.args = args});
    EXPECT_FALSE(second.WaitUntilListening(30));
    EXPECT_NE(second.Wait(30), 0);
    EXPECT_THAT(second.Stderr(), HasSubstr(data_dir));
    ASSERT_TRUE(GetCitizen(gateway, ids[0]).ok());
    EXPECT_EQ(CallsInLedger(data_dir), after_kill);  // recovered, and not yet flushed
    // A graceful stop writes what is pending.
    gateway.Signal(SIGTERM);
    ASSERT_EQ(gateway.Wait(30), 0) << gateway.Stderr();
  }
  const std::int64_t total = CallsInLedger(data_dir);
  EXPECT_EQ(total, after_kill + 1);

  // ndxpctl reports on the real gateway's data.
  const absl::Time now = absl::Now();
  std::string out;
  ASSERT_EQ(RunCommand({CtlBinary(), "usage", "report", "--data-dir", data_dir, "--from",
                        Day(now - absl::Hours(24)), "--to", Day(now + absl::Hours(24)), "--by",
                        "province", "--format", "csv"},
                       &out),
            0)
      << out;
  EXPECT_THAT(out, HasSubstr("province,connector,calls,served,errors,error_rate,top_methods\n"));
  EXPECT_THAT(out, HasSubstr("79,population," + std::to_string(total) + "," +
                             std::to_string(total) + ",0,0.0000,PopulationService/GetCitizen=" +
                             std::to_string(total) + "\n"));
  out.clear();
  const std::string month = Day(now).substr(0, 7);
  ASSERT_EQ(RunCommand({CtlBinary(), "usage", "indicators", "--data-dir", data_dir, "--month",
                        month, "--province", "79", "--format", "csv"},
                       &out),
            0)
      << out;
  EXPECT_THAT(out, HasSubstr("\n79,1,1,1.0000,1,0,0.0000\n"));
}

}  // namespace
}  // namespace ndxp::testing
