#include "connectors/common/admin_units.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

namespace ndxp::connectors {
namespace {

TEST(AdminUnitsTest, HoldsTheUnitsInForceAndBefore) {
  const AdminUnits& units = AdminUnits::Get();
  EXPECT_EQ(units.provinces().size(), 34u);
  EXPECT_EQ(units.communes().size(), 3321u);
  EXPECT_EQ(units.old_provinces().size(), 63u);
  EXPECT_EQ(units.old_communes().size(), 10047u);
}

TEST(AdminUnitsTest, CommuneKindsMatchTheReform) {
  std::map<CommuneKind, int> kinds;
  for (const Commune& c : AdminUnits::Get().communes()) ++kinds[c.kind];
  EXPECT_EQ(kinds[CommuneKind::kCommune], 2621);
  EXPECT_EQ(kinds[CommuneKind::kWard], 687);
  EXPECT_EQ(kinds[CommuneKind::kSpecialZone], 13);
}

TEST(AdminUnitsTest, FindsByCode) {
  const AdminUnits& units = AdminUnits::Get();
  const int hcm = units.FindProvince("79");
  ASSERT_GE(hcm, 0);
  EXPECT_EQ(units.provinces()[hcm].name, "Thành phố Hồ Chí Minh");
  EXPECT_EQ(units.provinces()[hcm].communes.size(), 168u);
  EXPECT_EQ(units.provinces()[units.FindProvince("01")].communes.size(), 126u);
  EXPECT_EQ(units.provinces()[units.FindProvince("38")].communes.size(), 166u);
  for (const char* bad : {"", "7", "02", "77", "99", "1a", "079"}) {
    EXPECT_EQ(units.FindProvince(bad), -1) << bad;
  }
  const int saigon = units.FindCommune("26740");
  ASSERT_GE(saigon, 0);
  EXPECT_EQ(units.communes()[saigon].name, "Phường Sài Gòn");
  EXPECT_EQ(units.communes()[saigon].province, hcm);
  EXPECT_EQ(units.FindCommune("99999"), -1);
  EXPECT_EQ(units.FindCommune("2674"), -1);
  EXPECT_EQ(units.communes()[units.FindCommune("00004")].name, "Phường Ba Đình");
}

TEST(AdminUnitsTest, OldProvincesJoinTheirNewProvince) {
  const AdminUnits& units = AdminUnits::Get();
  const OldProvince& vung_tau = units.old_provinces()[units.FindOldProvince(77)];
  EXPECT_EQ(vung_tau.name, "Tỉnh Bà Rịa - Vũng Tàu");
  EXPECT_EQ(units.provinces()[vung_tau.province].code, 79);
  EXPECT_EQ(units.FindOldProvince(3), -1);
  EXPECT_EQ(units.FindOldProvince(97), -1);
  std::set<int> codes;
  for (const OldProvince& p : units.old_provinces()) codes.insert(p.code);
  EXPECT_EQ(codes.size(), 63u);
  EXPECT_EQ(*codes.begin(), 1);
  EXPECT_EQ(*codes.rbegin(), 96);
  std::size_t members = 0;
  for (const Province& p : units.provinces()) members += p.old_provinces.size();
  EXPECT_EQ(members, 63u);
}

TEST(AdminUnitsTest, CommunesAreConsistent) {
  const AdminUnits& units = AdminUnits::Get();
  std::set<std::uint32_t> codes;
  std::size_t with_predecessors = 0;
  for (std::uint16_t i = 0; i < units.communes().size(); ++i) {
    const Commune& c = units.communes()[i];
    codes.insert(c.code);
    EXPECT_EQ(c.code_text.size(), 5u);
    // Its main predecessor lay in a province that joined the commune's province.
    EXPECT_EQ(units.old_provinces()[c.old_province].province, c.province) << c.code_text;
    for (std::uint32_t old : units.OldCommunesOf(i)) {
      EXPECT_EQ(units.old_communes()[old].commune, i);
    }
    with_predecessors += units.OldCommunesOf(i).empty() ? 0 : 1;
  }
  EXPECT_EQ(codes.size(), 3321u);
  EXPECT_GT(with_predecessors, 3300u);
}

TEST(AdminUnitsTest, SplitsAndMergesLinkBothWays) {
  const AdminUnits& units = AdminUnits::Get();
  std::size_t split = 0, links = 0;
  for (std::uint32_t i = 0; i < units.old_communes().size(); ++i) {
    const auto successors = units.SuccessorsOf(i);
    ASSERT_FALSE(successors.empty());
    EXPECT_EQ(successors.front(), units.old_communes()[i].commune);
    split += successors.size() > 1 ? 1 : 0;
    links += successors.size();
    for (std::uint16_t s : successors) {
      const auto predecessors = units.PredecessorsOf(s);
      EXPECT_NE(std::find(predecessors.begin(), predecessors.end(), i), predecessors.end());
    }
  }
  EXPECT_EQ(split, 460u);
  std::size_t back = 0;
  for (std::uint16_t c = 0; c < units.communes().size(); ++c)
    back += units.PredecessorsOf(c).size();
  EXPECT_EQ(back, links);
  // Phường Đa Kao (26737) was split between Phường Sài Gòn (26740) and Phường Tân Định (26737).
  const int da_kao = units.FindOldCommune("26737");
  ASSERT_GE(da_kao, 0);
  EXPECT_EQ(units.old_communes()[static_cast<std::size_t>(da_kao)].name, "Phường Đa Kao");
  ASSERT_EQ(units.SuccessorsOf(static_cast<std::uint32_t>(da_kao)).size(), 2u);
  EXPECT_EQ(units.communes()[units.SuccessorsOf(static_cast<std::uint32_t>(da_kao))[0]].code,
            26740u);
  EXPECT_EQ(units.FindOldCommune("99999"), -1);
  EXPECT_EQ(units.FindOldCommune("2673"), -1);
  EXPECT_EQ(units.FindOldCommune("2673x"), -1);
}

TEST(AdminUnitsTest, Regions) {
  EXPECT_EQ(AdminUnits::RegionOf(1), Region::kNorth);
  EXPECT_EQ(AdminUnits::RegionOf(48), Region::kCentral);
  EXPECT_EQ(AdminUnits::RegionOf(79), Region::kSouth);
}

}  // namespace
}  // namespace ndxp::connectors
