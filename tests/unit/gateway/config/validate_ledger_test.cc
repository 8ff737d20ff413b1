// Checks of the ledger section through ValidateConfig: flush_interval's range, the accepted time
// zones; errors name the key.
#include "gateway/config/validate_ledger.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gateway/config/config_loader.h"

namespace ndxp::config {
namespace {

using ::testing::HasSubstr;

const std::vector<std::string_view> kBuiltins = {"population", "business"};

absl::Status Check(std::string_view yaml) {
  auto config = ParseConfigYaml(yaml, "test.yaml");
  if (!config.ok()) return config.status();
  ApplyDefaults(*config, kBuiltins);
  return ValidateConfig(*config, kBuiltins);
}

TEST(ValidateLedgerTest, DefaultsAndAcceptedValues) {
  EXPECT_TRUE(Check("").ok());
  EXPECT_TRUE(Check("ledger:\n  flush_interval: 10ms\n").ok());
  EXPECT_TRUE(Check("ledger:\n  flush_interval: 60s\n").ok());
  EXPECT_TRUE(Check("ledger:\n  time_zone: UTC\n").ok());
  EXPECT_TRUE(Check("ledger:\n  time_zone: Asia/Ho_Chi_Minh\n").ok());
}

TEST(ValidateLedgerTest, FlushIntervalOutOfRangeNamesTheKey) {
  for (const char* value : {"5ms", "61s", "1h", "0s"}) {
    absl::Status status = Check(std::string("ledger:\n  flush_interval: ") + value + "\n");
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << value;
    EXPECT_THAT(std::string(status.message()),
                HasSubstr("ledger.flush_interval: must be from 10ms to 60s, got "))
        << value;
  }
}

TEST(ValidateLedgerTest, UnknownTimeZoneNamesTheKey) {
  absl::Status status = Check("ledger:\n  time_zone: Europe/Paris\n");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()),
              HasSubstr("ledger.time_zone: \"Europe/Paris\" is not accepted (accepted: "
                        "Asia/Ho_Chi_Minh, UTC)"));
}

}  // namespace
}  // namespace ndxp::config
