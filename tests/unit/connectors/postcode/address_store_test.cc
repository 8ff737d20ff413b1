#include "connectors/postcode/address_store.h"

#include <gtest/gtest.h>

#include <set>

#include "connectors/common/admin_units.h"
#include "connectors/common/digital_address.h"
#include "connectors/common/postcodes.h"
#include "connectors/common/rng.h"
#include "connectors/common/text.h"
#include "connectors/postcode/geocoder.h"

namespace ndxp::connectors::postcode {
namespace {

struct Data {
  std::shared_ptr<const population::CitizenStore> citizens;
  std::shared_ptr<const business::EnterpriseStore> enterprises;
  std::shared_ptr<const AddressStore> addresses;
};

const Data& Shared() {
  static const Data* const kData = [] {
    auto* d = new Data();
    d->citizens = *population::CitizenStore::Generate(5, 3'000);
    d->enterprises = *business::EnterpriseStore::Generate(5, 300, d->citizens);
    d->addresses = *AddressStore::Generate(5, 2'000, d->citizens, d->enterprises);
    return d;
  }();
  return *kData;
}

const AddressStore& Store() { return *Shared().addresses; }

std::string FullText(const Address& a) {
  common::v1::Address out;
  FillAddress(a.street, a.commune, &out);
  return out.full_text();
}

TEST(AddressStoreTest, OneAddressPerHouseholdAndHeadOfficeAndTheOthers) {
  const Data& d = Shared();
  const std::size_t households = d.citizens->households().size();
  const std::size_t enterprises = d.enterprises->enterprises().size();
  EXPECT_EQ(Store().addresses().size(), households + enterprises + 2'000);
  for (std::uint32_t h = 0; h < households; ++h) {
    const Address& a = Store().OfHousehold(h);
    ASSERT_EQ(a.use, Use::kResidence);
    ASSERT_EQ(a.owner, h);
    ASSERT_EQ(a.commune, d.citizens->households()[h].commune);
    ASSERT_EQ(a.street, d.citizens->households()[h].street);
  }
  for (std::uint32_t e = 0; e < enterprises; ++e) {
    const Address& a = Store().OfEnterprise(e);
    ASSERT_EQ(a.use, Use::kBusiness);
    ASSERT_EQ(a.commune, d.enterprises->enterprises()[e].commune);
    ASSERT_EQ(a.street, d.enterprises->enterprises()[e].street);
  }
}

TEST(AddressStoreTest, CodesAreUniqueValidAndFindTheirAddress) {
  std::set<std::string> codes;
  const Address* previous = nullptr;
  for (const Address& a : Store().addresses()) {
    if (previous != nullptr) {
      ASSERT_TRUE(previous->commune < a.commune ||
                  (previous->commune == a.commune && previous->serial < a.serial));
    }
    previous = &a;
    ASSERT_LT(a.serial, kDigitalAddressSerials);
    const std::string code = Store().Code(a);
    ASSERT_TRUE(codes.insert(code).second) << code;
    auto parsed = ParseDigitalAddress(code);
    ASSERT_TRUE(parsed.ok()) << code;
    ASSERT_EQ(parsed->postcode, CommunePostcode(a.commune));
    ASSERT_EQ(Store().Find(a.commune, a.serial), &a);
  }
  std::size_t total = 0;
  for (std::uint16_t c = 0; c < AdminUnits::Get().communes().size(); ++c) {
    total += Store().InCommune(c).size();
  }
  EXPECT_EQ(total, Store().addresses().size());
}

TEST(AddressStoreTest, PositionsLieAroundTheirCommune) {
  for (const Address& a : Store().addresses()) {
    ASSERT_LE(DistanceMeters(a.location, CommuneCentre(a.commune)),
              CommuneRadius(a.commune) / 1e6 * 111'200 * 1.5);
  }
}

TEST(AddressStoreTest, DeterministicInItsInputs) {
  const Data& d = Shared();
  auto again = AddressStore::Generate(5, 2'000, d.citizens, d.enterprises);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->Fingerprint(), Store().Fingerprint());
  auto other = AddressStore::Generate(6, 2'000, d.citizens, d.enterprises);
  EXPECT_NE((*other)->Fingerprint(), Store().Fingerprint());
  EXPECT_GT(Store().MemoryBytes(), Store().addresses().size() * sizeof(Address));
  auto too_big = AddressStore::Generate(5, AddressStore::kMaxScale + 1, d.citizens, d.enterprises);
  EXPECT_EQ(too_big.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(SpatialIndexTest, NearestAgreesWithBruteForce) {
  Rng rng(99);
  std::vector<SpatialIndex::Entry> entries;
  for (std::uint32_t i = 0; i < 5'000; ++i) {
    entries.push_back({{static_cast<std::int32_t>(rng.Between(10'000'000, 11'000'000)),
                        static_cast<std::int32_t>(rng.Between(106'000'000, 107'000'000))},
                       i});
  }
  const SpatialIndex index(entries);
  for (int q = 0; q < 200; ++q) {
    const GeoPoint query{static_cast<std::int32_t>(rng.Between(9'900'000, 11'100'000)),
                         static_cast<std::int32_t>(rng.Between(105'900'000, 107'100'000))};
    const auto found = index.Nearest(query, 1'000'000, 3);
    ASSERT_EQ(found.size(), 3u);
    std::vector<std::pair<double, std::uint32_t>> all;
    for (const auto& e : entries) all.emplace_back(DistanceMeters(query, e.point), e.id);
    std::sort(all.begin(), all.end());
    // The flat metric may order two almost equidistant points differently: compare distances.
    for (std::size_t k = 0; k < 3; ++k) {
      EXPECT_NEAR(DistanceMeters(query, entries[found[k]].point), all[k].first, 1.0);
    }
  }
  EXPECT_TRUE(index.Nearest({0, 0}, 1'000, 1).empty());  // nothing within 1,000 µ°
  EXPECT_TRUE(SpatialIndex().Nearest({0, 0}, 1'000'000, 1).empty());
  EXPECT_TRUE(index.Nearest({10'500'000, 106'500'000}, 1'000'000, 0).empty());
}

TEST(GeocoderTest, FindsAHouseholdsAddressFromItsTextWithOrWithoutDiacritics) {
  const Geocoder geocoder(Shared().addresses);
  int found = 0, tried = 0;
  for (std::uint32_t h = 0; h < Shared().citizens->households().size(); h += 37) {
    const Address& a = Store().OfHousehold(h);
    for (const std::string& text : {FullText(a), FoldToAscii(FullText(a))}) {
      ++tried;
      const auto hits = geocoder.Find(text, -1, 50);
      ASSERT_FALSE(hits.empty()) << text;
      EXPECT_EQ(hits[0].level, MatchLevel::kHouse) << text;
      for (const auto& hit : hits) found += hit.address == &a ? 1 : 0;
    }
  }
  EXPECT_EQ(found, tried);
}

TEST(GeocoderTest, CommuneOnlyAndNothing) {
  const Geocoder geocoder(Shared().addresses);
  auto hits = geocoder.Find("phuong sai gon, tp hcm", -1, 10);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].level, MatchLevel::kCommune);
  EXPECT_EQ(AdminUnits::Get().communes()[hits[0].commune].name, "Phường Sài Gòn");
  EXPECT_TRUE(geocoder.Find("no such place at all", -1, 10).empty());
  EXPECT_TRUE(geocoder.Find("", -1, 10).empty());
  EXPECT_TRUE(geocoder.Find(std::string(10'000, '/'), -1, 10).empty());
  // A province filter that excludes the named commune.
  EXPECT_TRUE(geocoder.Find("phuong sai gon", AdminUnits::Get().FindProvince("01"), 10).empty());
  EXPECT_EQ(GeocodeTokens("Số 8, ngõ 12/3 Lê Lợi"),
            (std::vector<std::string>{"so", "8", "ngo", "12/3", "le", "loi"}));
}

TEST(GeocoderTest, PicksTheCommuneAStreetNameDoesNotHide) {
  const Geocoder geocoder(Shared().addresses);
  const AdminUnits& units = AdminUnits::Get();
  // "Hai Bà Trưng" is a street here and a ward of Hà Nội; the commune is the later name.
  auto hits = geocoder.Find("45/7 hai ba trung, sai gon", -1, 5);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(units.communes()[hits[0].commune].name, "Phường Sài Gòn");
  // Written with its diacritics, Vĩnh Thạnh ranks above Vĩnh Thanh and Vĩnh Thành.
  hits = geocoder.Find("Xã Vĩnh Thạnh", -1, 10);
  ASSERT_GE(hits.size(), 2u);
  EXPECT_EQ(units.communes()[hits[0].commune].name, "Xã Vĩnh Thạnh");
  EXPECT_GT(hits[0].score, hits.back().score);
}

TEST(GeocoderTest, APlainNumberIsAHouseOnTheStreetNotInAnAlley) {
  const Geocoder geocoder(Shared().addresses);
  for (const Address& a : Store().addresses()) {
    if (a.street.form != StreetForm::kAlley) continue;
    // "45/7 X, commune" without "/7" must not give the alley's house as a house-level match.
    common::v1::Address text;
    FillAddress(a.street, a.commune, &text);
    const std::string plain = std::to_string(a.street.number) + " " +
                              std::string(StreetName(a.street.street)) + ", " +
                              text.unit().commune_name();
    for (const auto& hit : geocoder.Find(plain, -1, 50)) {
      if (hit.address == &a) {
        EXPECT_EQ(hit.level, MatchLevel::kStreet) << plain;
      }
    }
    break;
  }
}

}  // namespace
}  // namespace ndxp::connectors::postcode
