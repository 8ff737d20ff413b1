#include "connectors/land/land_use_types.h"

#include "ndxp/land/v1/land.pb.h"

namespace ndxp::connectors::land {
namespace {

namespace pb = ::ndxp::land::v1;
constexpr std::uint8_t kAgri = pb::LAND_GROUP_AGRICULTURAL;
constexpr std::uint8_t kNonAgri = pb::LAND_GROUP_NON_AGRICULTURAL;
constexpr std::uint8_t kUnused = pb::LAND_GROUP_UNUSED;

constexpr LandUseType kTypes[] = {
    {"LUC", "Đất chuyên trồng lúa", kAgri},
    {"LUK", "Đất trồng lúa còn lại", kAgri},
    {"BHK", "Đất bằng trồng cây hằng năm khác", kAgri},
    {"NHK", "Đất nương rẫy trồng cây hằng năm khác", kAgri},
    {"CLN", "Đất trồng cây lâu năm", kAgri},
    {"RSX", "Đất rừng sản xuất", kAgri},
    {"RPH", "Đất rừng phòng hộ", kAgri},
    {"RDD", "Đất rừng đặc dụng", kAgri},
    {"NTS", "Đất nuôi trồng thủy sản", kAgri},
    {"LMU", "Đất làm muối", kAgri},
    {"ODT", "Đất ở tại đô thị", kNonAgri},
    {"ONT", "Đất ở tại nông thôn", kNonAgri},
    {"TSC", "Đất xây dựng trụ sở cơ quan", kNonAgri},
    {"CQP", "Đất quốc phòng", kNonAgri},
    {"CAN", "Đất an ninh", kNonAgri},
    {"DGD", "Đất xây dựng cơ sở giáo dục và đào tạo", kNonAgri},
    {"DYT", "Đất xây dựng cơ sở y tế", kNonAgri},
    {"SKK", "Đất khu công nghiệp", kNonAgri},
    {"SKC", "Đất cơ sở sản xuất phi nông nghiệp", kNonAgri},
    {"TMD", "Đất thương mại, dịch vụ", kNonAgri},
    {"DGT", "Đất giao thông", kNonAgri},
    {"DTL", "Đất thủy lợi", kNonAgri},
    {"TON", "Đất tôn giáo", kNonAgri},
    {"NTD", "Đất nghĩa trang, nhà tang lễ, cơ sở hỏa táng", kNonAgri},
    {"SON", "Đất sông, ngòi, kênh, rạch, suối", kNonAgri},
    {"BCS", "Đất bằng chưa sử dụng", kUnused},
    {"DCS", "Đất đồi núi chưa sử dụng", kUnused},
    {"NCS", "Núi đá không có rừng cây", kUnused},
};

}  // namespace

std::span<const LandUseType> LandUseTypes() { return kTypes; }

int FindLandUseType(std::string_view code) {
  for (std::size_t i = 0; i < std::size(kTypes); ++i) {
    if (kTypes[i].code == code) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace ndxp::connectors::land
