// Deterministic building blocks: the random stream, the keyed bijection, weighted choice, names
// and street addresses.

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <vector>

#include "connectors/common/admin_units.h"
#include "connectors/common/bijection.h"
#include "connectors/common/rng.h"
#include "connectors/common/street_address.h"
#include "connectors/common/vietnamese_names.h"
#include "connectors/common/weighted.h"

namespace ndxp::connectors {
namespace {

TEST(RngTest, SameSeedSameStream) {
  Rng a(7), b(7), c(8);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    const std::uint64_t x = a.Next();
    EXPECT_EQ(x, b.Next());
    differs |= x != c.Next();
  }
  EXPECT_TRUE(differs);
}

TEST(RngTest, UniformStaysInRangeAndCoversIt) {
  Rng rng(1);
  std::vector<int> seen(10, 0);
  for (int i = 0; i < 10'000; ++i) {
    const std::uint64_t v = rng.Uniform(10);
    ASSERT_LT(v, 10u);
    ++seen[v];
  }
  for (int count : seen) EXPECT_NEAR(count, 1000, 150);
  for (int i = 0; i < 1000; ++i) {
    const std::int64_t v = rng.Between(-3, 3);
    EXPECT_GE(v, -3);
    EXPECT_LE(v, 3);
  }
}

TEST(BijectionTest, IsAPermutation) {
  for (std::uint64_t n : {1u, 2u, 7u, 1000u, 65'537u}) {
    const Bijection b(n, 99);
    std::vector<bool> hit(n, false);
    for (std::uint64_t x = 0; x < n; ++x) {
      const std::uint64_t y = b.Apply(x);
      ASSERT_LT(y, n);
      ASSERT_FALSE(hit[y]) << "n=" << n << " x=" << x;
      hit[y] = true;
    }
  }
}

TEST(BijectionTest, MillionSerialsAreAllDistinct) {
  const Bijection b(1'000'000, 12345);
  std::vector<bool> hit(1'000'000, false);
  for (std::uint64_t x = 0; x < 1'000'000; ++x) {
    const std::uint64_t y = b.Apply(x);
    ASSERT_FALSE(hit[y]);
    hit[y] = true;
  }
  EXPECT_NE(Bijection(1'000'000, 1).Apply(0), Bijection(1'000'000, 2).Apply(0));
}

TEST(WeightedTableTest, FollowsWeightsAndSkipsZero) {
  const WeightedTable table = {0, 3, 1};
  Rng rng(3);
  std::vector<int> seen(3, 0);
  for (int i = 0; i < 8000; ++i) ++seen[table.Pick(rng)];
  EXPECT_EQ(seen[0], 0);
  EXPECT_NEAR(seen[1], 6000, 300);
  EXPECT_NEAR(seen[2], 2000, 300);
}

TEST(NamesTest, FamilyNamesFollowRealFrequencies) {
  Rng rng(5);
  std::map<std::string, int> north, south;
  for (int i = 0; i < 20'000; ++i) {
    ++north[std::string(FamilyNameText(PickFamilyName(rng, NameGroup::kKinhNorth)))];
    ++south[std::string(FamilyNameText(PickFamilyName(rng, NameGroup::kKinhSouth)))];
  }
  EXPECT_NEAR(north["Nguyễn"], 7600, 500);
  EXPECT_GT(north["Trần"], north["Phạm"]);
  EXPECT_GT(north["Hoàng"], 5 * north["Huỳnh"]);
  EXPECT_GT(south["Huỳnh"], 5 * south["Hoàng"]);
  EXPECT_GT(south["Võ"], 3 * south["Vũ"]);
  EXPECT_EQ(north["Giàng"], 0);
}

TEST(NamesTest, MiddleNamesFollowSexAndGeneration) {
  Rng rng(6);
  int thi_old = 0, thi_young = 0, van_female = 0;
  for (int i = 0; i < 5000; ++i) {
    const std::string old_woman = FullName(PickName(rng, NameGroup::kKinhNorth, true, 1950), true);
    const std::string girl = FullName(PickName(rng, NameGroup::kKinhNorth, true, 2015), true);
    thi_old += old_woman.find(" Thị ") != std::string::npos;
    thi_young += girl.find(" Thị ") != std::string::npos;
    const std::string man = FullName(PickName(rng, NameGroup::kKinhNorth, false, 1980), false);
    van_female += man.find(" Thị ") != std::string::npos;
  }
  EXPECT_GT(thi_old, 3 * thi_young);
  EXPECT_EQ(van_female, 0);
}

TEST(NamesTest, RendersEachTradition) {
  Rng rng(8);
  const std::string hmong = FullName(PickName(rng, NameGroup::kHmong, false, 1990), false);
  EXPECT_FALSE(hmong.empty());
  // Highland names: given name first, "Y" for men, "H'" for women, family name last.
  const std::string man = FullName(PickName(rng, NameGroup::kHighlands, false, 1990), false);
  const std::string woman = FullName(PickName(rng, NameGroup::kHighlands, true, 1990), true);
  EXPECT_EQ(man.rfind("Y ", 0), 0u) << man;
  EXPECT_EQ(woman.rfind("H'", 0), 0u) << woman;
}

TEST(StreetAddressTest, FitsTheCommune) {
  const AdminUnits& units = AdminUnits::Get();
  Rng rng(9);
  const auto ward = static_cast<std::uint16_t>(units.FindCommune("26740"));  // Phường Sài Gòn
  common::v1::Address address;
  FillAddress(PickStreetAddress(rng, ward), ward, &address);
  EXPECT_EQ(address.unit().province_code(), "79");
  EXPECT_EQ(address.unit().commune_name(), "Phường Sài Gòn");
  EXPECT_EQ(address.full_text(), address.street() + ", Phường Sài Gòn, Thành phố Hồ Chí Minh");
  EXPECT_EQ(StreetText({StreetForm::kHouse, 0, 12, 0}), "12 Lê Lợi");
  EXPECT_EQ(StreetText({StreetForm::kAlley, 1, 45, 7}), "45/7 Trần Hưng Đạo");
  EXPECT_EQ(StreetText({StreetForm::kHamlet, 0, 2, 0}), "Ấp 2");
  // Rural communes get villages or hamlets, never house numbers on a street.
  for (std::uint16_t c = 0; c < units.communes().size(); c += 97) {
    if (units.communes()[c].kind != CommuneKind::kCommune) continue;
    const StreetForm form = PickStreetAddress(rng, c).form;
    EXPECT_TRUE(form == StreetForm::kVillage || form == StreetForm::kHamlet);
  }
}

}  // namespace
}  // namespace ndxp::connectors
