#include "connectors/land/land_connector.h"

#include <gtest/gtest.h>

#include "connectors/common/admin_units.h"
#include "connectors/common/enterprise_code.h"
#include "connectors/common/personal_id.h"
#include "connectors/land/land_view.h"
#include "gateway/core/route_table.h"
#include "ndxp/land/v1/land.pb.h"
#include "tests/unit/connectors/connector_calls.h"
#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors::land {
namespace {

namespace pb = ::ndxp::land::v1;
using testing::Call;
using testing::ErrorReason;
using testing::FindHandler;
using testing::ViolationField;

class LandConnectorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto citizens = population::CitizenStore::Generate(3, 6'000);
    ASSERT_TRUE(citizens.ok());
    auto enterprises = business::EnterpriseStore::Generate(4, 1'000, *citizens);
    ASSERT_TRUE(enterprises.ok());
    auto store = ParcelStore::Generate(5, 4'000, *citizens, *enterprises);
    ASSERT_TRUE(store.ok()) << store.status();
    connector_ = new LandConnector(*store);
    handlers_ = new std::vector<core::MethodHandler>(connector_->Handlers());
  }
  static void TearDownTestSuite() {
    delete handlers_;
    delete connector_;
  }
  const core::MethodHandler& H(std::string_view method) { return *FindHandler(*handlers_, method); }
  const ParcelStore& store() { return *connector_->store(); }
  template <typename T>
  static const T& As(const testing::CallResult& r, std::size_t i = 0) {
    return static_cast<const T&>(*r.responses.at(i));
  }
  // A parcel held by an individual, with a certificate covering several parcels if there is one.
  const Parcel& SharedCertificateParcel() {
    for (const Parcel& p : store().parcels()) {
      if (p.certificate != kNoCertificate &&
          store().certificates()[p.certificate].parcel_count > 1) {
        return p;
      }
    }
    return store().parcels()[0];
  }
  absl::Status GetStatus(const pb::GetParcelRequest& req) {
    return Call(H("GetParcel"), req).status;
  }

  static LandConnector* connector_;
  static std::vector<core::MethodHandler>* handlers_;
};
LandConnector* LandConnectorTest::connector_ = nullptr;
std::vector<core::MethodHandler>* LandConnectorTest::handlers_ = nullptr;

TEST_F(LandConnectorTest, PersonalDataFlags) {
  EXPECT_EQ(connector_->name(), "land");
  ASSERT_EQ(handlers_->size(), static_cast<std::size_t>(connector_->service().method_count()));
  EXPECT_TRUE(core::MethodReadsPersonalData(*H("GetParcel").method));
  EXPECT_TRUE(core::MethodReadsPersonalData(*H("FindParcelsByCertificate").method));
  EXPECT_FALSE(core::MethodReadsPersonalData(*H("GetLandUsePlan").method));
}

TEST_F(LandConnectorTest, GetParcelByPartsAndById) {
  const Parcel& p = SharedCertificateParcel();
  pb::GetParcelRequest req;
  req.set_commune_code(std::string(AdminUnits::Get().communes()[p.commune].code_text));
  req.set_map_sheet_number(p.map_sheet());
  req.set_parcel_number(p.parcel_number());
  auto result = Call(H("GetParcel"), req);
  ASSERT_TRUE(result.status.ok()) << result.status;
  const pb::Parcel& parcel = As<pb::GetParcelResponse>(result).parcel();
  EXPECT_EQ(parcel.parcel_id(), ParcelIdOf(p));
  EXPECT_EQ(parcel.unit().commune_code(), req.commune_code());
  EXPECT_EQ(parcel.map_sheet_number(), p.map_sheet());
  EXPECT_EQ(parcel.parcel_number(), p.parcel_number());
  EXPECT_EQ(parcel.land_use_code().size(), 3u);
  EXPECT_FALSE(parcel.land_use_name().empty());
  EXPECT_NEAR(parcel.area_m2(), p.area_dm2 / 10.0, 1e-9);
  EXPECT_NE(parcel.geometry_geojson().find("\"Polygon\""), std::string::npos);
  EXPECT_FALSE(parcel.address().full_text().empty());
  EXPECT_FALSE(parcel.certificate_serial().empty());
  if (parcel.holder().kind() == pb::HOLDER_KIND_INDIVIDUAL) {
    EXPECT_TRUE(IsValidPersonalId(parcel.holder().personal_id()));
  } else {
    EXPECT_TRUE(IsValidEnterpriseCode(parcel.holder().enterprise_code()));
  }

  pb::GetParcelRequest by_id;
  by_id.set_parcel_id(parcel.parcel_id());
  auto again = Call(H("GetParcel"), by_id);
  ASSERT_TRUE(again.status.ok()) << again.status;
  EXPECT_EQ(As<pb::GetParcelResponse>(again).SerializeAsString(),
            As<pb::GetParcelResponse>(result).SerializeAsString());
}

TEST_F(LandConnectorTest, GetParcelErrors) {
  const Parcel& p = store().parcels()[store().parcels().size() / 3];
  const std::string commune(AdminUnits::Get().communes()[p.commune].code_text);
  const auto bad = [&](const pb::GetParcelRequest& req, std::string_view field) {
    const absl::Status s = GetStatus(req);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << req.ShortDebugString();
    EXPECT_EQ(ViolationField(s), field) << req.ShortDebugString();
  };
  pb::GetParcelRequest req;
  bad(req, "commune_code");
  req.set_commune_code("2673");
  req.set_map_sheet_number(1);
  req.set_parcel_number(1);
  bad(req, "commune_code");
  req.set_commune_code(commune);
  for (int sheet : {0, -1, 10'000, 2'147'483'647}) {
    req.set_map_sheet_number(sheet);
    bad(req, "map_sheet_number");
  }
  req.set_map_sheet_number(1);
  for (int number : {0, -7, 100'000}) {
    req.set_parcel_number(number);
    bad(req, "parcel_number");
  }
  req.set_parcel_number(1);
  req.set_parcel_id(ParcelIdOf(p));
  bad(req, "parcel_id");  // both forms at once
  pb::GetParcelRequest by_id;
  for (const char* id : {"x", "26740--1", "\xFF\xFE-1-1", "26740-1-1-1"}) {
    by_id.set_parcel_id(id);
    bad(by_id, "parcel_id");
  }
  // Malformed parts win over an absent commune.
  req.Clear();
  req.set_commune_code("99999");
  req.set_map_sheet_number(0);
  req.set_parcel_number(1);
  bad(req, "map_sheet_number");

  // Well formed, absent.
  req.set_map_sheet_number(p.map_sheet());
  absl::Status s = GetStatus(req);
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(s), "COMMUNE_NOT_FOUND");
  req.set_commune_code(commune);
  req.set_parcel_number(99'999);
  s = GetStatus(req);
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(s), "PARCEL_NOT_FOUND");
  by_id.set_parcel_id("00001-1-1");  // a commune dissolved on 1 July 2025
  s = GetStatus(by_id);
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(s), "COMMUNE_NOT_FOUND");
}

TEST_F(LandConnectorTest, FindParcelsByCertificate) {
  const Parcel& p = SharedCertificateParcel();
  const Certificate& c = store().certificates()[p.certificate];
  ASSERT_GT(c.parcel_count, 1);
  pb::FindParcelsByCertificateRequest req;
  std::string compact = SerialOf(c);
  compact.erase(compact.find(' '), 1);
  for (const std::string& serial : {SerialOf(c), compact}) {
    req.set_certificate_serial(serial);
    auto result = Call(H("FindParcelsByCertificate"), req);
    ASSERT_TRUE(result.status.ok()) << result.status;
    const auto& resp = As<pb::FindParcelsByCertificateResponse>(result);
    EXPECT_EQ(resp.certificate().certificate_serial(), SerialOf(c));
    ASSERT_EQ(resp.parcels_size(), c.parcel_count);
    ASSERT_EQ(resp.certificate().parcel_ids_size(), c.parcel_count);
    for (int i = 0; i < resp.parcels_size(); ++i) {
      EXPECT_EQ(resp.parcels(i).certificate_serial(), SerialOf(c));
      EXPECT_EQ(resp.parcels(i).parcel_id(), resp.certificate().parcel_ids(i));
      EXPECT_EQ(resp.parcels(i).holder().SerializeAsString(),
                resp.certificate().holder().SerializeAsString());
    }
    EXPECT_FALSE(resp.certificate().issuing_authority().empty());
    EXPECT_EQ(resp.certificate().register_entry_number().size(), 7u);
  }
  for (const char* bad : {"", "CS 12345", "123456", "ÂB 123456", "CS 1234567"}) {
    req.set_certificate_serial(bad);
    auto result = Call(H("FindParcelsByCertificate"), req);
    EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(ViolationField(result.status), "certificate_serial") << bad;
  }
  req.set_certificate_serial("ZZ 999999");
  auto result = Call(H("FindParcelsByCertificate"), req);
  EXPECT_EQ(result.status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(result.status), "LAND_CERTIFICATE_NOT_FOUND");
}

TEST_F(LandConnectorTest, GetLandUsePlan) {
  const Parcel& p = store().parcels()[0];
  pb::GetLandUsePlanRequest req;
  req.set_commune_code(std::string(AdminUnits::Get().communes()[p.commune].code_text));
  auto result = Call(H("GetLandUsePlan"), req);
  ASSERT_TRUE(result.status.ok()) << result.status;
  const auto& resp = As<pb::GetLandUsePlanResponse>(result);
  EXPECT_EQ(resp.unit().commune_code(), req.commune_code());
  ASSERT_EQ(resp.plans_size(), 2);
  EXPECT_EQ(resp.plans(0).kind(), pb::PLAN_KIND_MASTER_PLAN);
  EXPECT_EQ(resp.plans(0).start_year(), 2021);
  EXPECT_EQ(resp.plans(0).end_year(), 2030);
  EXPECT_EQ(resp.plans(1).kind(), pb::PLAN_KIND_ANNUAL_PLAN);
  EXPECT_EQ(resp.plans(1).start_year(), 2025);
  for (const auto& plan : resp.plans()) {
    EXPECT_NE(plan.approval_decision().find("/QĐ-UBND"), std::string::npos);
    EXPECT_GT(plan.natural_area_ha(), 0);
    double now = 0, planned = 0;
    for (const auto& a : plan.allocations()) {
      EXPECT_GE(a.current_area_ha(), 0);
      EXPECT_GE(a.planned_area_ha(), 0);
      now += a.current_area_ha();
      planned += a.planned_area_ha();
    }
    EXPECT_NEAR(now, plan.natural_area_ha(), 1.0);
    EXPECT_NEAR(planned, plan.natural_area_ha(), 1.0);
  }
  // The same answer every time (computed, not stored).
  auto again = Call(H("GetLandUsePlan"), req);
  EXPECT_EQ(As<pb::GetLandUsePlanResponse>(again).SerializeAsString(), resp.SerializeAsString());

  for (const char* bad : {"", "2673", "abcde", "267405"}) {
    req.set_commune_code(bad);
    auto r = Call(H("GetLandUsePlan"), req);
    EXPECT_EQ(r.status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(ViolationField(r.status), "commune_code");
  }
  req.set_commune_code("99999");
  auto r = Call(H("GetLandUsePlan"), req);
  EXPECT_EQ(r.status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(r.status), "COMMUNE_NOT_FOUND");
}

TEST_F(LandConnectorTest, SamplesAndExamples) {
  const auto kinds = connector_->SampleKinds();
  ASSERT_EQ(kinds.size(), 3u);
  EXPECT_EQ(kinds[0].name, "parcel_id");
  for (const auto& kind : kinds) {
    const auto ids = connector_->SampleIds(kind.name, 6);
    ASSERT_EQ(ids.size(), 6u) << kind.name;
    EXPECT_EQ(connector_->SampleIds(kind.name, 6), ids);
  }
  EXPECT_TRUE(connector_->SampleIds("nope", 3).empty());
  const auto examples = connector_->Examples();
  ASSERT_EQ(examples.size(), 3u);
  for (const auto& e : examples) {
    const core::MethodHandler& h = H(e.method);
    auto valid = testing::ParseRequest(h, e.valid_request);
    ASSERT_NE(valid, nullptr) << e.valid_request;
    EXPECT_TRUE(Call(h, *valid).status.ok()) << e.method;
    auto malformed = testing::ParseRequest(h, e.malformed_request);
    EXPECT_EQ(Call(h, *malformed).status.code(), absl::StatusCode::kInvalidArgument) << e.method;
    auto unknown = testing::ParseRequest(h, e.unknown_request);
    EXPECT_EQ(Call(h, *unknown).status.code(), absl::StatusCode::kNotFound) << e.method;
  }
}

}  // namespace
}  // namespace ndxp::connectors::land
