#include "connectors/vehicle/vehicle_connector.h"

#include <gtest/gtest.h>

#include "connectors/common/enterprise_code.h"
#include "connectors/common/personal_id.h"
#include "connectors/vehicle/vehicle_view.h"
#include "gateway/core/route_table.h"
#include "ndxp/vehicle/v1/vehicle.pb.h"
#include "tests/unit/connectors/connector_calls.h"
#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors::vehicle {
namespace {

namespace pb = ::ndxp::vehicle::v1;
using testing::Call;
using testing::ErrorReason;
using testing::FindHandler;
using testing::ViolationField;

class VehicleConnectorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto citizens = population::CitizenStore::Generate(3, 6'000);
    ASSERT_TRUE(citizens.ok());
    auto enterprises = business::EnterpriseStore::Generate(4, 1'000, *citizens);
    ASSERT_TRUE(enterprises.ok());
    auto store = VehicleStore::Generate(9, 3'000, *citizens, *enterprises);
    ASSERT_TRUE(store.ok()) << store.status();
    connector_ = new VehicleConnector(*store);
    handlers_ = new std::vector<core::MethodHandler>(connector_->Handlers());
  }
  static void TearDownTestSuite() {
    delete handlers_;
    delete connector_;
  }
  const core::MethodHandler& H(std::string_view method) { return *FindHandler(*handlers_, method); }
  const VehicleStore& store() { return *connector_->store(); }
  template <typename T>
  static const T& As(const testing::CallResult& r, std::size_t i = 0) {
    return static_cast<const T&>(*r.responses.at(i));
  }
  // The vehicle with the longest history.
  const Vehicle& Oldest() {
    const Vehicle* best = &store().vehicles()[0];
    for (const Vehicle& v : store().vehicles()) {
      if (v.inspection_count > best->inspection_count) best = &v;
    }
    return *best;
  }
  void ExpectInvalid(const pb::GetVehicleInspectionRequest& req, std::string_view field) {
    auto r = Call(H("GetVehicleInspection"), req);
    EXPECT_EQ(r.status.code(), absl::StatusCode::kInvalidArgument) << req.ShortDebugString();
    EXPECT_EQ(ViolationField(r.status), field) << req.ShortDebugString();
  }

  static VehicleConnector* connector_;
  static std::vector<core::MethodHandler>* handlers_;
};
VehicleConnector* VehicleConnectorTest::connector_ = nullptr;
std::vector<core::MethodHandler>* VehicleConnectorTest::handlers_ = nullptr;

TEST_F(VehicleConnectorTest, PersonalDataFlags) {
  EXPECT_EQ(connector_->name(), "vehicle");
  ASSERT_EQ(handlers_->size(), static_cast<std::size_t>(connector_->service().method_count()));
  EXPECT_TRUE(core::MethodReadsPersonalData(*H("GetVehicleInspection").method));
  EXPECT_FALSE(core::MethodReadsPersonalData(*H("ListInspectionHistory").method));
}

TEST_F(VehicleConnectorTest, GetVehicleInspectionByEachIdentifier) {
  const Vehicle& v = Oldest();
  const std::string plate = FormatLicencePlate(v.plate);
  pb::GetVehicleInspectionRequest req;
  req.set_plate_number(plate);
  auto result = Call(H("GetVehicleInspection"), req);
  ASSERT_TRUE(result.status.ok()) << result.status;
  const auto& resp = As<pb::GetVehicleInspectionResponse>(result);
  const pb::Vehicle& vehicle = resp.vehicle();
  EXPECT_EQ(vehicle.plate_number(), plate);
  EXPECT_EQ(vehicle.vin(), store().Vin(v));
  EXPECT_FALSE(vehicle.brand().empty());
  EXPECT_FALSE(vehicle.model_code().empty());
  EXPECT_FALSE(vehicle.kind_name().empty());
  EXPECT_GT(vehicle.gross_weight_kg(), 0);
  EXPECT_EQ(vehicle.plate_colour() == pb::PLATE_COLOUR_YELLOW, vehicle.commercial_use());
  if (vehicle.owner().kind() == pb::OWNER_KIND_INDIVIDUAL) {
    EXPECT_TRUE(IsValidPersonalId(vehicle.owner().personal_id()));
  } else {
    EXPECT_TRUE(IsValidEnterpriseCode(vehicle.owner().enterprise_code()));
  }
  EXPECT_FALSE(vehicle.owner().address().full_text().empty());
  const InspectionRecord& last = store().InspectionsOf(v).back();
  EXPECT_EQ(resp.inspection().certificate_number(), store().CertificateNumber(last));
  EXPECT_EQ(resp.inspection().result(), pb::INSPECTION_RESULT_PASSED);
  EXPECT_GT(resp.inspection().odometer_km(), 0);
  EXPECT_EQ(resp.certificate_in_force(), last.valid_until_day >= ToDays(kSnapshotDate));

  pb::GetVehicleInspectionRequest by_vin;
  by_vin.set_vin(vehicle.vin());
  auto r2 = Call(H("GetVehicleInspection"), by_vin);
  ASSERT_TRUE(r2.status.ok()) << r2.status;
  EXPECT_EQ(As<pb::GetVehicleInspectionResponse>(r2).SerializeAsString(), resp.SerializeAsString());
  std::string lower = vehicle.vin();
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  by_vin.set_vin(lower);
  EXPECT_TRUE(Call(H("GetVehicleInspection"), by_vin).status.ok());

  // By the certificate of the first inspection: that inspection, the same vehicle.
  const InspectionRecord& first = store().InspectionsOf(v).front();
  pb::GetVehicleInspectionRequest by_cert;
  by_cert.set_inspection_certificate_number(store().CertificateNumber(first));
  auto r3 = Call(H("GetVehicleInspection"), by_cert);
  ASSERT_TRUE(r3.status.ok()) << r3.status;
  const auto& resp3 = As<pb::GetVehicleInspectionResponse>(r3);
  EXPECT_EQ(resp3.vehicle().plate_number(), plate);
  EXPECT_EQ(resp3.inspection().certificate_number(), store().CertificateNumber(first));
  EXPECT_EQ(resp3.next_inspection_due().SerializeAsString(),
            resp.next_inspection_due().SerializeAsString());
}

TEST_F(VehicleConnectorTest, GetVehicleInspectionErrors) {
  const Vehicle& v = store().vehicles()[10];
  pb::GetVehicleInspectionRequest req;
  ExpectInvalid(req, "plate_number");
  for (const char* plate : {"30O-123.45", "42A-123.45", "30A12345", "\xFF\xFE", "30A-123.4"}) {
    req.set_plate_number(plate);
    ExpectInvalid(req, "plate_number");
  }
  req.set_plate_number(FormatLicencePlate(v.plate));
  req.set_vin(store().Vin(v));
  ExpectInvalid(req, "vin");
  req.Clear();
  for (const char* vin : {"1M8GDM9A3KP042788", "SHORT", "JTDBT9237710O2345"}) {
    req.set_vin(vin);
    ExpectInvalid(req, "vin");
  }
  req.Clear();
  req.set_inspection_certificate_number("29-03V-2025-01234");
  ExpectInvalid(req, "inspection_certificate_number");
  req.set_plate_number(FormatLicencePlate(v.plate));
  req.set_inspection_certificate_number(store().CertificateNumber(store().InspectionsOf(v).back()));
  ExpectInvalid(req, "inspection_certificate_number");

  // Well formed, absent: NOT_FOUND, never echoing the plate (a personal identifier).
  const auto absent = [&](const pb::GetVehicleInspectionRequest& r, std::string_view reason) {
    auto result = Call(H("GetVehicleInspection"), r);
    EXPECT_EQ(result.status.code(), absl::StatusCode::kNotFound) << r.ShortDebugString();
    EXPECT_EQ(ErrorReason(result.status), reason);
    EXPECT_EQ(std::string(result.status.message()).find("123.45"), std::string::npos);
  };
  req.Clear();
  req.set_plate_number("29-B1 123.45");
  absent(req, "VEHICLE_NOT_FOUND");
  req.Clear();
  req.set_vin("1M8GDM9AXKP042788");
  absent(req, "VEHICLE_NOT_FOUND");
  req.Clear();
  req.set_inspection_certificate_number("29-99V-2000-999999");
  absent(req, "INSPECTION_CERTIFICATE_NOT_FOUND");
}

TEST_F(VehicleConnectorTest, ListInspectionHistoryPages) {
  const Vehicle& v = Oldest();
  ASSERT_GT(v.inspection_count, 4);
  pb::ListInspectionHistoryRequest req;
  req.set_plate_number(FormatLicencePlate(v.plate));
  req.set_page_size(3);
  std::vector<std::string> dates;
  int pages = 0;
  for (;;) {
    auto result = Call(H("ListInspectionHistory"), req);
    ASSERT_TRUE(result.status.ok()) << result.status;
    const auto& resp = As<pb::ListInspectionHistoryResponse>(result);
    EXPECT_EQ(resp.total_size(), v.inspection_count);
    EXPECT_EQ(resp.plate_number(), req.plate_number());
    EXPECT_LE(resp.inspections_size(), 3);
    for (const auto& i : resp.inspections())
      dates.push_back(i.inspection_date().SerializeAsString());
    ++pages;
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  EXPECT_EQ(dates.size(), v.inspection_count);
  EXPECT_EQ(pages, (v.inspection_count + 2) / 3);
  // Newest first.
  const auto list = store().InspectionsOf(v);
  auto first_page = Call(H("ListInspectionHistory"), [&] {
    pb::ListInspectionHistoryRequest r;
    r.set_vin(store().Vin(v));
    return r;
  }());
  ASSERT_TRUE(first_page.status.ok());
  const auto& all = As<pb::ListInspectionHistoryResponse>(first_page);
  ASSERT_EQ(all.inspections_size(), std::min<int>(20, v.inspection_count));
  EXPECT_EQ(all.inspections(0).inspection_date().SerializeAsString(), [&] {
    google::type::Date d;
    ToProto(FromDays(list.back().day), &d);
    return d.SerializeAsString();
  }());
}

TEST_F(VehicleConnectorTest, ListInspectionHistoryErrors) {
  const Vehicle& v = Oldest();
  const Vehicle& other = store().vehicles()[0];
  pb::ListInspectionHistoryRequest req;
  req.set_plate_number(FormatLicencePlate(v.plate));
  req.set_page_size(-1);
  auto r = Call(H("ListInspectionHistory"), req);
  EXPECT_EQ(r.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ViolationField(r.status), "page_size");
  req.set_page_size(1'000'000);  // capped at 100
  r = Call(H("ListInspectionHistory"), req);
  ASSERT_TRUE(r.status.ok());
  EXPECT_LE(As<pb::ListInspectionHistoryResponse>(r).inspections_size(), 100);
  req.set_page_size(1);
  r = Call(H("ListInspectionHistory"), req);
  const std::string token = As<pb::ListInspectionHistoryResponse>(r).next_page_token();
  ASSERT_FALSE(token.empty());
  // A token of another vehicle, or garbage.
  req.set_plate_number(FormatLicencePlate(other.plate));
  for (const std::string& bad : {token, std::string("garbage"), std::string(5000, 'A')}) {
    req.set_page_token(bad);
    r = Call(H("ListInspectionHistory"), req);
    EXPECT_EQ(r.status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(ViolationField(r.status), "page_token");
  }
  req.Clear();
  r = Call(H("ListInspectionHistory"), req);
  EXPECT_EQ(ViolationField(r.status), "plate_number");
  req.set_plate_number("29-B1 123.45");
  r = Call(H("ListInspectionHistory"), req);
  EXPECT_EQ(r.status.code(), absl::StatusCode::kNotFound);
}

TEST_F(VehicleConnectorTest, SamplesAndExamples) {
  const auto kinds = connector_->SampleKinds();
  ASSERT_EQ(kinds.size(), 3u);
  EXPECT_EQ(kinds[0].name, "plate_number");
  for (const auto& kind : kinds) {
    const auto ids = connector_->SampleIds(kind.name, 7);
    ASSERT_EQ(ids.size(), 7u) << kind.name;
    for (const auto& id : ids) {
      pb::GetVehicleInspectionRequest req;
      req.GetReflection()->SetString(&req, req.GetDescriptor()->FindFieldByName(kind.field), id);
      EXPECT_TRUE(Call(H("GetVehicleInspection"), req).status.ok()) << kind.name << " " << id;
    }
  }
  for (const auto& e : connector_->Examples()) {
    const core::MethodHandler& h = H(e.method);
    EXPECT_TRUE(Call(h, *testing::ParseRequest(h, e.valid_request)).status.ok()) << e.method;
    EXPECT_EQ(Call(h, *testing::ParseRequest(h, e.malformed_request)).status.code(),
              absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(Call(h, *testing::ParseRequest(h, e.unknown_request)).status.code(),
              absl::StatusCode::kNotFound);
  }
}

}  // namespace
}  // namespace ndxp::connectors::vehicle
