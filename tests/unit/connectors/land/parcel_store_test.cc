#include "connectors/land/parcel_store.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "connectors/common/admin_units.h"
#include "connectors/common/dates.h"
#include "connectors/common/land_ids.h"
#include "connectors/land/geometry.h"
#include "connectors/land/land_use_types.h"
#include "connectors/land/land_view.h"
#include "ndxp/business/v1/business.pb.h"
#include "ndxp/land/v1/land.pb.h"

namespace ndxp::connectors::land {
namespace {

namespace pb = ::ndxp::land::v1;

class ParcelStoreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    citizens_ = new std::shared_ptr<const population::CitizenStore>(
        *population::CitizenStore::Generate(3, 8'000));
    enterprises_ = new std::shared_ptr<const business::EnterpriseStore>(
        *business::EnterpriseStore::Generate(4, 1'500, *citizens_));
    auto store = ParcelStore::Generate(5, 6'000, *citizens_, *enterprises_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = new std::shared_ptr<const ParcelStore>(*store);
  }
  static void TearDownTestSuite() {
    delete store_;
    delete enterprises_;
    delete citizens_;
  }
  const ParcelStore& store() { return **store_; }

  static std::shared_ptr<const population::CitizenStore>* citizens_;
  static std::shared_ptr<const business::EnterpriseStore>* enterprises_;
  static std::shared_ptr<const ParcelStore>* store_;
};
std::shared_ptr<const population::CitizenStore>* ParcelStoreTest::citizens_ = nullptr;
std::shared_ptr<const business::EnterpriseStore>* ParcelStoreTest::enterprises_ = nullptr;
std::shared_ptr<const ParcelStore>* ParcelStoreTest::store_ = nullptr;

TEST_F(ParcelStoreTest, SizeAndScaleLimits) {
  EXPECT_EQ(store().parcels().size(), 6'000u);
  EXPECT_EQ(ParcelStore::Generate(1, ParcelStore::kMaxScale + 1, *citizens_, *enterprises_)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParcelStore::Generate(1, 10, nullptr, *enterprises_).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(ParcelStoreTest, Deterministic) {
  auto again = ParcelStore::Generate(5, 6'000, *citizens_, *enterprises_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->Fingerprint(), store().Fingerprint());
  auto other = ParcelStore::Generate(6, 6'000, *citizens_, *enterprises_);
  EXPECT_NE((*other)->Fingerprint(), store().Fingerprint());
  // Answers are the same text too (geometry included).
  pb::Parcel a, b;
  FillParcel(store(), store().parcels()[1234], &a);
  FillParcel(**again, (*again)->parcels()[1234], &b);
  EXPECT_EQ(a.SerializeAsString(), b.SerializeAsString());
}

TEST_F(ParcelStoreTest, ParcelKeysAreUniqueSortedAndValid) {
  const AdminUnits& units = AdminUnits::Get();
  std::uint64_t previous = 0;
  for (const Parcel& p : store().parcels()) {
    EXPECT_GT(p.key, previous);
    previous = p.key;
    EXPECT_EQ(p.commune_code(), units.communes()[p.commune].code);
    EXPECT_TRUE(CheckMapSheet(p.map_sheet()).ok());
    EXPECT_TRUE(CheckParcelNumber(p.parcel_number()).ok());
    auto ref = ParseParcelId(ParcelIdOf(p));
    ASSERT_TRUE(ref.ok()) << ParcelIdOf(p);
    EXPECT_EQ(store().FindParcel(p.commune_code(), ref->map_sheet, ref->parcel_number), &p);
    EXPECT_NE(units.communes()[p.commune].code, 20333u);  // Hoàng Sa has no holders
  }
  const Parcel& p = store().parcels()[10];
  EXPECT_EQ(store().FindParcel(p.commune_code(), p.map_sheet(), 99'999), nullptr);
  EXPECT_FALSE(store().InCommune(p.commune).empty());
  for (const Parcel& q : store().InCommune(p.commune)) EXPECT_EQ(q.commune, p.commune);
}

TEST_F(ParcelStoreTest, HoldersAndLandUseAreConsistent) {
  const auto& population = store().population();
  const AdminUnits& units = AdminUnits::Get();
  std::map<std::string_view, int> by_type;
  int enterprise = 0, joint = 0;
  for (const Parcel& p : store().parcels()) {
    const LandUseType& type = LandUseTypes()[p.land_use];
    ++by_type[type.code];
    const bool ward = units.communes()[p.commune].kind == CommuneKind::kWard;
    if (p.holder_kind == pb::HOLDER_KIND_ENTERPRISE) {
      ++enterprise;
      const business::Enterprise& e = store().business().enterprises()[p.holder];
      EXPECT_EQ(p.commune, e.commune);
      EXPECT_TRUE(type.code == "TMD" || type.code == "SKC" || type.code == "SKK") << type.code;
      EXPECT_NE(e.status, ::ndxp::business::v1::OPERATING_STATUS_DISSOLVED);
    } else {
      ASSERT_EQ(p.holder_kind, pb::HOLDER_KIND_INDIVIDUAL);
      const population::Citizen& c = population.citizens()[p.holder];
      const population::Household& h = population.households()[c.household];
      EXPECT_EQ(p.commune, h.commune) << "a household's land is in its commune";
      EXPECT_EQ(population.MembersOf(h).data(), &c) << "the holder heads the household";
      if (type.code == "ODT" || type.code == "ONT") {
        EXPECT_EQ(type.code == "ODT", ward);
        EXPECT_TRUE(p.street == h.street) << "the household lives on its residential parcel";
      }
      if (p.joint) {
        ++joint;
        EXPECT_NE(c.spouse, population::kNoCitizen);
      }
    }
    EXPECT_GT(p.area_dm2, 0u);
  }
  EXPECT_GT(enterprise, 300);
  EXPECT_GT(joint, 500);
  EXPECT_GT(by_type["ONT"], 1000);
  EXPECT_GT(by_type["ODT"], 500);
  EXPECT_GT(by_type["LUC"], 300);
  EXPECT_GT(by_type["CLN"], 200);
}

TEST_F(ParcelStoreTest, CertificatesMatchTheirParcels) {
  const std::int32_t last = ToDays(kSnapshotDate);
  std::set<std::uint64_t> serials;
  std::size_t covered = 0;
  for (const Certificate& c : store().certificates()) {
    EXPECT_TRUE(serials.insert(c.serial_key).second) << "serials are unique";
    ASSERT_GT(c.parcel_count, 0);
    covered += c.parcel_count;
    const std::string serial = SerialOf(c);
    auto parsed = ParseCertificateSerial(serial);
    ASSERT_TRUE(parsed.ok()) << serial;
    EXPECT_EQ(CertificateSerialKey(*parsed), c.serial_key);
    EXPECT_EQ(store().FindCertificate(c.serial_key), &c);
    // The form follows the date of issue.
    const CivilDate issued = FromDays(c.issue_day);
    EXPECT_LT(c.issue_day, last);
    EXPECT_GE(issued.year, 1994);
    if (c.issue_day >= ToDays({2024, 8, 1})) {
      EXPECT_EQ(c.digits, 8) << serial;
    } else {
      EXPECT_EQ(c.digits, 6) << serial;
      EXPECT_EQ(c.letters[1] == 0, c.issue_day < ToDays({2009, 12, 10})) << serial;
    }
    const Parcel& first = store().parcels()[store().ParcelsOf(c).front()];
    for (std::uint32_t i : store().ParcelsOf(c)) {
      const Parcel& p = store().parcels()[i];
      EXPECT_EQ(p.certificate, store().IndexOf(c));
      EXPECT_EQ(p.holder, first.holder) << "one certificate, one holder";
      EXPECT_EQ(p.holder_kind, first.holder_kind);
    }
    if (first.holder_kind == pb::HOLDER_KIND_INDIVIDUAL) {
      const auto& citizen = store().population().citizens()[first.holder];
      EXPECT_GE(issued.year, FromDays(citizen.birth_day).year + 18) << "issued to an adult";
    } else {
      EXPECT_GE(c.issue_day, store().business().enterprises()[first.holder].registration_day);
    }
  }
  std::size_t with_certificate = 0;
  for (const Parcel& p : store().parcels()) with_certificate += p.certificate != kNoCertificate;
  EXPECT_EQ(covered, with_certificate);
  EXPECT_GT(with_certificate, store().parcels().size() * 85 / 100);
  EXPECT_LT(with_certificate, store().parcels().size());
  EXPECT_LT(store().certificates().size(), with_certificate) << "some certificates cover several";
}

TEST_F(ParcelStoreTest, GeometryIsAPolygonOfTheParcelsArea) {
  for (std::size_t i = 0; i < store().parcels().size(); i += 97) {
    const Parcel& p = store().parcels()[i];
    const double area = p.area_dm2 / 10.0;
    const ParcelShape shape = ShapeOf(p.key, p.commune, area, false);
    // Shoelace formula in local metres.
    const double lat0 = shape.centroid.latitude;
    const double k = 111'320.0 * std::cos(lat0 * 3.14159265358979 / 180.0);
    double twice = 0;
    for (int j = 0; j < 4; ++j) {
      const LatLon& a = shape.corners[j];
      const LatLon& b = shape.corners[(j + 1) % 4];
      twice += (a.longitude * k) * (b.latitude * 110'574.0) -
               (b.longitude * k) * (a.latitude * 110'574.0);
    }
    EXPECT_NEAR(twice / 2, area, area * 0.01 + 0.5) << "counter-clockwise, of the parcel's area";
    EXPECT_GT(shape.centroid.latitude, 7.5);
    EXPECT_LT(shape.centroid.latitude, 24.0);
    EXPECT_GT(shape.centroid.longitude, 101.5);
    EXPECT_LT(shape.centroid.longitude, 110.5);
    const std::string json = PolygonGeoJson(shape);
    EXPECT_TRUE(json.starts_with(R"({"type":"Polygon","coordinates":[[[)")) << json;
    EXPECT_TRUE(json.ends_with("]]]}")) << json;
  }
}

}  // namespace
}  // namespace ndxp::connectors::land
