#include "connectors/population/demography.h"

#include <array>
#include <initializer_list>
#include <iterator>
#include <utility>

#include "connectors/common/admin_units.h"
#include "connectors/common/catalogs.h"
#include "connectors/common/weighted.h"

namespace ndxp::connectors::population {
namespace {

// The groups synthetic citizens belong to, as codes of the shared catalog
// (connectors/common/catalogs.h), which spells their names: Kinh, Tày, Thái, Mường, Khơ-me, Hoa,
// Nùng, Mông, Dao, Gia-rai, Ê-đê, Ba-na, Xơ-đăng, Cơ-ho, Chăm, Sán Chay, Sán Dìu, Ra-glai, Mnông.
constexpr int kEthnicGroupCodes[] = {1,  2,  3,  6,  5,  4,  7,  8,  9, 10,
                                     12, 13, 14, 16, 17, 15, 18, 21, 20};
enum : std::uint8_t {
  kTay = 1,
  kThai,
  kMuong,
  kKhmer,
  kHoa,
  kNung,
  kHmong,
  kDao,
  kGiaRai,
  kEde,
  kBaNa,
  kXoDang,
  kCoHo,
  kCham,
  kSanChay,
  kSanDiu,
  kRaglay,
  kMnong
};

// Religions are the shared catalog's codes 0..7 (Không, Phật giáo, Công giáo, Tin lành, Cao Đài,
// Phật giáo Hòa Hảo, Hồi giáo, Bà-la-môn).
enum : std::uint8_t {
  kNone,
  kBuddhism,
  kCatholic,
  kProtestant,
  kCaoDai,
  kHoaHao,
  kIslam,
  kBrahmin
};

using Shares = std::initializer_list<std::pair<std::uint8_t, std::uint16_t>>;  // per mille
using ShareArray = std::array<std::pair<std::uint8_t, std::uint16_t>, 8>;      // zero shares unused

struct ProvinceMix {
  std::array<int, 6> provinces;  // pre-2025 GSO codes; 0 unused
  ShareArray shares;
};

// Provinces with sizeable minorities; elsewhere the default mix applies.
constexpr ProvinceMix kProvinceMixes[] = {
    {{4, 6, 8, 20},
     {{{kKinh, 300}, {kTay, 330}, {kNung, 200}, {kDao, 80}, {kHmong, 50}, {kSanChay, 40}}}},
    {{2, 10, 11, 12, 14, 15},
     {{{kKinh, 250}, {kThai, 280}, {kHmong, 270}, {kDao, 90}, {kTay, 80}, {kNung, 30}}}},
    {{17}, {{{kKinh, 280}, {kMuong, 630}, {kThai, 40}, {kDao, 30}, {kTay, 20}}}},
    {{25}, {{{kKinh, 850}, {kMuong, 130}, {kDao, 15}, {kSanChay, 5}}}},
    {{38}, {{{kKinh, 840}, {kMuong, 90}, {kThai, 60}, {kHmong, 5}, {kDao, 5}}}},
    {{40}, {{{kKinh, 860}, {kThai, 100}, {kMuong, 30}, {kHmong, 10}}}},
    {{19, 22, 24},
     {{{kKinh, 820}, {kTay, 70}, {kNung, 50}, {kSanDiu, 30}, {kSanChay, 20}, {kDao, 10}}}},
    {{62}, {{{kKinh, 460}, {kXoDang, 250}, {kBaNa, 140}, {kGiaRai, 150}}}},
    {{64}, {{{kKinh, 530}, {kGiaRai, 300}, {kBaNa, 140}, {kTay, 15}, {kNung, 15}}}},
    {{66},
     {{{kKinh, 660},
       {kEde, 170},
       {kNung, 40},
       {kTay, 40},
       {kMnong, 40},
       {kHmong, 20},
       {kGiaRai, 30}}}},
    {{67},
     {{{kKinh, 640},
       {kMnong, 110},
       {kNung, 70},
       {kTay, 60},
       {kHmong, 60},
       {kDao, 40},
       {kEde, 20}}}},
    {{68}, {{{kKinh, 770}, {kCoHo, 150}, {kTay, 20}, {kNung, 20}, {kMnong, 20}, {kHoa, 20}}}},
    {{58}, {{{kKinh, 770}, {kCham, 120}, {kRaglay, 110}}}},
    {{60}, {{{kKinh, 950}, {kCham, 30}, {kRaglay, 10}, {kHoa, 10}}}},
    {{94}, {{{kKinh, 650}, {kKhmer, 300}, {kHoa, 50}}}},
    {{84}, {{{kKinh, 680}, {kKhmer, 310}, {kHoa, 10}}}},
    {{91}, {{{kKinh, 850}, {kKhmer, 125}, {kHoa, 25}}}},
    {{95, 93}, {{{kKinh, 900}, {kKhmer, 80}, {kHoa, 20}}}},
    {{89}, {{{kKinh, 940}, {kKhmer, 45}, {kCham, 5}, {kHoa, 10}}}},
    {{96}, {{{kKinh, 970}, {kKhmer, 25}, {kHoa, 5}}}},
    {{79}, {{{kKinh, 930}, {kHoa, 55}, {kKhmer, 5}, {kCham, 3}, {kTay, 3}, {kNung, 4}}}},
    {{75}, {{{kKinh, 920}, {kHoa, 45}, {kNung, 15}, {kTay, 10}, {kKhmer, 10}}}},
    {{70}, {{{kKinh, 840}, {kMnong, 60}, {kKhmer, 20}, {kTay, 40}, {kNung, 40}}}},
};
constexpr ShareArray kDefaultMix = {{{kKinh, 995}, {kTay, 2}, {kMuong, 2}, {kHoa, 1}}};

struct EthnicityTables {
  std::array<WeightedTable, 100> by_province;
  std::array<std::array<std::uint8_t, 8>, 100> members{};
  EthnicityTables() {
    std::array<const ShareArray*, 100> mix{};
    mix.fill(&kDefaultMix);
    for (const auto& m : kProvinceMixes) {
      for (int p : m.provinces) {
        if (p != 0) mix[static_cast<std::size_t>(p)] = &m.shares;
      }
    }
    for (std::size_t p = 0; p < 100; ++p) {
      std::size_t i = 0;
      for (const auto& [ethnicity, share] : *mix[p]) {
        if (share == 0) break;
        by_province[p].Add(share);
        members[p][i++] = ethnicity;
      }
    }
  }
};

const EthnicityTables& Ethnicities() {
  static const EthnicityTables* const kTables = new EthnicityTables();
  return *kTables;
}

std::uint8_t PickFrom(Rng& rng, Shares shares) {
  std::uint32_t total = 0;
  for (const auto& s : shares) total += s.second;
  std::uint32_t r = static_cast<std::uint32_t>(rng.Uniform(total));
  for (const auto& [value, share] : shares) {
    if (r < share) return value;
    r -= share;
  }
  return shares.begin()->first;
}

bool IsHighlands(std::uint8_t e) {
  return e == kGiaRai || e == kEde || e == kBaNa || e == kXoDang || e == kCoHo || e == kMnong;
}

std::uint8_t PickKinhReligion(Rng& rng, int gso) {
  switch (AdminUnits::RegionOf(gso)) {
    case Region::kNorth:
      if (gso == 36 || gso == 37)
        return PickFrom(rng, {{kNone, 760}, {kCatholic, 200}, {kBuddhism, 40}});
      return PickFrom(rng, {{kNone, 900}, {kCatholic, 60}, {kBuddhism, 40}});
    case Region::kCentral:
      return PickFrom(rng, {{kNone, 870}, {kBuddhism, 80}, {kCatholic, 50}});
    case Region::kSouth:
      if (gso == 72)
        return PickFrom(rng, {{kNone, 560}, {kCaoDai, 250}, {kBuddhism, 120}, {kCatholic, 70}});
      if (gso == 89)
        return PickFrom(rng, {{kNone, 500}, {kHoaHao, 300}, {kBuddhism, 150}, {kCatholic, 50}});
      return PickFrom(rng, {{kNone, 750},
                            {kBuddhism, 120},
                            {kCatholic, 80},
                            {kCaoDai, 30},
                            {kHoaHao, 15},
                            {kProtestant, 5}});
  }
  return kNone;
}

}  // namespace

std::uint8_t PickEthnicity(Rng& rng, int old_gso_code) {
  const auto& t = Ethnicities();
  const auto p = static_cast<std::size_t>(old_gso_code % 100);
  return t.members[p][t.by_province[p].Pick(rng)];
}

std::string_view EthnicityName(std::uint8_t ethnicity) {
  return EthnicGroupName(kEthnicGroupCodes[ethnicity % std::size(kEthnicGroupCodes)]);
}

std::uint8_t PickReligion(Rng& rng, std::uint8_t ethnicity, int old_gso_code) {
  if (ethnicity == kKinh) return PickKinhReligion(rng, old_gso_code);
  if (ethnicity == kKhmer) return PickFrom(rng, {{kBuddhism, 950}, {kNone, 50}});
  if (ethnicity == kHmong) return PickFrom(rng, {{kNone, 750}, {kProtestant, 250}});
  if (ethnicity == kHoa) return PickFrom(rng, {{kNone, 550}, {kBuddhism, 400}, {kCatholic, 50}});
  if (ethnicity == kCham) return PickFrom(rng, {{kBrahmin, 550}, {kIslam, 350}, {kNone, 100}});
  if (IsHighlands(ethnicity)) {
    return PickFrom(rng, {{kNone, 450}, {kProtestant, 350}, {kCatholic, 200}});
  }
  return PickFrom(rng, {{kNone, 950}, {kProtestant, 30}, {kCatholic, 20}});
}

std::string_view ReligionName(std::uint8_t religion) {
  return ::ndxp::connectors::ReligionName(religion % (kBrahmin + 1));
}

NameGroup NameGroupOf(std::uint8_t ethnicity, int old_gso_code) {
  switch (ethnicity) {
    case kKinh:
      return old_gso_code >= 46 ? NameGroup::kKinhSouth : NameGroup::kKinhNorth;
    case kTay:
    case kNung:
    case kSanChay:
    case kSanDiu:
      return NameGroup::kTayNung;
    case kThai:
      return NameGroup::kThai;
    case kHmong:
      return NameGroup::kHmong;
    case kDao:
      return NameGroup::kDao;
    case kMuong:
      return NameGroup::kMuong;
    case kKhmer:
      return NameGroup::kKhmer;
    case kHoa:
      return NameGroup::kHoa;
    case kCham:
    case kRaglay:
      return NameGroup::kCham;
    default:
      return NameGroup::kHighlands;
  }
}

int PickHeadAge(Rng& rng) {
  // Five-year bands from 20-24 to 85-89.
  static const WeightedTable kBands = {30,  70, 100, 115, 120, 115, 110,
                                       100, 90, 75,  55,  35,  20,  10};
  return 20 + static_cast<int>(kBands.Pick(rng)) * 5 + static_cast<int>(rng.Uniform(5));
}

int PickHouseholdSize(Rng& rng) {
  static const WeightedTable kSizes = {120, 200, 220, 260, 120, 80};
  return 1 + static_cast<int>(kSizes.Pick(rng));
}

}  // namespace ndxp::connectors::population
