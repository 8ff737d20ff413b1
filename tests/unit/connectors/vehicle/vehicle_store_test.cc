#include "connectors/vehicle/vehicle_store.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "connectors/common/admin_units.h"
#include "connectors/common/vin.h"
#include "connectors/vehicle/inspection_rules.h"
#include "connectors/vehicle/vehicle_models.h"
#include "connectors/vehicle/vehicle_view.h"
#include "ndxp/business/v1/business.pb.h"
#include "ndxp/vehicle/v1/vehicle.pb.h"

namespace ndxp::connectors::vehicle {
namespace {

namespace pb = ::ndxp::vehicle::v1;

class VehicleStoreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    citizens_ = new std::shared_ptr<const population::CitizenStore>(
        *population::CitizenStore::Generate(3, 8'000));
    enterprises_ = new std::shared_ptr<const business::EnterpriseStore>(
        *business::EnterpriseStore::Generate(4, 1'500, *citizens_));
    auto store = VehicleStore::Generate(7, 5'000, *citizens_, *enterprises_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = new std::shared_ptr<const VehicleStore>(*store);
  }
  static void TearDownTestSuite() {
    delete store_;
    delete enterprises_;
    delete citizens_;
  }
  const VehicleStore& store() { return **store_; }

  static std::shared_ptr<const population::CitizenStore>* citizens_;
  static std::shared_ptr<const business::EnterpriseStore>* enterprises_;
  static std::shared_ptr<const VehicleStore>* store_;
};
std::shared_ptr<const population::CitizenStore>* VehicleStoreTest::citizens_ = nullptr;
std::shared_ptr<const business::EnterpriseStore>* VehicleStoreTest::enterprises_ = nullptr;
std::shared_ptr<const VehicleStore>* VehicleStoreTest::store_ = nullptr;

TEST_F(VehicleStoreTest, SizeDeterminismAndLimits) {
  EXPECT_EQ(store().vehicles().size(), 5'000u);
  auto again = VehicleStore::Generate(7, 5'000, *citizens_, *enterprises_);
  EXPECT_EQ((*again)->Fingerprint(), store().Fingerprint());
  auto other = VehicleStore::Generate(8, 5'000, *citizens_, *enterprises_);
  EXPECT_NE((*other)->Fingerprint(), store().Fingerprint());
  EXPECT_EQ(VehicleStore::Generate(1, VehicleStore::kMaxScale + 1, *citizens_, *enterprises_)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(VehicleStore::Generate(1, 5, *citizens_, nullptr).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(VehicleStoreTest, IdentifiersAreValidUniqueAndFound) {
  std::set<std::string> vins;
  std::uint64_t previous = 0;
  for (const Vehicle& v : store().vehicles()) {
    EXPECT_GT(v.plate_key, previous) << "plates unique and sorted";
    previous = v.plate_key;
    const std::string plate = FormatLicencePlate(v.plate);
    auto parsed = ParseLicencePlate(plate);
    ASSERT_TRUE(parsed.ok()) << plate << ": " << parsed.status();
    EXPECT_EQ(store().FindByPlate(*parsed), &v);
    const std::string vin = store().Vin(v);
    auto vin_ok = ParseVin(vin);
    ASSERT_TRUE(vin_ok.ok()) << vin << ": " << vin_ok.status();
    EXPECT_EQ(vin[8], *VinCheckDigit(vin)) << "every generated VIN carries its check digit";
    EXPECT_EQ(vin[9], VinModelYearCode(v.manufacture_year));
    EXPECT_TRUE(vins.insert(vin).second) << vin;
    EXPECT_EQ(store().FindByVin(vin), &v);
  }
  EXPECT_EQ(store().FindByVin("1M8GDM9AXKP042788"), nullptr);
  EXPECT_EQ(store().FindByPlate(*ParseLicencePlate("29-B1 123.45")), nullptr);
}

TEST_F(VehicleStoreTest, OwnersAndPlatesAgree) {
  const AdminUnits& units = AdminUnits::Get();
  const auto& population = store().population();
  std::map<std::uint8_t, int> kinds;
  int enterprise_trucks = 0, trucks = 0;
  for (const Vehicle& v : store().vehicles()) {
    const VehicleModel& m = VehicleModels()[v.model];
    ++kinds[m.kind];
    EXPECT_GE(v.manufacture_year, m.first_year);
    EXPECT_LE(v.manufacture_year, m.last_year);
    EXPECT_GE(FromDays(v.registration_day).year, v.manufacture_year);
    EXPECT_LT(v.registration_day, ToDays(kSnapshotDate));
    int old_province = 0;
    if (v.owner_kind == pb::OWNER_KIND_ENTERPRISE) {
      const business::Enterprise& e = store().business().enterprises()[v.owner];
      EXPECT_EQ(e.status, ::ndxp::business::v1::OPERATING_STATUS_ACTIVE);
      EXPECT_GE(v.registration_day, e.registration_day);
      old_province = units.old_provinces()[units.communes()[e.commune].old_province].code;
    } else {
      ASSERT_EQ(v.owner_kind, pb::OWNER_KIND_INDIVIDUAL);
      const population::Citizen& c = population.citizens()[v.owner];
      EXPECT_EQ(c.relation, 1) << "household heads own the vehicles";
      EXPECT_GE(FromDays(v.registration_day).year, FromDays(c.birth_day).year + 18);
      const population::Household& h = population.households()[c.household];
      old_province = units.old_provinces()[units.communes()[h.commune].old_province].code;
    }
    EXPECT_EQ(PlateProvince(v.plate.local_code), old_province)
        << "the plate carries a code of the owner's province";
    const std::string_view series(v.plate.series);
    if (m.kind == pb::VEHICLE_KIND_SEMI_TRAILER) {
      EXPECT_EQ(series, "R");
    }
    if (m.kind == pb::VEHICLE_KIND_BUS) {
      EXPECT_TRUE(series == "B" || series == "LD");
    }
    if (m.kind == pb::VEHICLE_KIND_TRUCK) {
      ++trucks;
      enterprise_trucks += v.owner_kind == pb::OWNER_KIND_ENTERPRISE;
    }
    EXPECT_EQ(v.plate.five_digits, v.registration_day >= ToDays({2010, 10, 1}));
  }
  EXPECT_GT(kinds[pb::VEHICLE_KIND_PASSENGER_CAR], 2'500);
  EXPECT_GT(kinds[pb::VEHICLE_KIND_TRUCK], 800);
  EXPECT_GT(kinds[pb::VEHICLE_KIND_SEMI_TRAILER], 50);
  EXPECT_GT(enterprise_trucks * 2, trucks) << "most trucks belong to enterprises";
}

TEST_F(VehicleStoreTest, InspectionsFollowTheCycles) {
  const std::int32_t snapshot = ToDays(kSnapshotDate);
  std::set<std::uint64_t> certificates;
  int failed = 0, overdue = 0;
  for (const Vehicle& v : store().vehicles()) {
    const VehicleModel& m = VehicleModels()[v.model];
    const auto list = store().InspectionsOf(v);
    ASSERT_FALSE(list.empty());
    EXPECT_EQ(list.front().day, v.registration_day) << "first inspected when registered";
    EXPECT_TRUE(list.front().passed());
    if (!list.back().passed()) {  // a failure is re-inspected within days
      EXPECT_GT(list.back().day, AddWorkingDays(snapshot, -8));
    }
    const int limit = LifetimeLimitYear(m.kind, v.manufacture_year);
    std::int32_t previous = 0;
    bool first = true;
    for (const InspectionRecord& r : list) {
      EXPECT_EQ(r.vehicle, store().IndexOf(v));
      EXPECT_GT(r.day, previous);
      EXPECT_LT(r.day, snapshot);
      previous = r.day;
      if (!r.passed()) {
        ++failed;
        EXPECT_EQ(r.valid_until_day, 0);
        continue;
      }
      const int age = FromDays(r.day).year - v.manufacture_year;
      EXPECT_EQ(r.cycle_months, CycleMonths(m.kind, v.commercial, age, first));
      first = false;
      EXPECT_GT(r.valid_until_day, r.day);
      EXPECT_LE(r.valid_until_day - r.day, r.cycle_months * 31);
      if (limit != 0) {
        EXPECT_LE(FromDays(r.valid_until_day).year, limit);
      }
      EXPECT_TRUE(certificates.insert(InspectionCertificateKey(store().CertificateOf(r))).second);
      EXPECT_EQ(store().FindByCertificate(store().CertificateOf(r)), &r);
      // Inspected in the province of the plate.
      EXPECT_EQ(AdminUnits::Get().old_provinces()[store().centres()[r.centre].old_province].code,
                PlateProvince(v.plate.local_code));
    }
    overdue += list.back().valid_until_day < snapshot;
  }
  EXPECT_GT(failed, 50);
  EXPECT_GT(overdue, 10);
  EXPECT_LT(overdue, static_cast<int>(store().vehicles().size() / 4));
}

TEST_F(VehicleStoreTest, CycleTable) {
  EXPECT_EQ(CycleMonths(pb::VEHICLE_KIND_PASSENGER_CAR, false, 0, true), 36);
  EXPECT_EQ(CycleMonths(pb::VEHICLE_KIND_PASSENGER_CAR, false, 5, false), 24);
  EXPECT_EQ(CycleMonths(pb::VEHICLE_KIND_PASSENGER_CAR, false, 12, false), 12);
  EXPECT_EQ(CycleMonths(pb::VEHICLE_KIND_PASSENGER_CAR, false, 21, false), 6);
  EXPECT_EQ(CycleMonths(pb::VEHICLE_KIND_PASSENGER_CAR, true, 0, true), 24);
  EXPECT_EQ(CycleMonths(pb::VEHICLE_KIND_PASSENGER_CAR, true, 6, false), 6);
  EXPECT_EQ(CycleMonths(pb::VEHICLE_KIND_TRUCK, false, 3, false), 12);
  EXPECT_EQ(CycleMonths(pb::VEHICLE_KIND_TRUCK, false, 10, false), 6);
  EXPECT_EQ(CycleMonths(pb::VEHICLE_KIND_TRUCK, false, 22, false), 3);
  EXPECT_EQ(CycleMonths(pb::VEHICLE_KIND_BUS, true, 16, false), 3);
  EXPECT_EQ(LifetimeLimitYear(pb::VEHICLE_KIND_TRUCK, 2001), 2026);
  EXPECT_EQ(LifetimeLimitYear(pb::VEHICLE_KIND_BUS, 2010), 2030);
  EXPECT_EQ(LifetimeLimitYear(pb::VEHICLE_KIND_PASSENGER_CAR, 2010), 0);
}

TEST_F(VehicleStoreTest, ModelTableIsConsistent) {
  std::set<std::string> prefixes;
  for (const VehicleModel& m : VehicleModels()) {
    EXPECT_EQ(m.wmi.size(), 3u) << m.model_code;
    EXPECT_EQ(m.descriptor.size(), 5u) << m.model_code;
    EXPECT_TRUE(prefixes.insert(std::string(m.wmi) + std::string(m.descriptor)).second)
        << m.model_code << ": VIN prefixes are distinct";
    EXPECT_LE(m.first_year, m.last_year);
    EXPECT_GE(m.gross_kg, m.kerb_kg + m.payload_kg) << m.model_code;
    EXPECT_FALSE(KindName(m.kind).empty());
    EXPECT_EQ(m.fuel == pb::FUEL_NONE, m.engine_code.empty() && m.displacement_cc == 0 &&
                                           m.kind == pb::VEHICLE_KIND_SEMI_TRAILER)
        << m.model_code;
  }
}

}  // namespace
}  // namespace ndxp::connectors::vehicle
