#pragma once
// The synthetic register of budget-relationship units in memory: the budgets, agencies and public
// service units of the 34 provinces and 3,321 communes in force, the public enterprises of the
// business store that have a code, investment projects, and the code-request dossiers received
// before the snapshot. Flat vectors of small records (names are built from a template and the
// administrative unit on answer), sorted indexes by code and by enterprise code. Immutable once
// generated; the dossiers received through the gateway live in a DossierDesk.

#include <absl/status/statusor.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "connectors/business/enterprise_store.h"

namespace ndxp::connectors::budget {

inline constexpr std::uint32_t kNone = 0xFFFFFFFF;

// What a unit is, which gives its name: "Sở Tài chính tỉnh Gia Lai", "Trường Tiểu học Tân Hòa".
enum class Template : std::uint8_t {
  kProvinceBudget,   // Ngân sách tỉnh X
  kProvinceOffice,   // Văn phòng Ủy ban nhân dân tỉnh X
  kDepartmentFirst,  // Sở ... tỉnh X (kDepartmentFirst + i, DepartmentName(i))
  kDepartmentLast = kDepartmentFirst + 9,
  kProvinceHospital,  // Bệnh viện Đa khoa tỉnh X
  kProjectBoard,      // Ban Quản lý dự án đầu tư xây dựng tỉnh X
  kCommuneBudget,     // Ngân sách xã X
  kCommuneCommittee,  // Ủy ban nhân dân Xã X
  kPreschool,         // Trường Mầm non X
  kPrimarySchool,     // Trường Tiểu học X
  kLowerSecondary,    // Trường Trung học cơ sở X
  kHealthStation,     // Trạm Y tế Xã X
  kEnterprise,        // the enterprise's registered name
  kProjectFirst,      // investment projects (ProjectName(i))
  kProjectLast = kProjectFirst + 5,
};

struct BudgetUnit {
  std::uint32_t code = 0;            // seven digits
  std::uint32_t governing = kNone;   // unit index
  std::uint32_t enterprise = kNone;  // enterprise index in the business store
  std::int32_t issue_day = 0;        // days since 1970-01-01
  std::uint16_t commune = 0;         // seat (AdminUnits commune index)
  std::uint8_t kind = 0;             // ndxp.budget.v1.UnitKind
  std::uint8_t level = 0;            // ndxp.budget.v1.BudgetLevel
  Template name = Template::kProvinceBudget;
  std::uint8_t status = 0;  // ndxp.budget.v1.UnitStatus
};

// A dossier received before the snapshot: every unit whose code was issued since 2021 has one
// (ISSUED); a few applications were refused because the unit already had a code (REJECTED).
struct HistoricalDossier {
  std::uint64_t key = 0;              // DossierKey(province code, year, sequence)
  std::uint32_t unit = 0;             // the unit issued, or the unit that already had a code
  std::int64_t received_minute = 0;   // minutes since 1970-01-01 00:00, UTC+7
  std::int32_t processing_after = 0;  // minutes after receipt
  std::int32_t decided_after = 0;
  std::int32_t due_day = 0;
  bool rejected = false;
};

std::uint64_t DossierKey(int province_code, int year, std::uint32_t sequence);

class BudgetStore {
 public:
  // Scale: the number of investment projects (the agencies follow the administrative units).
  static constexpr std::uint64_t kDefaultScale = 1'000;
  static constexpr std::uint64_t kMaxScale = 50'000;
  // Per kind digit, counters below this number the generated register; the ones from it up are
  // for codes issued through SubmitCodeRequest.
  static constexpr std::uint32_t kLiveCounterBase = 60'000;
  static constexpr std::uint32_t kSequences = 99'999;

  static absl::StatusOr<std::shared_ptr<const BudgetStore>> Generate(
      std::uint64_t seed, std::uint64_t scale,
      std::shared_ptr<const business::EnterpriseStore> enterprises);

  const BudgetUnit* FindUnit(std::uint32_t code) const;
  const BudgetUnit* FindByEnterprise(std::uint64_t enterprise_code) const;
  const HistoricalDossier* FindDossier(int province_code, int year, std::uint32_t sequence) const;
  // The largest sequence of a historical dossier of (province, year), 0 when none.
  std::uint32_t LastSequence(int province_code, int year) const;

  std::span<const BudgetUnit> units() const { return units_; }
  std::span<const HistoricalDossier> dossiers() const { return dossiers_; }
  // Units of public enterprises (with an enterprise index), in enterprise-code order.
  std::span<const std::uint32_t> enterprise_units() const { return by_enterprise_; }
  std::uint32_t IndexOf(const BudgetUnit& u) const {
    return static_cast<std::uint32_t>(&u - units_.data());
  }
  // The code issued for the n-th code of a kind digit (n counts from 0 over the whole life of the
  // register: generated ones first, then kLiveCounterBase + the live ones).
  std::uint32_t CodeFor(int kind_digit, std::uint32_t counter) const;

  std::string NameOf(const BudgetUnit& u) const;
  const business::EnterpriseStore& enterprises() const { return *enterprises_; }
  std::uint64_t seed() const { return seed_; }
  std::uint64_t Fingerprint() const;
  std::size_t MemoryBytes() const;

 private:
  friend class BudgetGenerator;
  BudgetStore() = default;
  void BuildIndexes();

  std::uint64_t seed_ = 0;
  std::shared_ptr<const business::EnterpriseStore> enterprises_;
  std::vector<BudgetUnit> units_;
  std::vector<std::uint64_t> code_index_;     // code << 32 | unit index, sorted
  std::vector<std::uint32_t> by_enterprise_;  // unit indexes sorted by enterprise code
  std::vector<HistoricalDossier> dossiers_;   // sorted by key
};

// The ten province departments of 2025 ("Sở Tài chính") and the project names.
std::string_view DepartmentName(int index);
// "tỉnh Gia Lai" / "Thành phố Huế", as written inside a name.
std::string ProvinceInName(std::uint16_t province);
// The commune name without its kind: "Tân Hòa" for "Xã Tân Hòa".
std::string_view BareCommuneName(std::uint16_t commune);
// "xã Tân Hòa", "phường Sài Gòn", "đặc khu Côn Đảo", as written inside a name.
std::string CommuneInName(std::uint16_t commune);

}  // namespace ndxp::connectors::budget
