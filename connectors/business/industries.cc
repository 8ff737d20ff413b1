#include "connectors/business/industries.h"

#include <iterator>

#include "connectors/common/weighted.h"

namespace ndxp::connectors::business {
namespace {

constexpr NamePhrase kPhrases[] = {
    {"Thương mại", "TRADING"},                             // 0
    {"Thương mại Dịch vụ", "TRADING AND SERVICES"},        // 1
    {"Xuất nhập khẩu", "IMPORT EXPORT"},                   // 2
    {"Xây dựng", "CONSTRUCTION"},                          // 3
    {"Đầu tư Xây dựng", "CONSTRUCTION INVESTMENT"},        // 4
    {"Công nghệ", "TECHNOLOGY"},                           // 5
    {"Giải pháp Phần mềm", "SOFTWARE SOLUTIONS"},          // 6
    {"Vận tải", "TRANSPORT"},                              // 7
    {"Logistics", "LOGISTICS"},                            // 8
    {"Bất động sản", "REAL ESTATE"},                       // 9
    {"Đầu tư Bất động sản", "REAL ESTATE INVESTMENT"},     // 10
    {"Tư vấn", "CONSULTING"},                              // 11
    {"Tư vấn Thiết kế", "DESIGN CONSULTING"},              // 12
    {"Du lịch", "TRAVEL"},                                 // 13
    {"Dịch vụ Ăn uống", "FOOD SERVICES"},                  // 14
    {"Khách sạn", "HOTEL"},                                // 15
    {"May mặc", "GARMENT"},                                // 16
    {"Thực phẩm", "FOOD"},                                 // 17
    {"Nông sản", "AGRICULTURAL PRODUCTS"},                 // 18
    {"Thủy sản", "SEAFOOD"},                               // 19
    {"Cơ khí", "MECHANICAL ENGINEERING"},                  // 20
    {"Nội thất", "FURNITURE"},                             // 21
    {"Giáo dục", "EDUCATION"},                             // 22
    {"Dịch vụ Y tế", "MEDICAL SERVICES"},                  // 23
    {"Cơ điện", "MECHANICAL AND ELECTRICAL"},              // 24
    {"Kỹ thuật", "ENGINEERING"},                           // 25
    {"Quảng cáo", "ADVERTISING"},                          // 26
    {"Truyền thông", "MEDIA"},                             // 27
    {"Thiết bị", "EQUIPMENT"},                             // 28
    {"Vật liệu Xây dựng", "BUILDING MATERIALS"},           // 29
    {"Sản xuất Thương mại", "MANUFACTURING AND TRADING"},  // 30
    {"Ô tô", "AUTOMOBILE"},                                // 31
    {"Kiểm toán", "AUDITING"},                             // 32
    {"Luật", "LAW"},                                       // 33
    {"Dịch vụ", "SERVICES"},                               // 34
    {"Kho vận", "WAREHOUSING"},                            // 35
};

constexpr std::uint8_t N = kNoPhrase;
constexpr Industry kIndustries[] = {
    {"4610", "Đại lý, môi giới, đấu giá hàng hóa", {0, 1, 34}, 40},
    {"4620",
     "Bán buôn nông, lâm sản nguyên liệu (trừ gỗ, tre, nứa) và động vật sống",
     {18, 2, 0},
     20},
    {"4632", "Bán buôn thực phẩm", {17, 0, 2}, 35},
    {"4641", "Bán buôn vải, hàng may mặc, giày dép", {16, 0, N}, 25},
    {"4649", "Bán buôn đồ dùng khác cho gia đình", {0, 1, N}, 40},
    {"4651", "Bán buôn máy vi tính, thiết bị ngoại vi và phần mềm", {5, 28, 0}, 20},
    {"4659", "Bán buôn máy móc, thiết bị và phụ tùng máy khác", {28, 0, 25}, 45},
    {"4663", "Bán buôn vật liệu, thiết bị lắp đặt khác trong xây dựng", {29, 0, 3}, 50},
    {"4669", "Bán buôn chuyên doanh khác chưa được phân vào đâu", {0, 1, 2}, 40},
    {"4711",
     "Bán lẻ lương thực, thực phẩm, đồ uống, thuốc lá, thuốc lào chiếm tỷ trọng lớn trong các "
     "cửa hàng kinh doanh tổng hợp",
     {0, 1, N},
     15},
    {"4773", "Bán lẻ hàng hóa khác mới trong các cửa hàng chuyên doanh", {0, 1, N}, 20},
    {"4101", "Xây dựng nhà để ở", {3, 4, N}, 45},
    {"4102", "Xây dựng nhà không để ở", {3, 4, N}, 25},
    {"4212", "Xây dựng công trình đường bộ", {3, 4, N}, 20},
    {"4299", "Xây dựng công trình kỹ thuật dân dụng khác", {3, 25, N}, 20},
    {"4321", "Lắp đặt hệ thống điện", {24, 25, N}, 20},
    {"4322",
     "Lắp đặt hệ thống cấp, thoát nước, hệ thống sưởi và điều hoà không khí",
     {24, 25, N},
     15},
    {"4330", "Hoàn thiện công trình xây dựng", {3, 21, N}, 20},
    {"4933", "Vận tải hàng hóa bằng đường bộ", {7, 8, N}, 35},
    {"5210", "Kho bãi và lưu giữ hàng hóa", {35, 8, N}, 10},
    {"5229", "Hoạt động dịch vụ hỗ trợ khác liên quan đến vận tải", {8, 7, N}, 20},
    {"5510", "Dịch vụ lưu trú ngắn ngày", {15, 13, N}, 15},
    {"5610", "Nhà hàng và các dịch vụ ăn uống phục vụ lưu động", {14, 1, N}, 25},
    {"6201", "Lập trình máy vi tính", {6, 5, N}, 25},
    {"6202", "Tư vấn máy vi tính và quản trị hệ thống máy vi tính", {5, 6, N}, 10},
    {"6209",
     "Hoạt động dịch vụ công nghệ thông tin và dịch vụ khác liên quan đến máy vi tính",
     {5, N, N},
     10},
    {"6810",
     "Kinh doanh bất động sản, quyền sử dụng đất thuộc chủ sở hữu, chủ sử dụng hoặc đi thuê",
     {9, 10, N},
     30},
    {"6820", "Tư vấn, môi giới, đấu giá bất động sản, đấu giá quyền sử dụng đất", {9, 11, N}, 15},
    {"7020", "Hoạt động tư vấn quản lý", {11, N, N}, 25},
    {"7110", "Hoạt động kiến trúc và tư vấn kỹ thuật có liên quan", {12, 11, N}, 20},
    {"7310", "Quảng cáo", {26, 27, N}, 15},
    {"7912", "Điều hành tua du lịch", {13, N, N}, 10},
    {"8299",
     "Hoạt động dịch vụ hỗ trợ kinh doanh khác còn lại chưa được phân vào đâu",
     {34, 1, N},
     20},
    {"8559", "Giáo dục khác chưa được phân vào đâu", {22, N, N}, 10},
    {"8620", "Hoạt động của các phòng khám đa khoa, chuyên khoa và nha khoa", {23, N, N}, 5},
    {"1410", "May trang phục (trừ trang phục từ da lông thú)", {16, 30, N}, 15},
    {"1079", "Sản xuất thực phẩm khác chưa được phân vào đâu", {17, 30, N}, 10},
    {"2511", "Sản xuất các cấu kiện kim loại", {20, 30, N}, 10},
    {"3100", "Sản xuất giường, tủ, bàn, ghế", {21, 30, N}, 10},
    {"4511", "Bán buôn ô tô và xe có động cơ khác", {31, 0, N}, 10},
    {"4520", "Bảo dưỡng, sửa chữa ô tô và xe có động cơ khác", {31, 20, N}, 10},
    {"0322", "Nuôi trồng thuỷ sản nội địa", {19, N, N}, 5},
    {"6910", "Hoạt động pháp luật", {33, N, N}, 3},
    {"6920", "Hoạt động liên quan đến kế toán, kiểm toán và tư vấn về thuế", {32, 11, N}, 5},
};

constexpr std::string_view kBrandFirst[] = {
    "Minh", "Hoàng", "Thành", "Phú",  "An",   "Tân",    "Hưng",  "Việt", "Đại",  "Thịnh",
    "Hòa",  "Phúc",  "Kim",   "Ngọc", "Sao",  "Trường", "Quang", "Đông", "Nam",  "Hải",
    "Sơn",  "Thiên", "Bảo",   "Gia",  "Nhật", "Đức",    "Vạn",   "Hồng", "Tiến", "Lộc"};
constexpr std::string_view kBrandSecond[] = {
    "Phát", "Long", "Đạt",   "Quý",   "Khang", "Tiến", "Thịnh", "Vượng", "Bình", "An",
    "Lộc",  "Hưng", "Thành", "Phong", "Nam",   "Việt", "Minh",  "Huy",   "Anh",  "Sơn"};
constexpr std::string_view kQualifiers[] = {"",        "Việt Nam", "Quốc tế",  "Toàn Cầu",
                                            "Group",   "Miền Nam", "Miền Bắc", "Miền Trung",
                                            "Sài Gòn", "Thủ Đô"};

}  // namespace

std::span<const Industry> Industries() { return kIndustries; }
std::span<const NamePhrase> NamePhrases() { return kPhrases; }

std::uint8_t PickIndustry(Rng& rng) {
  static const WeightedTable* const kTable = [] {
    auto* table = new WeightedTable();
    for (const Industry& i : kIndustries) table->Add(i.weight);
    return table;
  }();
  return static_cast<std::uint8_t>(kTable->Pick(rng));
}

std::uint8_t PickPhrase(Rng& rng, std::uint8_t industry) {
  const Industry& i = kIndustries[industry];
  const std::size_t count = i.phrases[1] == kNoPhrase ? 1 : i.phrases[2] == kNoPhrase ? 2 : 3;
  return i.phrases[rng.Uniform(count)];
}

bool IsLawIndustry(std::uint8_t industry) { return kIndustries[industry].code == "6910"; }
bool IsAuditIndustry(std::uint8_t industry) { return kIndustries[industry].code == "6920"; }

std::size_t BrandFirstCount() { return std::size(kBrandFirst); }
std::size_t BrandSecondCount() { return std::size(kBrandSecond); }
std::string_view BrandFirst(std::uint8_t index) {
  return kBrandFirst[index % std::size(kBrandFirst)];
}
std::string_view BrandSecond(std::uint8_t index) {
  return kBrandSecond[index % std::size(kBrandSecond)];
}

std::size_t QualifierWordCount() { return std::size(kQualifiers); }

std::string QualifierText(std::uint16_t qualifier) {
  if (qualifier < std::size(kQualifiers)) return std::string(kQualifiers[qualifier]);
  return std::to_string(qualifier - std::size(kQualifiers) + 1);
}

}  // namespace ndxp::connectors::business
