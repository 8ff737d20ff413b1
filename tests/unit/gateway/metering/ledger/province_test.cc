#include "gateway/metering/ledger/province.h"

#include <gtest/gtest.h>

namespace ndxp::metering::ledger {
namespace {

TEST(ProvinceTest, TwoDigitCodeOfAProvinceClient) {
  EXPECT_EQ(ProvinceOf("VN:PROV:79:ONESTOP"), "79");
  EXPECT_EQ(ProvinceOf("VN:PROV:01:DVC"), "01");
  EXPECT_EQ(ProvinceOf("VN:PROV:48"), "48");
}

TEST(ProvinceTest, NoneForOtherClients) {
  EXPECT_EQ(ProvinceOf(""), "");
  EXPECT_EQ(ProvinceOf("demo"), "");
  EXPECT_EQ(ProvinceOf("VN:MIN:MPS:C06"), "");
  EXPECT_EQ(ProvinceOf("VN:PROV:7:X"), "");
  EXPECT_EQ(ProvinceOf("VN:PROV:791:X"), "");
  EXPECT_EQ(ProvinceOf("VN:PROV:AB:X"), "");
  EXPECT_EQ(ProvinceOf("vn:prov:79:X"), "");
}

TEST(ProvinceTest, ProvinceCodes) {
  EXPECT_TRUE(IsProvinceCode("79"));
  EXPECT_FALSE(IsProvinceCode("7"));
  EXPECT_FALSE(IsProvinceCode("7a"));
  EXPECT_FALSE(IsProvinceCode("790"));
}

}  // namespace
}  // namespace ndxp::metering::ledger
