#include "connectors/budget/budget_store.h"

#include <algorithm>
#include <iterator>

#include "connectors/budget/budget_generator.h"
#include "connectors/business/enterprise_view.h"
#include "connectors/common/admin_units.h"
#include "connectors/common/bijection.h"
#include "connectors/common/budget_unit_code.h"
#include "connectors/common/rng.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors::budget {
namespace {

static_assert(sizeof(BudgetUnit) == 24);

constexpr std::string_view kDepartments[] = {
    "Sở Tài chính",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Xây dựng",
    "Sở Nông nghiệp và Môi trường",
    "Sở Công Thương",
    "Sở Khoa học và Công nghệ",
    "Sở Văn hóa, Thể thao và Du lịch",
};
static_assert(std::size(kDepartments) == static_cast<int>(Template::kDepartmentLast) -
                                             static_cast<int>(Template::kDepartmentFirst) + 1);

enum class Place { kBare, kInName, kFull };
struct ProjectName {
  std::string_view prefix;
  Place place;
};
constexpr ProjectName kProjects[] = {
    {"Dự án Xây dựng Trường Tiểu học", Place::kBare},
    {"Dự án Cải tạo, nâng cấp đường giao thông", Place::kInName},
    {"Dự án Xây dựng Trạm Y tế", Place::kFull},
    {"Dự án Kè chống sạt lở bờ sông", Place::kInName},
    {"Dự án Xây dựng Nhà văn hóa", Place::kInName},
    {"Dự án Nâng cấp hệ thống cấp nước sinh hoạt", Place::kInName},
};
static_assert(std::size(kProjects) == static_cast<int>(Template::kProjectLast) -
                                          static_cast<int>(Template::kProjectFirst) + 1);

std::uint16_t ProvinceOf(std::uint16_t commune) {
  return AdminUnits::Get().communes()[commune].province;
}

}  // namespace

std::uint64_t DossierKey(int province_code, int year, std::uint32_t sequence) {
  return static_cast<std::uint64_t>(province_code) * 10'000'000'000ULL +
         static_cast<std::uint64_t>(year) * 1'000'000 + sequence;
}

std::string_view DepartmentName(int index) {
  return kDepartments[static_cast<std::size_t>(index) % std::size(kDepartments)];
}

std::string ProvinceInName(std::uint16_t province) {
  std::string_view name = AdminUnits::Get().provinces()[province].name;
  constexpr std::string_view kProvince = "Tỉnh ";
  if (name.starts_with(kProvince)) return core::Cat("tỉnh ", name.substr(kProvince.size()));
  return std::string(name);
}

std::string_view BareCommuneName(std::uint16_t commune) {
  std::string_view name = AdminUnits::Get().communes()[commune].name;
  for (std::string_view kind : {"Phường ", "Xã ", "Đặc khu "}) {
    if (name.starts_with(kind)) return name.substr(kind.size());
  }
  return name;
}

std::string CommuneInName(std::uint16_t commune) {
  std::string_view name = AdminUnits::Get().communes()[commune].name;
  constexpr std::pair<std::string_view, std::string_view> kKinds[] = {
      {"Phường ", "phường "}, {"Xã ", "xã "}, {"Đặc khu ", "đặc khu "}};
  for (const auto& [upper, lower] : kKinds) {
    if (name.starts_with(upper)) return core::Cat(lower, name.substr(upper.size()));
  }
  return std::string(name);
}

absl::StatusOr<std::shared_ptr<const BudgetStore>> BudgetStore::Generate(
    std::uint64_t seed, std::uint64_t scale,
    std::shared_ptr<const business::EnterpriseStore> enterprises) {
  if (scale == 0) scale = kDefaultScale;
  if (scale > kMaxScale) {
    return absl::InvalidArgumentError("scale must be at most 50,000 investment projects");
  }
  if (enterprises == nullptr) return absl::InvalidArgumentError("no business store");
  std::shared_ptr<BudgetStore> store(new BudgetStore());
  store->seed_ = seed;
  store->enterprises_ = std::move(enterprises);
  if (absl::Status s = BudgetGenerator(seed, scale, *store).Run(); !s.ok()) return s;
  return std::shared_ptr<const BudgetStore>(std::move(store));
}

void BudgetStore::BuildIndexes() {
  code_index_.resize(units_.size());
  by_enterprise_.clear();
  for (std::size_t i = 0; i < units_.size(); ++i) {
    code_index_[i] = std::uint64_t{units_[i].code} << 32 | i;
    if (units_[i].enterprise != kNone) by_enterprise_.push_back(static_cast<std::uint32_t>(i));
  }
  std::sort(code_index_.begin(), code_index_.end());
  const auto& enterprises = enterprises_->enterprises();
  std::sort(by_enterprise_.begin(), by_enterprise_.end(), [&](std::uint32_t a, std::uint32_t b) {
    return enterprises[units_[a].enterprise].code < enterprises[units_[b].enterprise].code;
  });
}

const BudgetUnit* BudgetStore::FindUnit(std::uint32_t code) const {
  auto it = std::lower_bound(code_index_.begin(), code_index_.end(), std::uint64_t{code} << 32);
  if (it == code_index_.end() || (*it >> 32) != code) return nullptr;
  return &units_[*it & 0xFFFFFFFF];
}

const BudgetUnit* BudgetStore::FindByEnterprise(std::uint64_t enterprise_code) const {
  const auto& enterprises = enterprises_->enterprises();
  auto it = std::lower_bound(by_enterprise_.begin(), by_enterprise_.end(), enterprise_code,
                             [&](std::uint32_t unit, std::uint64_t code) {
                               return enterprises[units_[unit].enterprise].code < code;
                             });
  if (it == by_enterprise_.end() || enterprises[units_[*it].enterprise].code != enterprise_code) {
    return nullptr;
  }
  return &units_[*it];
}

const HistoricalDossier* BudgetStore::FindDossier(int province_code, int year,
                                                  std::uint32_t sequence) const {
  const std::uint64_t key = DossierKey(province_code, year, sequence);
  auto it = std::lower_bound(dossiers_.begin(), dossiers_.end(), key,
                             [](const HistoricalDossier& d, std::uint64_t k) { return d.key < k; });
  return it != dossiers_.end() && it->key == key ? &*it : nullptr;
}

std::uint32_t BudgetStore::LastSequence(int province_code, int year) const {
  const std::uint64_t end = DossierKey(province_code, year, 999'999);
  auto it = std::upper_bound(dossiers_.begin(), dossiers_.end(), end,
                             [](std::uint64_t k, const HistoricalDossier& d) { return k < d.key; });
  if (it == dossiers_.begin()) return 0;
  --it;
  if (it->key < DossierKey(province_code, year, 0)) return 0;
  return static_cast<std::uint32_t>(it->key % 1'000'000);
}

std::uint32_t BudgetStore::CodeFor(int kind_digit, std::uint32_t counter) const {
  const Bijection sequences(kSequences, Mix(Mix(seed_, 0x4D534E53ULL), kind_digit));
  return MakeBudgetUnitCode(kind_digit,
                            1 + static_cast<std::uint32_t>(sequences.Apply(counter % kSequences)));
}

std::string BudgetStore::NameOf(const BudgetUnit& u) const {
  const std::uint16_t province = ProvinceOf(u.commune);
  const std::string_view full = AdminUnits::Get().communes()[u.commune].name;
  switch (u.name) {
    case Template::kProvinceBudget:
      return core::Cat("Ngân sách ", ProvinceInName(province));
    case Template::kProvinceOffice:
      return core::Cat("Văn phòng Ủy ban nhân dân ", ProvinceInName(province));
    case Template::kProvinceHospital:
      return core::Cat("Bệnh viện Đa khoa ", ProvinceInName(province));
    case Template::kProjectBoard:
      return core::Cat("Ban Quản lý dự án đầu tư xây dựng ", ProvinceInName(province));
    case Template::kCommuneBudget:
      return core::Cat("Ngân sách ", CommuneInName(u.commune));
    case Template::kCommuneCommittee:
      return core::Cat("Ủy ban nhân dân ", full);
    case Template::kPreschool:
      return core::Cat("Trường Mầm non ", BareCommuneName(u.commune));
    case Template::kPrimarySchool:
      return core::Cat("Trường Tiểu học ", BareCommuneName(u.commune));
    case Template::kLowerSecondary:
      return core::Cat("Trường Trung học cơ sở ", BareCommuneName(u.commune));
    case Template::kHealthStation:
      return core::Cat("Trạm Y tế ", full);
    case Template::kEnterprise:
      return business::CompanyNameText(enterprises_->enterprises()[u.enterprise]);
    default:
      break;
  }
  const int t = static_cast<int>(u.name);
  if (t >= static_cast<int>(Template::kDepartmentFirst) &&
      t <= static_cast<int>(Template::kDepartmentLast)) {
    return core::Cat(DepartmentName(t - static_cast<int>(Template::kDepartmentFirst)), " ",
                     ProvinceInName(province));
  }
  const ProjectName& project =
      kProjects[static_cast<std::size_t>(t - static_cast<int>(Template::kProjectFirst)) %
                std::size(kProjects)];
  switch (project.place) {
    case Place::kBare:
      return core::Cat(project.prefix, " ", BareCommuneName(u.commune));
    case Place::kInName:
      return core::Cat(project.prefix, " ", CommuneInName(u.commune));
    default:
      return core::Cat(project.prefix, " ", full);
  }
}

std::uint64_t BudgetStore::Fingerprint() const {
  std::uint64_t h = Mix(seed_, units_.size());
  for (const BudgetUnit& u : units_) {
    h = Mix(h, std::uint64_t{u.code} << 32 | u.governing);
    h = Mix(h, std::uint64_t{u.enterprise} << 32 | static_cast<std::uint32_t>(u.issue_day));
    h = Mix(h, std::uint64_t{u.commune} << 32 | std::uint64_t{u.kind} << 24 |
                   std::uint64_t{u.level} << 16 |
                   std::uint64_t{static_cast<std::uint8_t>(u.name)} << 8 | u.status);
  }
  for (const HistoricalDossier& d : dossiers_) {
    h = Mix(h, d.key);
    h = Mix(h, static_cast<std::uint64_t>(d.received_minute) ^ (std::uint64_t{d.unit} << 40));
    h = Mix(h, std::uint64_t{static_cast<std::uint32_t>(d.processing_after)} << 32 |
                   static_cast<std::uint32_t>(d.decided_after));
    h = Mix(h, std::uint64_t{static_cast<std::uint32_t>(d.due_day)} << 1 | (d.rejected ? 1u : 0u));
  }
  return h;
}

std::size_t BudgetStore::MemoryBytes() const {
  return units_.capacity() * sizeof(BudgetUnit) + code_index_.capacity() * sizeof(std::uint64_t) +
         by_enterprise_.capacity() * sizeof(std::uint32_t) +
         dossiers_.capacity() * sizeof(HistoricalDossier);
}

}  // namespace ndxp::connectors::budget
