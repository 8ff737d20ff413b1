#include "connectors/common/postcodes.h"

#include <gtest/gtest.h>

#include <set>

#include "connectors/common/admin_units.h"
#include "connectors/common/digital_address.h"
#include "connectors/common/geo.h"
#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors {
namespace {

using testing::ViolationField;

std::string Description(const absl::Status& status) {
  auto bad = testing::BadRequestOf(status);
  return bad && bad->field_violations_size() > 0 ? bad->field_violations(0).description() : "";
}

TEST(PostcodesTest, ProvincePrefixesAreTheRealOnes) {
  const AdminUnits& units = AdminUnits::Get();
  const auto hanoi = ProvincePostcodePrefixes(static_cast<std::uint16_t>(units.FindProvince("01")));
  EXPECT_EQ(hanoi, (std::vector<std::uint8_t>{10, 11, 12, 13, 14}));
  // TP Hồ Chí Minh took Bình Dương (75) and Bà Rịa - Vũng Tàu (78): 70-75, 78.
  const auto hcm = static_cast<std::uint16_t>(units.FindProvince("79"));
  EXPECT_EQ(ProvincePostcodePrefixes(hcm), (std::vector<std::uint8_t>{70, 71, 72, 73, 74, 75, 78}));
  EXPECT_EQ(ProvincePostcode(hcm), 70000u);
  const auto an_giang = static_cast<std::uint16_t>(units.FindProvince("91"));
  EXPECT_EQ(ProvincePostcodePrefixes(an_giang), (std::vector<std::uint8_t>{90, 91, 92}));
  EXPECT_EQ(ProvinceOfPostcodePrefix(99), -1);
  EXPECT_EQ(ProvinceOfPostcodePrefix(-3), -1);
}

TEST(PostcodesTest, EveryCommuneHasAUniqueCodeUnderItsProvincesPrefixes) {
  const AdminUnits& units = AdminUnits::Get();
  std::set<std::uint32_t> seen;
  for (std::size_t i = 0; i < units.communes().size(); ++i) {
    const auto c = static_cast<std::uint16_t>(i);
    const std::uint32_t code = CommunePostcode(c);
    EXPECT_TRUE(seen.insert(code).second) << code;
    EXPECT_NE(code % 1000, 0u) << "a commune never has a province-level code";
    EXPECT_EQ(ProvinceOfPostcodePrefix(static_cast<int>(code / 1000)),
              units.communes()[i].province);
    EXPECT_EQ(FindCommuneByPostcode(code), static_cast<int>(i));
  }
  EXPECT_EQ(FindCommuneByPostcode(70000), -1);
  EXPECT_EQ(FormatPostcode(1101), "01101");
}

TEST(PostcodesTest, ParsesAndSaysWhatIsWrong) {
  EXPECT_EQ(*ParsePostcode("70123"), 70123u);
  EXPECT_EQ(ParsePostcode("7012").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Description(ParsePostcode("7012").status()), "must be 5 digits, not 4 characters");
  EXPECT_EQ(Description(ParsePostcode("70a23").status()), "character 3 is not a digit");
  EXPECT_NE(Description(ParsePostcode("99123").status()).find("99"), std::string::npos);
  EXPECT_EQ(ViolationField(ParsePostcode("", "pc").status()), "pc");
}

TEST(DigitalAddressTest, RoundTripsAndIsCaseInsensitive) {
  for (std::uint32_t serial : {0u, 1u, 31u, 32u, 777'777u, kDigitalAddressSerials - 1}) {
    const std::string code = FormatDigitalAddress(70123, serial);
    ASSERT_EQ(code.size(), 11u);
    EXPECT_EQ(code.substr(0, 6), "70123-");
    auto parsed = ParseDigitalAddress(code);
    ASSERT_TRUE(parsed.ok()) << code << " " << parsed.status();
    EXPECT_EQ(parsed->postcode, 70123u);
    EXPECT_EQ(parsed->serial, serial);
    std::string lower = code;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_TRUE(ParseDigitalAddress(lower).ok()) << lower;
  }
}

TEST(DigitalAddressTest, TheCheckCharacterCatchesEverySingleChangeAndSwap) {
  const std::string code = FormatDigitalAddress(10123, 424'242);
  const std::string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (i == 5) continue;
    for (char c : alphabet) {
      if (c == code[i] || (i < 5 && (c < '0' || c > '9'))) continue;
      std::string changed = code;
      changed[i] = c;
      EXPECT_FALSE(ParseDigitalAddress(changed).ok()) << changed;
    }
  }
  int swaps_caught = 0, swaps = 0;
  for (std::size_t i = 6; i + 1 < 10; ++i) {
    if (code[i] == code[i + 1]) continue;
    std::string swapped = code;
    std::swap(swapped[i], swapped[i + 1]);
    ++swaps;
    swaps_caught += ParseDigitalAddress(swapped).ok() ? 0 : 1;
  }
  EXPECT_EQ(swaps_caught, swaps);
}

TEST(DigitalAddressTest, SaysWhichPartIsWrong) {
  const std::string code = FormatDigitalAddress(70123, 5);
  EXPECT_NE(Description(ParseDigitalAddress("70123-ABC").status()).find("not 9"),
            std::string::npos);
  EXPECT_EQ(Description(ParseDigitalAddress("70123_000AB").status()),
            "the 6th character must be a hyphen");
  EXPECT_EQ(Description(ParseDigitalAddress("7012X-000AB").status()),
            "characters 1 to 5 (the postcode) must be digits");
  EXPECT_NE(Description(ParseDigitalAddress("70123-00I0A").status()).find("character 9"),
            std::string::npos);
  EXPECT_NE(Description(ParseDigitalAddress("99123-0000A").status()).find("99"), std::string::npos);
  std::string wrong = code;
  const char right = code.back();
  wrong.back() = right == '0' ? '1' : '0';
  EXPECT_EQ(Description(ParseDigitalAddress(wrong).status()),
            std::string("the check character is ") + right + ", not " + wrong.back());
  EXPECT_EQ(ViolationField(ParseDigitalAddress("").status()), "digital_address_code");
  EXPECT_FALSE(ParseDigitalAddress(std::string("70123-\xff\xfe\x00\x01", 11)).ok());
}

TEST(GeoTest, CommuneCentresLieInVietnamNearTheirProvince) {
  const AdminUnits& units = AdminUnits::Get();
  for (std::size_t i = 0; i < units.communes().size(); ++i) {
    const auto c = static_cast<std::uint16_t>(i);
    const GeoPoint p = CommuneCentre(c);
    EXPECT_GT(p.lat_e6, 8'000'000);
    EXPECT_LT(p.lat_e6, 23'500'000);
    EXPECT_GT(p.lon_e6, 102'000'000);
    EXPECT_LT(p.lon_e6, 112'500'000);  // Hoàng Sa and Trường Sa lie far out at sea
    EXPECT_GE(CommuneRadius(c), 2'000);
    if (units.communes()[i].kind == CommuneKind::kSpecialZone) continue;
    EXPECT_LT(p.lon_e6, 110'000'000);
    const std::uint8_t op = units.communes()[i].old_province;
    EXPECT_LE(DistanceMeters(p, OldProvinceCentre(op)),
              OldProvinceRadius(op) / 1e6 * 111'200 * 1.5);
  }
  EXPECT_EQ(CommuneCentre(0), CommuneCentre(0));
}

TEST(GeoTest, SpecialZonesLieOnTheirIslands) {
  const AdminUnits& units = AdminUnits::Get();
  const auto centre = [&](std::string_view code) {
    return CommuneCentre(static_cast<std::uint16_t>(units.FindCommune(code)));
  };
  const GeoPoint phu_quoc{10'220'000, 103'960'000}, truong_sa{8'640'000, 111'920'000};
  EXPECT_LT(DistanceMeters(centre("31078"), phu_quoc), 10'000);
  EXPECT_LT(DistanceMeters(centre("22736"), truong_sa), 10'000);
  // Côn Đảo lies far off the coast of the former Bà Rịa - Vũng Tàu.
  EXPECT_GT(DistanceMeters(centre("26732"), centre("26740")), 150'000);
}

TEST(GeoTest, DistancesOnTheSphere) {
  const GeoPoint hanoi{21'028'500, 105'854'200}, hcm{10'776'900, 106'700'900};
  EXPECT_NEAR(DistanceMeters(hanoi, hcm), 1'138'000, 10'000);
  EXPECT_DOUBLE_EQ(DistanceMeters(hanoi, hanoi), 0);
  EXPECT_NEAR(DistanceMeters({10'000'000, 106'000'000}, {10'001'000, 106'000'000}), 111.2, 0.2);
}

}  // namespace
}  // namespace ndxp::connectors
