#include "connectors/common/catalogs.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "connectors/common/dates.h"

namespace ndxp::connectors {
namespace {

TEST(CatalogsTest, ListsAreOrderedByIdAndTheirEntriesByUniqueCode) {
  std::string previous_id;
  for (const CatalogList& list : CatalogLists()) {
    EXPECT_LT(previous_id, list.id);
    previous_id = std::string(list.id);
    EXPECT_FALSE(list.name.empty()) << list.id;
    EXPECT_FALSE(list.description.empty()) << list.id;
    EXPECT_FALSE(list.source.empty()) << list.id;
    EXPECT_EQ(FindCatalogList(list.id), &list);
    std::string previous_code;
    for (const CatalogEntry& entry : list.entries) {
      EXPECT_LT(previous_code, entry.code) << list.id;
      previous_code = std::string(entry.code);
      EXPECT_FALSE(entry.name.empty()) << list.id << " " << entry.code;
      EXPECT_LE(entry.valid_from, entry.valid_to) << list.id << " " << entry.code;
      EXPECT_EQ(FindCatalogEntry(list, entry.code), &entry);
    }
  }
  EXPECT_EQ(FindCatalogList("no-such-list"), nullptr);
}

TEST(CatalogsTest, HoldsThe54EthnicGroupsInTheStatisticsOfficeOrder) {
  const CatalogList* list = FindCatalogList("ethnic-groups");
  ASSERT_NE(list, nullptr);
  ASSERT_EQ(list->entries.size(), 54u);
  EXPECT_EQ(EthnicGroupName(1), "Kinh");
  EXPECT_EQ(EthnicGroupName(4), "Hoa");
  EXPECT_EQ(EthnicGroupName(5), "Khơ-me");
  EXPECT_EQ(EthnicGroupName(54), "Rơ-măm");
  EXPECT_EQ(EthnicGroupName(0), "");
  EXPECT_EQ(EthnicGroupName(55), "");
  std::set<std::string_view> names;
  for (int code = 1; code <= kEthnicGroupCount; ++code) names.insert(EthnicGroupName(code));
  EXPECT_EQ(names.size(), 54u);
}

TEST(CatalogsTest, ReligionsStartWithNone) {
  EXPECT_EQ(ReligionName(0), "Không");
  EXPECT_EQ(ReligionName(1), "Phật giáo");
  EXPECT_EQ(ReligionName(7), "Bà-la-môn");
  EXPECT_EQ(ReligionName(-1), "");
  EXPECT_EQ(ReligionName(kReligionCount), "");
  EXPECT_EQ(FindCatalogList("religions")->entries.size(), 17u);
}

TEST(CatalogsTest, Nationalities) {
  EXPECT_EQ(NationalityName("VN"), "Việt Nam");
  EXPECT_EQ(NationalityName("LA"), "Lào");
  EXPECT_EQ(NationalityName("vn"), "");
  EXPECT_EQ(NationalityName(""), "");
}

TEST(CatalogsTest, AgenciesChangedOnTheFirstOfMarch2025) {
  const CatalogList& agencies = *FindCatalogList("agencies");
  const std::int32_t before = ToDays({2025, 2, 28}), after = ToDays({2025, 3, 1});
  const CatalogEntry& monre = *FindCatalogEntry(agencies, "BTNMT");
  const CatalogEntry& mae = *FindCatalogEntry(agencies, "BNNMT");
  EXPECT_TRUE(monre.InForceOn(before));
  EXPECT_FALSE(monre.InForceOn(after));
  EXPECT_FALSE(mae.InForceOn(before));
  EXPECT_TRUE(mae.InForceOn(after));
  EXPECT_TRUE(FindCatalogEntry(agencies, "BCA")->InForceOn(before));
  EXPECT_TRUE(FindCatalogEntry(agencies, "BCA")->InForceOn(after));
}

}  // namespace
}  // namespace ndxp::connectors
