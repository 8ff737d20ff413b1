#include "connectors/common/street_address.h"

#include <iterator>
#include <string_view>

#include "connectors/common/admin_units.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors {
namespace {

// Streets named after historical figures and events, found in most Vietnamese towns.
constexpr std::string_view kStreets[] = {
    "Lê Lợi",
    "Trần Hưng Đạo",
    "Nguyễn Huệ",
    "Hai Bà Trưng",
    "Lý Thường Kiệt",
    "Nguyễn Trãi",
    "Lê Duẩn",
    "Điện Biên Phủ",
    "Cách Mạng Tháng Tám",
    "Võ Thị Sáu",
    "Nguyễn Văn Cừ",
    "Phan Chu Trinh",
    "Phan Bội Châu",
    "Quang Trung",
    "Nguyễn Du",
    "Lê Lai",
    "Hùng Vương",
    "Trần Phú",
    "Ngô Quyền",
    "Lý Thái Tổ",
    "Hoàng Diệu",
    "Nguyễn Thị Minh Khai",
    "Bà Triệu",
    "Lê Thánh Tông",
    "Trường Chinh",
    "Nguyễn Văn Linh",
    "Phạm Văn Đồng",
    "Võ Văn Kiệt",
    "Tôn Đức Thắng",
    "Lạc Long Quân",
    "Âu Cơ",
    "Hàm Nghi",
    "Đinh Tiên Hoàng",
    "Lê Hồng Phong",
    "Nguyễn Thái Học",
    "Yết Kiêu",
    "Chu Văn An",
    "Nguyễn Khuyến",
    "Hoàng Văn Thụ",
    "Nguyễn Chí Thanh",
    "Trần Quang Khải",
    "Nguyễn Đình Chiểu",
    "Lý Tự Trọng",
    "Phan Đình Phùng",
    "Tây Sơn",
    "30 Tháng 4",
    "3 Tháng 2",
    "Thống Nhất",
    "Độc Lập",
    "Hòa Bình",
    "Nguyễn Tất Thành",
    "Lê Quý Đôn",
    "Huỳnh Thúc Kháng",
    "Bạch Đằng",
    "Trần Nhân Tông",
    "Nguyễn Công Trứ",
    "Kim Đồng",
    "Nguyễn Trung Trực",
    "Mạc Đĩnh Chi",
    "Tô Hiến Thành",
};

int NumberUpTo(Rng& rng, int max) {
  return 1 + static_cast<int>(rng.Uniform(static_cast<std::uint64_t>(max)));
}

}  // namespace

StreetAddress PickStreetAddress(Rng& rng, std::uint16_t commune, bool office) {
  const AdminUnits& units = AdminUnits::Get();
  const Commune& c = units.communes()[commune];
  const Region region = AdminUnits::RegionOf(units.old_provinces()[c.old_province].code);
  StreetAddress a;
  a.street = static_cast<std::uint8_t>(rng.Uniform(std::size(kStreets)));
  a.number = static_cast<std::uint16_t>(NumberUpTo(rng, office ? 400 : 250));
  a.alley = static_cast<std::uint16_t>(NumberUpTo(rng, 60));
  const std::uint32_t roll = static_cast<std::uint32_t>(rng.Uniform(1000));
  if (office && c.kind != CommuneKind::kWard) {
    a.form = StreetForm::kHouse;  // offices in rural communes face the main road
    return a;
  }
  if (c.kind == CommuneKind::kWard) {
    if (office && roll < 250) {
      a.form = StreetForm::kOfficeFloor;
      a.alley = static_cast<std::uint16_t>(NumberUpTo(rng, 25));
    } else if (!office && roll < 100) {
      a.form = StreetForm::kResidentialGroup;
      a.number = static_cast<std::uint16_t>(NumberUpTo(rng, 40));
    } else if (roll < 450) {
      a.form = region == Region::kNorth ? StreetForm::kLane : StreetForm::kAlley;
    } else {
      a.form = StreetForm::kHouse;
    }
    return a;
  }
  a.form = region == Region::kSouth ? StreetForm::kHamlet : StreetForm::kVillage;
  a.number = static_cast<std::uint16_t>(NumberUpTo(rng, 15));
  return a;
}

std::string StreetText(const StreetAddress& a) {
  std::string street(kStreets[a.street % std::size(kStreets)]);
  // Streets named after a date read "đường 30 Tháng 4" after a house number.
  if (street[0] >= '0' && street[0] <= '9') street = "đường " + street;
  switch (a.form) {
    case StreetForm::kHouse:
      return core::Cat(a.number, " ", street);
    case StreetForm::kAlley:
      return core::Cat(a.number, "/", a.alley, " ", street);
    case StreetForm::kLane:
      return core::Cat("Số ", a.number, " ngõ ", a.alley, " ", street);
    case StreetForm::kResidentialGroup:
      return core::Cat("Tổ dân phố ", a.number);
    case StreetForm::kVillage:
      return core::Cat("Thôn ", a.number);
    case StreetForm::kHamlet:
      return core::Cat("Ấp ", a.number);
    case StreetForm::kOfficeFloor:
      return core::Cat("Tầng ", a.alley, ", ", a.number, " ", street);
  }
  return street;
}

std::size_t StreetNameCount() { return std::size(kStreets); }

std::string_view StreetName(std::size_t index) { return kStreets[index % std::size(kStreets)]; }

void FillUnit(std::uint16_t commune, common::v1::AdministrativeUnit* out) {
  const AdminUnits& units = AdminUnits::Get();
  const Commune& c = units.communes()[commune];
  const Province& p = units.provinces()[c.province];
  out->set_commune_code(std::string(c.code_text));
  out->set_commune_name(std::string(c.name));
  out->set_province_code(std::string(p.code_text));
  out->set_province_name(std::string(p.name));
}

void FillAddress(const StreetAddress& address, std::uint16_t commune, common::v1::Address* out) {
  out->set_street(StreetText(address));
  FillUnit(commune, out->mutable_unit());
  out->set_full_text(core::Cat(out->street(), ", ", out->unit().commune_name(), ", ",
                               out->unit().province_name()));
}

}  // namespace ndxp::connectors
