#include "connectors/price/price_store.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "connectors/common/admin_units.h"
#include "connectors/common/dates.h"
#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors::price {
namespace {

std::shared_ptr<const PriceStore> Make(std::uint64_t seed, std::uint64_t days) {
  auto store = PriceStore::Generate(seed, days);
  EXPECT_TRUE(store.ok()) << store.status();
  return *store;
}

int Index(std::string_view code) { return *ParseCommodityCode(code, "c"); }
int Province(std::string_view code) { return AdminUnits::Get().FindProvince(code); }

TEST(CommodityCodeTest, ValidatesPartByPart) {
  EXPECT_EQ(*ParseCommodityCode("01.002", "c"), 1);
  EXPECT_EQ(*ParseCommodityCode("01.999", "c"), -1);  // well formed, not in the catalogue
  for (const char* bad : {"", "1.002", "01-002", "01.02", "0a.002", "01.002 ", "11.001", "00.001",
                          "01.000"}) {
    auto r = ParseCommodityCode(bad, "commodity_code");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(testing::ViolationField(r.status()), "commodity_code");
  }
  const auto all = Commodities();
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].code, all[i].code);
  for (const Commodity& c : all) {
    EXPECT_EQ(*ParseCommodityCode(c.code, "c"), &c - all.data());
    EXPECT_LT(GroupOf(c), static_cast<int>(CommodityGroups().size()));
  }
}

TEST(PriceStoreTest, DeterministicAndComplete) {
  auto a = Make(3, 200), b = Make(3, 200), c = Make(4, 200);
  EXPECT_EQ(a->Fingerprint(), b->Fingerprint());
  EXPECT_NE(a->Fingerprint(), c->Fingerprint());
  EXPECT_EQ(a->history_end(), ToDays(kSnapshotDate));
  EXPECT_EQ(a->history_start(), a->history_end() - 199);
  const int provinces = static_cast<int>(AdminUnits::Get().provinces().size());
  for (int ci = 0; ci < static_cast<int>(Commodities().size()); ++ci) {
    const Commodity& com = Commodities()[static_cast<std::size_t>(ci)];
    for (int p = 0; p < provinces; ++p) {
      for (std::int32_t d = a->FirstDay(ci); d <= a->history_end(); ++d) {
        auto price = a->Generated(ci, p, d);
        EXPECT_EQ(price.has_value(), PriceStore::IsObservationDay(com, d));
        if (price) {
          EXPECT_GT(*price, 0);
          EXPECT_EQ(*price % com.step_vnd, 0) << com.code;
        }
      }
      EXPECT_FALSE(a->Generated(ci, p, a->FirstDay(ci) - 7).has_value());
      EXPECT_FALSE(a->Generated(ci, p, a->history_end() + 7).has_value());
    }
  }
}

TEST(PriceStoreTest, PlausibleLevelsAndShapes) {
  auto store = Make(1, 730);
  const int hcm = Province("79"), hanoi = Province("01"), cao_bang = Province("04");
  const std::int32_t end = store->history_end();
  // Rice stays within 40% of its catalogue price.
  const int rice = Index("01.002");
  for (std::int32_t d = store->FirstDay(rice); d <= end; d += 17) {
    const auto price = *store->Generated(rice, hcm, d);
    EXPECT_GT(price, 15'500 * 6 / 10);
    EXPECT_LT(price, 15'500 * 14 / 10);
  }
  // Fuel: one national price on Thursdays, zone 2 a little dearer.
  const int petrol = Index("05.001");
  const std::int32_t thursday = store->LastDay(petrol);
  EXPECT_EQ(DayOfWeek(thursday), 3);
  EXPECT_EQ(*store->Generated(petrol, hcm, thursday), *store->Generated(petrol, hanoi, thursday));
  EXPECT_GT(*store->Generated(petrol, cao_bang, thursday), *store->Generated(petrol, hcm, thursday));
  // Electricity: the tariff of 10 May 2025 everywhere.
  const int power = Index("06.001");
  EXPECT_EQ(*store->Generated(power, hcm, store->LastDay(power)), 1'984);
  // Pork is dearer before Tết than in early summer, on average over provinces.
  const int pork = Index("02.001");
  std::int64_t tet = 0, summer = 0;
  for (int p = 0; p < 34; ++p) {
    tet += *store->Generated(pork, p, ToDays({2025, 1, 20}));
    summer += *store->Generated(pork, p, ToDays({2025, 5, 20}));
  }
  EXPECT_GT(tet, summer);
}

TEST(PriceStoreTest, WeeklyObservationDays) {
  const Commodity& cement = Commodities()[static_cast<std::size_t>(Index("08.001"))];
  const std::int32_t wednesday = ToDays({2025, 11, 26});
  EXPECT_EQ(PriceStore::ObservationDay(cement, wednesday), ToDays({2025, 11, 24}));
  EXPECT_EQ(PriceStore::ObservationDay(cement, ToDays({2025, 11, 24})), ToDays({2025, 11, 24}));
}

TEST(PriceStoreTest, DefaultScaleLoadsFast) {
  const auto start = std::chrono::steady_clock::now();
  auto store = Make(1, 0);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  std::printf("price: %zu observations generated in %lld ms (%zu KiB)\n", store->observation_count(),
              static_cast<long long>(ms), store->observation_count() * 4 / 1024);
  EXPECT_LT(ms, 2'000);
  EXPECT_FALSE(PriceStore::Generate(1, PriceStore::kMaxScale + 1).ok());
  EXPECT_FALSE(PriceStore::Generate(1, 5).ok());
}

}  // namespace
}  // namespace ndxp::connectors::price
