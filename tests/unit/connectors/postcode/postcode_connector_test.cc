#include "connectors/postcode/postcode_connector.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "connectors/common/admin_units.h"
#include "connectors/common/digital_address.h"
#include "connectors/postcode/postcode_handlers.h"
#include "gateway/core/route_table.h"
#include "ndxp/postcode/v1/postcode.pb.h"
#include "tests/unit/connectors/connector_calls.h"
#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors::postcode {
namespace {

namespace pb = ::ndxp::postcode::v1;
using testing::Call;
using testing::ErrorReason;
using testing::FindHandler;
using testing::ViolationField;

class PostcodeConnectorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto citizens = population::CitizenStore::Generate(3, 2'000);
    auto enterprises = business::EnterpriseStore::Generate(3, 200, *citizens);
    auto addresses = AddressStore::Generate(3, 3'000, *citizens, *enterprises);
    ASSERT_TRUE(addresses.ok());
    connector_ = new PostcodeConnector(*addresses);
    handlers_ = new std::vector<core::MethodHandler>(connector_->Handlers());
  }
  static void TearDownTestSuite() {
    delete handlers_;
    delete connector_;
  }

  template <typename Resp>
  absl::Status Run(std::string_view method, const google::protobuf::Message& request, Resp* out) {
    auto result = Call(*FindHandler(*handlers_, method), request);
    if (result.status.ok()) out->CopyFrom(*result.responses.at(0));
    return result.status;
  }
  static std::string Description(const absl::Status& status) {
    auto bad = testing::BadRequestOf(status);
    return bad && bad->field_violations_size() > 0 ? bad->field_violations(0).description() : "";
  }
  pb::DigitalAddress Sample() {
    pb::LookupAddressRequest req;
    req.set_digital_address_code(connector_->PrimarySampleIds(1).at(0));
    pb::LookupAddressResponse resp;
    EXPECT_TRUE(Run("LookupAddress", req, &resp).ok());
    return resp.address();
  }

  static PostcodeConnector* connector_;
  static std::vector<core::MethodHandler>* handlers_;
};
PostcodeConnector* PostcodeConnectorTest::connector_ = nullptr;
std::vector<core::MethodHandler>* PostcodeConnectorTest::handlers_ = nullptr;

TEST_F(PostcodeConnectorTest, ServesEveryMethodUnaryAndNoPersonalData) {
  EXPECT_EQ(connector_->name(), "postcode");
  EXPECT_EQ(connector_->service().full_name(), "ndxp.postcode.v1.PostcodeService");
  ASSERT_EQ(handlers_->size(), 4u);
  for (const auto& h : *handlers_) {
    EXPECT_TRUE(h.unary) << h.method->name();
    EXPECT_FALSE(core::MethodReadsPersonalData(*h.method)) << h.method->name();
  }
}

TEST_F(PostcodeConnectorTest, LookupAddress) {
  const pb::DigitalAddress a = Sample();
  EXPECT_EQ(a.digital_address_code().substr(0, 5), a.postcode());
  EXPECT_FALSE(a.address().full_text().empty());
  EXPECT_GT(a.location().latitude(), 8);
  EXPECT_NE(a.use(), pb::ADDRESS_USE_UNSPECIFIED);
  pb::LookupAddressRequest req;
  std::string lower = a.digital_address_code();
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  req.set_digital_address_code(lower);
  pb::LookupAddressResponse resp;
  ASSERT_TRUE(Run("LookupAddress", req, &resp).ok());
  EXPECT_EQ(resp.address().digital_address_code(), a.digital_address_code());
  for (const char* bad : {"", "70123", "70123-0000", "70123-0000AA", "7012X-0000A", "70123-000IA",
                          "99123-0000A", "\xff\xff\xff\xff\xff-\xff\xff\xff\xff\xff"}) {
    req.set_digital_address_code(bad);
    EXPECT_EQ(ViolationField(Run("LookupAddress", req, &resp)), "digital_address_code") << bad;
  }
  req.set_digital_address_code(std::string(1 << 20, '7'));
  EXPECT_EQ(Run("LookupAddress", req, &resp).code(), absl::StatusCode::kInvalidArgument);
  // Well formed, absent: a postcode no commune has, and a serial not issued.
  req.set_digital_address_code(FormatDigitalAddress(70000, 12));
  EXPECT_EQ(ErrorReason(Run("LookupAddress", req, &resp)), "DIGITAL_ADDRESS_NOT_FOUND");
  for (const auto& example : connector_->Examples()) {
    if (example.method != "LookupAddress") continue;
    auto request =
        testing::ParseRequest(*FindHandler(*handlers_, "LookupAddress"), example.unknown_request);
    EXPECT_EQ(Run("LookupAddress", *request, &resp).code(), absl::StatusCode::kNotFound);
  }
}

TEST_F(PostcodeConnectorTest, GeocodeFindsTheHouseFirst) {
  const pb::DigitalAddress a = Sample();
  pb::GeocodeRequest req;
  req.set_text(a.address().full_text());
  pb::GeocodeResponse resp;
  ASSERT_TRUE(Run("Geocode", req, &resp).ok());
  ASSERT_GE(resp.candidates_size(), 1);
  EXPECT_EQ(resp.candidates(0).match_level(), pb::MATCH_LEVEL_HOUSE);
  EXPECT_EQ(resp.candidates(0).address().address().full_text(), a.address().full_text());
  EXPECT_EQ(resp.candidates(0).unit().commune_code(), a.address().unit().commune_code());
  EXPECT_LE(resp.candidates(0).score(), 1.0);
  req.set_province_code(a.address().unit().province_code());
  ASSERT_TRUE(Run("Geocode", req, &resp).ok());
  EXPECT_GE(resp.candidates_size(), 1);
  req.set_max_results(1'000'000);
  ASSERT_TRUE(Run("Geocode", req, &resp).ok());
  EXPECT_LE(resp.candidates_size(), kMaxGeocodeResults);
}

TEST_F(PostcodeConnectorTest, GeocodeRefusesHostileText) {
  pb::GeocodeRequest req;
  pb::GeocodeResponse resp;
  EXPECT_EQ(Description(Run("Geocode", req, &resp)), "is required");
  req.set_text(std::string(kMaxTextBytes + 1, 'a'));
  EXPECT_EQ(ViolationField(Run("Geocode", req, &resp)), "text");
  req.set_text("Phường \xC3\x28 Sài Gòn");
  EXPECT_EQ(Description(Run("Geocode", req, &resp)), "must be valid UTF-8");
  req.set_text("Phường Sài Gòn");
  req.set_max_results(-1);
  EXPECT_EQ(ViolationField(Run("Geocode", req, &resp)), "max_results");
  req.set_max_results(0);
  req.set_province_code("77");
  EXPECT_EQ(ViolationField(Run("Geocode", req, &resp)), "province_code");
  req.set_province_code("");
  req.set_text("xyz qwv");
  ASSERT_TRUE(Run("Geocode", req, &resp).ok());
  EXPECT_EQ(resp.candidates_size(), 0);
}

TEST_F(PostcodeConnectorTest, ReverseGeocodeFindsTheNearest) {
  const pb::DigitalAddress a = Sample();
  pb::ReverseGeocodeRequest req;
  req.set_latitude(a.location().latitude());
  req.set_longitude(a.location().longitude());
  req.set_max_results(5);
  pb::ReverseGeocodeResponse resp;
  ASSERT_TRUE(Run("ReverseGeocode", req, &resp).ok());
  ASSERT_GE(resp.addresses_size(), 1);
  EXPECT_EQ(resp.addresses(0).address().digital_address_code(), a.digital_address_code());
  EXPECT_LT(resp.addresses(0).distance_meters(), 0.5);
  for (int i = 1; i < resp.addresses_size(); ++i) {
    EXPECT_LE(resp.addresses(i - 1).distance_meters(), resp.addresses(i).distance_meters());
    EXPECT_LE(resp.addresses(i).distance_meters(), kDefaultRadiusMeters);
  }
  req.set_max_results(1'000);
  req.set_max_distance_meters(2'000'000'000);
  ASSERT_TRUE(Run("ReverseGeocode", req, &resp).ok());
  EXPECT_EQ(resp.addresses_size(), kMaxNearbyResults);
}

TEST_F(PostcodeConnectorTest, ReverseGeocodeErrors) {
  pb::ReverseGeocodeRequest req;
  pb::ReverseGeocodeResponse resp;
  req.set_latitude(91);
  EXPECT_EQ(ViolationField(Run("ReverseGeocode", req, &resp)), "latitude");
  req.set_latitude(std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(Description(Run("ReverseGeocode", req, &resp)), "must be a finite number");
  req.set_latitude(10.7);
  req.set_longitude(-std::numeric_limits<double>::infinity());
  EXPECT_EQ(ViolationField(Run("ReverseGeocode", req, &resp)), "longitude");
  req.set_longitude(181);
  EXPECT_EQ(Description(Run("ReverseGeocode", req, &resp)), "must be between -180 and 180 degrees");
  req.set_longitude(106.7);
  req.set_max_distance_meters(-1);
  EXPECT_EQ(ViolationField(Run("ReverseGeocode", req, &resp)), "max_distance_meters");
  req.set_max_distance_meters(0);
  req.set_max_results(-5);
  EXPECT_EQ(ViolationField(Run("ReverseGeocode", req, &resp)), "max_results");
  req.set_max_results(0);
  req.set_latitude(12.5);
  req.set_longitude(112.5);
  const absl::Status sea = Run("ReverseGeocode", req, &resp);
  EXPECT_EQ(sea.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(sea), "DIGITAL_ADDRESS_NOT_FOUND");
  req.set_latitude(-90);
  req.set_longitude(180);
  EXPECT_EQ(Run("ReverseGeocode", req, &resp).code(), absl::StatusCode::kNotFound);
}

TEST_F(PostcodeConnectorTest, GetPostcode) {
  pb::GetPostcodeRequest req;
  req.set_commune_code("26740");
  pb::GetPostcodeResponse resp;
  ASSERT_TRUE(Run("GetPostcode", req, &resp).ok());
  EXPECT_EQ(resp.unit().commune_name(), "Phường Sài Gòn");
  EXPECT_EQ(resp.postcode().size(), 5u);
  EXPECT_EQ(resp.postcode().substr(0, 1), "7");
  EXPECT_EQ(resp.province_postcode(), "70000");
  EXPECT_EQ(resp.province_prefixes_size(), 7);
  EXPECT_EQ(resp.province_prefixes(6), "78");
  EXPECT_GE(resp.address_count(), 0);
  for (const char* bad : {"2674", "2674x", "", "267400"}) {
    req.set_commune_code(bad);
    EXPECT_EQ(ViolationField(Run("GetPostcode", req, &resp)), "commune_code") << bad;
  }
  req.set_commune_code("26734");  // Tân Định before 2025: not a commune code in force
  const absl::Status old = Run("GetPostcode", req, &resp);
  EXPECT_EQ(ErrorReason(old), "COMMUNE_NOT_FOUND");
  EXPECT_NE(std::string(old.message()).find("now part of Phường Tân Định"), std::string::npos)
      << old.message();
}

TEST_F(PostcodeConnectorTest, SamplesAreDeterministicAndExist) {
  const auto codes = connector_->SampleIds("digital_address_code", 5);
  ASSERT_EQ(codes.size(), 5u);
  EXPECT_EQ(connector_->SampleIds("digital_address_code", 5), codes);
  EXPECT_EQ(connector_->SampleIds("commune_code", 3).size(), 3u);
  for (const std::string& text : connector_->SampleIds("address_text", 5)) {
    pb::GeocodeRequest req;
    req.set_text(text);
    pb::GeocodeResponse resp;
    ASSERT_TRUE(Run("Geocode", req, &resp).ok());
    ASSERT_GE(resp.candidates_size(), 1) << text;
    EXPECT_EQ(resp.candidates(0).match_level(), pb::MATCH_LEVEL_HOUSE) << text;
  }
  EXPECT_TRUE(connector_->SampleIds("latitude", 3).empty());
}

}  // namespace
}  // namespace ndxp::connectors::postcode
