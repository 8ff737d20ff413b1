#include "connectors/common/vietnamese_names.h"

#include <array>
#include <cstdlib>
#include <span>
#include <vector>

#include "connectors/common/weighted.h"

namespace ndxp::connectors {
namespace {

// Family names. Weights per 10,000 Kinh people in the north and in the south (approximate
// frequencies from published surname statistics); 0 for names used only by minorities below.
struct Family {
  std::string_view text;
  std::uint16_t north;
  std::uint16_t south;
};
constexpr Family kFamilies[] = {
    {"Nguyễn", 3800, 3800}, {"Trần", 1100, 1100}, {"Lê", 950, 950},    {"Phạm", 700, 700},
    {"Hoàng", 480, 60},     {"Huỳnh", 30, 450},   {"Phan", 450, 450},  {"Vũ", 330, 70},
    {"Võ", 60, 330},        {"Đặng", 210, 210},   {"Bùi", 200, 200},   {"Đỗ", 140, 140},
    {"Hồ", 130, 130},       {"Ngô", 130, 130},    {"Dương", 100, 100}, {"Lý", 50, 50},
    {"Đinh", 80, 60},       {"Đào", 60, 50},      {"Trương", 60, 90},  {"Lâm", 30, 60},
    {"Mai", 50, 50},        {"Trịnh", 50, 40},    {"Hà", 50, 30},      {"Lương", 40, 40},
    {"Lưu", 30, 30},        {"Tô", 30, 30},       {"Cao", 40, 40},     {"Tạ", 20, 20},
    {"Kiều", 10, 10},       {"Quách", 10, 10},    {"Triệu", 20, 10},   {"Thái", 20, 20},
    {"Chu", 20, 10},        {"Văn", 20, 20},      {"Lại", 20, 10},     {"Châu", 10, 30},
    {"La", 10, 10},         {"Đoàn", 50, 50},     {"Tăng", 10, 20},    {"Phùng", 20, 10},
    {"Nghiêm", 10, 5},      {"Khúc", 5, 2},       {"Vương", 20, 20},   {"Từ", 10, 10},
    {"Doãn", 10, 5},        {"Hứa", 5, 10},       {"Lục", 5, 2},       {"Nông", 0, 0},
    {"Vi", 0, 0},           {"Lò", 0, 0},         {"Cầm", 0, 0},       {"Lường", 0, 0},
    {"Quàng", 0, 0},        {"Giàng", 0, 0},      {"Thào", 0, 0},      {"Vàng", 0, 0},
    {"Lầu", 0, 0},          {"Sùng", 0, 0},       {"Mùa", 0, 0},       {"Bàn", 0, 0},
    {"Chảo", 0, 0},         {"Thạch", 0, 0},      {"Sơn", 0, 0},       {"Danh", 0, 0},
    {"Kim", 0, 0},          {"Đàng", 0, 0},       {"Thành", 0, 0},     {"Niê", 0, 0},
    {"Êban", 0, 0},         {"Ksor", 0, 0},       {"Rơ Châm", 0, 0},   {"Siu", 0, 0},
    {"Nay", 0, 0},          {"Mlô", 0, 0},        {"Bạch", 0, 0},      {"Xa", 0, 0},
    {"Diệp", 0, 0},         {"Mạch", 0, 0},       {"Lăng", 0, 0},      {"Bá", 0, 0},
    {"Lộ", 0, 0},
};
constexpr std::size_t kFamilyCount = std::size(kFamilies);
// Family names of the Ê Đê and Gia Rai, written after the given name ("Y Moan Niê").
constexpr std::string_view kHighlandFamilies[] = {"Niê", "Êban", "Ksor", "Rơ Châm",
                                                  "Siu", "Nay",  "Mlô"};

// Family names of minority naming traditions (equal weights within a group).
struct GroupFamilies {
  NameGroup group;
  std::array<std::string_view, 8> names;
};
constexpr GroupFamilies kGroupFamilies[] = {
    {NameGroup::kTayNung, {"Hoàng", "Nông", "Lương", "Vi", "Lục", "Lăng", "Triệu", "Hà"}},
    {NameGroup::kThai, {"Lò", "Cầm", "Lường", "Quàng", "Hà", "Vi", "Lò", "Cầm"}},
    {NameGroup::kHmong, {"Giàng", "Thào", "Vàng", "Lầu", "Sùng", "Mùa", "Lý", "Giàng"}},
    {NameGroup::kDao, {"Triệu", "Bàn", "Đặng", "Lý", "Chảo", "Triệu", "Bàn", "Đặng"}},
    {NameGroup::kMuong, {"Bùi", "Đinh", "Quách", "Hà", "Bạch", "Xa", "Bùi", "Đinh"}},
    {NameGroup::kKhmer, {"Thạch", "Sơn", "Danh", "Kim", "Lâm", "Lý", "Thạch", "Sơn"}},
    {NameGroup::kHoa, {"Lý", "Lâm", "Trương", "Quách", "Hứa", "Mạch", "Diệp", "La"}},
    {NameGroup::kCham, {"Đàng", "Thành", "Bá", "Châu", "Đàng", "Thành", "Lộ", "Từ"}},
    {NameGroup::kHighlands, {"Niê", "Êban", "Ksor", "Rơ Châm", "Siu", "Nay", "Mlô", "Ksor"}},
};

constexpr std::string_view kMiddle[] = {
    // male (0..25)
    "Văn", "Đức", "Minh", "Quốc", "Hữu", "Công", "Thanh", "Đình", "Xuân", "Quang", "Ngọc", "Trung",
    "Hoàng", "Gia", "Anh", "Tuấn", "Bảo", "Thành", "Mạnh", "Duy", "Tiến", "Trọng", "Nhật", "Hải",
    "Khánh", "Đăng",
    // female (26..50)
    "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Kim", "Thùy", "Hồng", "Mai", "Bảo", "Khánh",
    "Diệu", "Thảo", "Hoài", "Quỳnh", "Bích", "Tuyết", "Hải", "Như", "Mỹ", "Yến", "Lan", "Cẩm",
    "Gia",
    // H'Mông male (51)
    "A"};
constexpr std::uint8_t kMaleMiddleBegin = 0, kMaleMiddleEnd = 26;
constexpr std::uint8_t kFemaleMiddleBegin = 26, kFemaleMiddleEnd = 51;
constexpr std::uint8_t kMiddleVan = 0, kMiddleThi = 26, kMiddleHmongA = 51;

constexpr std::string_view kMaleGiven[] = {
    "An",     "Anh",   "Bảo",    "Bình",  "Cường", "Chiến", "Công",  "Dũng",  "Duy",   "Dương",
    "Đạt",    "Đức",   "Định",   "Giang", "Hải",   "Hào",   "Hậu",   "Hiếu",  "Hiệp",  "Hòa",
    "Hoàng",  "Huy",   "Hùng",   "Hưng",  "Khải",  "Khang", "Khánh", "Khoa",  "Kiên",  "Lâm",
    "Linh",   "Lộc",   "Long",   "Luân",  "Mạnh",  "Minh",  "Nam",   "Nghĩa", "Nhân",  "Phát",
    "Phong",  "Phúc",  "Phương", "Quân",  "Quang", "Quý",   "Sơn",   "Tài",   "Tâm",   "Tân",
    "Thắng",  "Thành", "Thiện",  "Thịnh", "Thông", "Tiến",  "Toàn",  "Trí",   "Trung", "Trường",
    "Tuấn",   "Tú",    "Tùng",   "Vinh",  "Việt",  "Vũ",    "Hoài",  "Kiệt",  "Khôi",  "Lực",
    "Nguyên", "Nhật",  "Phú",    "Sang",  "Thái",  "Thanh", "Thuận", "Tín",   "Trọng", "Hiển"};
constexpr std::string_view kFemaleGiven[] = {
    "An",    "Anh",   "Ánh",   "Bích", "Châu", "Chi",    "Dung",  "Diệp", "Duyên", "Giang",
    "Hà",    "Hạnh",  "Hằng",  "Hiền", "Hoa",  "Hòa",    "Hồng",  "Huệ",  "Hương", "Hường",
    "Huyền", "Khánh", "Lan",   "Liên", "Linh", "Loan",   "Ly",    "Mai",  "My",    "Nga",
    "Ngân",  "Ngọc",  "Nhung", "Nhi",  "Oanh", "Phương", "Quỳnh", "Tâm",  "Thảo",  "Thanh",
    "Thắm",  "Thơ",   "Thu",   "Thủy", "Thúy", "Thư",    "Trang", "Trâm", "Trinh", "Tuyết",
    "Uyên",  "Vân",   "Vy",    "Xuân", "Yến",  "Hân",    "Nhàn",  "Lệ",   "Diệu",  "Phượng"};
constexpr std::string_view kHighlandMaleGiven[] = {"Moan", "Jut", "Ngông", "Bih",
                                                   "Blin", "Khu", "Kông",  "Thuyên"};
constexpr std::string_view kHighlandFemaleGiven[] = {"Hen", "Bia",  "Luyến", "Nhi",
                                                     "Yến", "Ngơn", "Zuê",   "Ben"};

bool IsHighland(std::uint8_t family) {
  for (auto name : kHighlandFamilies) {
    if (kFamilies[family].text == name) return true;
  }
  return false;
}

std::uint8_t IndexOfFamily(std::string_view text) {
  for (std::size_t i = 0; i < kFamilyCount; ++i) {
    if (kFamilies[i].text == text) return static_cast<std::uint8_t>(i);
  }
  std::abort();  // a group lists a name missing from kFamilies: a defect in the tables above
}

struct FamilyTables {
  WeightedTable north, south;
  std::vector<std::array<std::uint8_t, 8>> groups;  // by NameGroup - kTayNung
  FamilyTables() {
    for (const auto& f : kFamilies) {
      north.Add(f.north);
      south.Add(f.south);
    }
    for (const auto& g : kGroupFamilies) {
      std::array<std::uint8_t, 8> indexes{};
      for (std::size_t i = 0; i < 8; ++i) indexes[i] = IndexOfFamily(g.names[i]);
      groups.push_back(indexes);
    }
  }
};

const FamilyTables& Families() {
  static const FamilyTables* const kTables = new FamilyTables();
  return *kTables;
}

// Per-mille chance of the traditional middle name (Văn / Thị) by birth year.
std::uint32_t TraditionalMiddleChance(bool female, int birth_year) {
  if (birth_year < 1970) return female ? 750 : 550;
  if (birth_year < 1990) return female ? 550 : 350;
  if (birth_year < 2005) return female ? 300 : 200;
  return female ? 120 : 80;
}

}  // namespace

std::uint8_t PickFamilyName(Rng& rng, NameGroup group) {
  const FamilyTables& t = Families();
  switch (group) {
    case NameGroup::kKinhNorth:
      return static_cast<std::uint8_t>(t.north.Pick(rng));
    case NameGroup::kKinhSouth:
      return static_cast<std::uint8_t>(t.south.Pick(rng));
    default:
      return t.groups[static_cast<std::size_t>(group) -
                      static_cast<std::size_t>(NameGroup::kTayNung)][rng.Uniform(8)];
  }
}

std::uint8_t PickMiddleName(Rng& rng, NameGroup group, bool female, int birth_year) {
  if (group == NameGroup::kHighlands) return kNoMiddleName;
  if (group == NameGroup::kHmong && !female && rng.Chance(600)) return kMiddleHmongA;
  if (group == NameGroup::kKhmer && rng.Chance(400)) return kNoMiddleName;
  if (rng.Chance(TraditionalMiddleChance(female, birth_year))) {
    return female ? kMiddleThi : kMiddleVan;
  }
  const std::uint8_t begin = female ? kFemaleMiddleBegin + 1 : kMaleMiddleBegin + 1;
  const std::uint8_t end = female ? kFemaleMiddleEnd : kMaleMiddleEnd;
  return static_cast<std::uint8_t>(begin + rng.Uniform(end - begin));
}

std::uint8_t PickGivenName(Rng& rng, NameGroup group, bool female) {
  if (group == NameGroup::kHighlands) {
    return static_cast<std::uint8_t>(
        rng.Uniform(female ? std::size(kHighlandFemaleGiven) : std::size(kHighlandMaleGiven)));
  }
  return static_cast<std::uint8_t>(
      rng.Uniform(female ? std::size(kFemaleGiven) : std::size(kMaleGiven)));
}

PersonName PickName(Rng& rng, NameGroup group, bool female, int birth_year) {
  PersonName name;
  name.family = PickFamilyName(rng, group);
  name.middle = PickMiddleName(rng, group, female, birth_year);
  name.given = PickGivenName(rng, group, female);
  return name;
}

void AppendFullName(std::string& out, const PersonName& name, bool female) {
  const std::string_view family = kFamilies[name.family % kFamilyCount].text;
  if (IsHighland(name.family % kFamilyCount)) {
    const auto& given = female ? std::span<const std::string_view>(kHighlandFemaleGiven)
                               : std::span<const std::string_view>(kHighlandMaleGiven);
    out.append(female ? "H'" : "Y ");
    out.append(given[name.given % given.size()]);
    out.push_back(' ');
    out.append(family);
    return;
  }
  out.append(family);
  if (name.middle != kNoMiddleName && name.middle < std::size(kMiddle)) {
    out.push_back(' ');
    out.append(kMiddle[name.middle]);
  }
  const auto& given = female ? std::span<const std::string_view>(kFemaleGiven)
                             : std::span<const std::string_view>(kMaleGiven);
  out.push_back(' ');
  out.append(given[name.given % given.size()]);
}

std::string FullName(const PersonName& name, bool female) {
  std::string out;
  AppendFullName(out, name, female);
  return out;
}

std::string_view FamilyNameText(std::uint8_t family) {
  return kFamilies[family % kFamilyCount].text;
}

std::size_t FamilyNameCount() { return kFamilyCount; }

}  // namespace ndxp::connectors
