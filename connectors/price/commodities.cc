#include "connectors/price/commodities.h"

#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors::price {
namespace {

using M = PriceModel;
using S = Season;

constexpr CommodityGroup kGroups[] = {
    {"01", "Lương thực"},
    {"02", "Thực phẩm tươi sống"},
    {"03", "Rau, củ, quả"},
    {"04", "Thực phẩm chế biến"},
    {"05", "Xăng dầu, chất đốt"},
    {"06", "Điện, nước sinh hoạt"},
    {"07", "Vật tư nông nghiệp"},
    {"08", "Vật liệu xây dựng"},
    {"09", "Dịch vụ"},
    {"10", "Vàng, ngoại tệ"},
};

// code, name, unit, base, step, trend, season amplitude, volatility, regional spread, weekday,
// model, season, stabilised
constexpr Commodity kCommodities[] = {
    {"01.001", "Thóc tẻ thường", "đồng/kg", 7'800, 50, 300, 400, 40, 500, 0, M::kMarket, S::kHarvest, true},
    {"01.002", "Gạo tẻ thường", "đồng/kg", 15'500, 100, 300, 300, 30, 600, 0, M::kMarket, S::kHarvest, true},
    {"01.003", "Gạo tẻ ngon", "đồng/kg", 20'500, 100, 250, 200, 30, 700, 0, M::kMarket, S::kHarvest, false},
    {"01.004", "Gạo nếp", "đồng/kg", 22'000, 100, 200, 400, 30, 800, 0, M::kMarket, S::kTet, false},
    {"02.001", "Thịt lợn hơi", "đồng/kg", 52'000, 500, 500, 700, 120, 500, 0, M::kMarket, S::kTet, false},
    {"02.002", "Thịt lợn nạc thăn", "đồng/kg", 125'000, 1'000, 300, 600, 60, 700, 0, M::kMarket, S::kTet, false},
    {"02.003", "Thịt bò thăn", "đồng/kg", 270'000, 5'000, 300, 500, 40, 900, 0, M::kMarket, S::kTet, false},
    {"02.004", "Gà ta làm sẵn", "đồng/kg", 120'000, 1'000, 200, 900, 60, 900, 0, M::kMarket, S::kTet, false},
    {"02.005", "Trứng gà", "đồng/chục", 32'000, 500, 200, 500, 50, 600, 0, M::kMarket, S::kTet, false},
    {"02.006", "Cá rô phi", "đồng/kg", 55'000, 1'000, 200, 300, 60, 900, 0, M::kMarket, S::kNone, false},
    {"03.001", "Bắp cải", "đồng/kg", 14'000, 500, 200, 2'000, 250, 1'200, 0, M::kMarket, S::kRainy, false},
    {"03.002", "Cà chua", "đồng/kg", 20'000, 500, 200, 2'000, 250, 1'200, 0, M::kMarket, S::kRainy, false},
    {"03.003", "Khoai tây", "đồng/kg", 22'000, 500, 200, 1'200, 150, 1'000, 0, M::kMarket, S::kRainy, false},
    {"04.001", "Đường kính trắng", "đồng/kg", 24'000, 500, 200, 0, 40, 500, 1, M::kMarket, S::kNone, true},
    {"04.002", "Muối ăn (muối hạt)", "đồng/kg", 8'000, 500, 100, 0, 30, 800, 1, M::kMarket, S::kNone, true},
    {"04.003", "Sữa bột cho trẻ em dưới 06 tuổi", "đồng/hộp 900 g", 520'000, 5'000, 300, 0, 30, 300, 1, M::kMarket, S::kNone, true},
    {"04.004", "Dầu ăn thực vật", "đồng/lít", 48'000, 500, 200, 0, 50, 500, 1, M::kMarket, S::kNone, false},
    {"05.001", "Xăng E5 RON 92-II", "đồng/lít", 21'500, 10, -300, 0, 250, 0, 4, M::kFuel, S::kNone, true},
    {"05.002", "Xăng RON 95-III", "đồng/lít", 22'800, 10, -300, 0, 250, 0, 4, M::kFuel, S::kNone, true},
    {"05.003", "Dầu điêzen 0,05S-II", "đồng/lít", 20'500, 10, -400, 0, 280, 0, 4, M::kFuel, S::kNone, true},
    {"05.004", "Dầu hỏa 2-K", "đồng/lít", 20'800, 10, -400, 0, 280, 0, 4, M::kFuel, S::kNone, true},
    {"05.005", "Khí hóa lỏng LPG (bình 12 kg)", "đồng/bình 12 kg", 440'000, 1'000, 100, 300, 120, 400, 1, M::kMarket, S::kTet, true},
    {"06.001", "Điện sinh hoạt bậc 1 (0 - 50 kWh)", "đồng/kWh", 1'806, 1, 0, 0, 0, 0, 1, M::kScheduled, S::kNone, true},
    {"06.002", "Nước sạch sinh hoạt (mức đến 10 m3)", "đồng/m3", 8'500, 100, 0, 0, 0, 2'500, 1, M::kAdministered, S::kNone, false},
    {"07.001", "Phân đạm urê", "đồng/kg", 11'500, 100, -300, 400, 150, 500, 1, M::kMarket, S::kHarvest, true},
    {"07.002", "Phân NPK 16-16-8", "đồng/kg", 14'000, 100, -100, 300, 100, 500, 1, M::kMarket, S::kHarvest, true},
    {"07.003", "Phân DAP", "đồng/kg", 18'500, 100, 0, 300, 120, 500, 1, M::kMarket, S::kHarvest, false},
    {"08.001", "Xi măng PCB40", "đồng/tấn", 1'650'000, 10'000, 100, 400, 40, 800, 1, M::kMarket, S::kDrySeason, false},
    {"08.002", "Thép cuộn xây dựng D6 - D8", "đồng/kg", 15'200, 100, -200, 300, 120, 400, 1, M::kMarket, S::kDrySeason, false},
    {"08.003", "Cát xây dựng", "đồng/m3", 380'000, 5'000, 800, 400, 80, 2'500, 1, M::kMarket, S::kDrySeason, false},
    {"08.004", "Gạch đặc xây tường", "đồng/viên", 1'400, 10, 200, 300, 50, 1'000, 1, M::kMarket, S::kDrySeason, false},
    {"09.001", "Cước taxi (km đầu tiên)", "đồng/km", 14'000, 500, 200, 0, 40, 1'200, 1, M::kMarket, S::kNone, false},
    {"09.002", "Khám bệnh tại bệnh viện hạng I", "đồng/lượt", 42'100, 100, 0, 0, 0, 300, 1, M::kAdministered, S::kNone, false},
    {"09.003", "Trông giữ xe máy ban ngày", "đồng/lượt", 5'000, 1'000, 0, 0, 0, 2'000, 1, M::kAdministered, S::kNone, false},
    {"10.001", "Vàng miếng SJC 1 lượng (bán ra)", "đồng/lượng", 78'000'000, 100'000, 3'500, 0, 90, 20, 0, M::kFuel, S::kNone, false},
    {"10.002", "Đô la Mỹ (bán ra tại ngân hàng thương mại)", "đồng/USD", 24'500, 10, 250, 0, 12, 5, 0, M::kFuel, S::kNone, false},
};

constexpr std::string_view kFormat = "must be GG.NNN (two-digit group, a dot, three-digit item), e.g. 01.002";

}  // namespace

std::span<const Commodity> Commodities() { return kCommodities; }
std::span<const CommodityGroup> CommodityGroups() { return kGroups; }

int GroupOf(const Commodity& commodity) {
  return (commodity.code[0] - '0') * 10 + (commodity.code[1] - '0') - 1;
}

absl::StatusOr<int> ParseCommodityCode(std::string_view text, std::string_view field) {
  const auto digit = [&text](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.empty()) return core::FieldViolation(field, core::Cat("is required; it ", kFormat));
  if (text.size() != 6 || text[2] != '.' || !digit(0) || !digit(1) || !digit(3) || !digit(4) ||
      !digit(5)) {
    return core::FieldViolation(field, kFormat);
  }
  const int group = (text[0] - '0') * 10 + (text[1] - '0');
  if (group < 1 || group > static_cast<int>(std::size(kGroups))) {
    return core::FieldViolation(field, core::Cat("the group ", text.substr(0, 2),
                                                 " is not one of the catalogue's groups 01 to ",
                                                 kGroups[std::size(kGroups) - 1].code));
  }
  if (text.substr(3) == "000") return core::FieldViolation(field, "the item number must not be 000");
  for (std::size_t i = 0; i < std::size(kCommodities); ++i) {
    if (kCommodities[i].code == text) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace ndxp::connectors::price
