#include "connectors/business/enterprise_generator.h"

#include <algorithm>
#include <optional>

#include "connectors/business/industries.h"
#include "connectors/business/tax_prefixes.h"
#include "connectors/common/admin_units.h"
#include "connectors/common/dates.h"
#include "connectors/common/enterprise_code.h"
#include "ndxp/business/v1/business.pb.h"

namespace ndxp::connectors::business {
namespace {

namespace pb = ::ndxp::business::v1;

// Enterprise density relative to population (x10): the economic centres register far more.
int HubFactor(int old_code) {
  switch (old_code) {
    case 79:
      return 50;
    case 1:
      return 40;
    case 48:
      return 30;
    case 74:
      return 25;
    case 31:
      return 20;
    case 75:
    case 77:
    case 92:
    case 56:
    case 27:
      return 15;
    case 22:
    case 30:
    case 26:
    case 46:
      return 10;
    default:
      return 6;
  }
}

std::int64_t PickCapital(Rng& rng, std::uint8_t legal_form) {
  constexpr std::int64_t kMillion = 1'000'000, kBillion = 1'000'000'000;
  static const WeightedTable kLlc = {5, 5, 10, 18, 6, 15, 10, 12, 10, 5, 3, 1};
  static constexpr std::int64_t kLlcValues[] = {100 * kMillion, 200 * kMillion,  500 * kMillion,
                                                kBillion,       1500 * kMillion, 2 * kBillion,
                                                3 * kBillion,   5 * kBillion,    10 * kBillion,
                                                20 * kBillion,  50 * kBillion,   100 * kBillion};
  static const WeightedTable kJsc = {5, 6, 15, 20, 15, 15, 10, 6, 5, 3};
  static constexpr std::int64_t kJscValues[] = {
      kBillion,      2 * kBillion,   5 * kBillion,   10 * kBillion,  20 * kBillion,
      50 * kBillion, 100 * kBillion, 200 * kBillion, 500 * kBillion, 1000 * kBillion};
  switch (legal_form) {
    case pb::LEGAL_FORM_JOINT_STOCK:
      return kJscValues[kJsc.Pick(rng)];
    case pb::LEGAL_FORM_PRIVATE_ENTERPRISE:
      return 0;  // no charter capital (vốn đầu tư instead)
    case pb::LEGAL_FORM_PARTNERSHIP:
      return (1 + static_cast<std::int64_t>(rng.Uniform(5))) * kBillion;
    default:
      return kLlcValues[kLlc.Pick(rng)];
  }
}

std::uint8_t PickStatus(Rng& rng, int registration_year) {
  const bool old = registration_year < 2010;
  const std::uint32_t r = static_cast<std::uint32_t>(rng.Uniform(1000));
  const std::uint32_t dissolved = old ? 180 : 70, dissolving = old ? 30 : 25, suspended = 70;
  if (r < dissolved) return pb::OPERATING_STATUS_DISSOLVED;
  if (r < dissolved + dissolving) return pb::OPERATING_STATUS_DISSOLVING;
  if (r < dissolved + dissolving + suspended) return pb::OPERATING_STATUS_SUSPENDED;
  return pb::OPERATING_STATUS_ACTIVE;
}

std::uint64_t NameKey(const CompanyName& n) {
  return std::uint64_t{n.phrase} << 40 | std::uint64_t{n.brand_first} << 32 |
         std::uint64_t{n.brand_second} << 24 | n.qualifier;
}

// The last day on which anything in the register happened: the working day before the snapshot.
std::int32_t LastDay() { return AddWorkingDays(ToDays(kSnapshotDate), -1); }

}  // namespace

EnterpriseGenerator::EnterpriseGenerator(std::uint64_t seed, std::uint64_t count,
                                         EnterpriseStore& store)
    : count_(count), rng_(Mix(seed, 0x427573696E657373ULL)), store_(store) {}

absl::Status EnterpriseGenerator::Run() {
  BuildTables();
  if (all_adults_.empty()) {
    return absl::FailedPreconditionError("the population holds no adult citizen");
  }
  std::vector<Draft> drafts;
  drafts.reserve(count_);
  for (std::uint64_t i = 0; i < count_; ++i) drafts.push_back(MakeDraft());
  if (absl::Status status = AssignCodes(drafts); !status.ok()) return status;
  std::sort(drafts.begin(), drafts.end(),
            [](const Draft& a, const Draft& b) { return a.enterprise.code < b.enterprise.code; });
  const AdminUnits& units = AdminUnits::Get();
  store_.by_province_.assign(units.provinces().size(), {});
  store_.enterprises_.reserve(drafts.size());
  for (Draft& d : drafts) {
    const auto index = static_cast<std::uint32_t>(store_.enterprises_.size());
    AddUnits(d.enterprise, index);
    store_.by_province_[units.communes()[d.enterprise.commune].province].push_back(index);
    store_.enterprises_.push_back(d.enterprise);
  }
  return absl::OkStatus();
}

void EnterpriseGenerator::BuildTables() {
  const AdminUnits& units = AdminUnits::Get();
  communes_.resize(units.old_provinces().size());
  commune_ids_.resize(units.old_provinces().size());
  for (std::size_t p = 0; p < units.old_provinces().size(); ++p) {
    const OldProvince& op = units.old_provinces()[p];
    old_provinces_.Add(
        op.communes.empty() ? 0 : std::uint64_t{op.population_thousands} * HubFactor(op.code));
    for (std::uint16_t c : op.communes) {
      const Commune& commune = units.communes()[c];
      if (commune.code == 20333) continue;  // Hoàng Sa: no residents, no businesses
      communes_[p].Add(commune.kind == CommuneKind::kWard ? 4 : 1);
      commune_ids_[p].push_back(c);
    }
  }
  // Adults aged 22 to 75 on the snapshot date, by the province they live in.
  const std::int32_t youngest = ToDays({kSnapshotDate.year - 22, kSnapshotDate.month, 1});
  const std::int32_t oldest = ToDays({kSnapshotDate.year - 75, kSnapshotDate.month, 1});
  const auto& population = store_.population();
  adults_.resize(units.provinces().size());
  for (const auto& c : population.citizens()) {
    if (c.birth_day > youngest || c.birth_day < oldest) continue;
    const std::uint16_t commune = population.households()[c.household].commune;
    adults_[units.communes()[commune].province].push_back(population.IndexOf(c));
    all_adults_.push_back(population.IndexOf(c));
  }
}

EnterpriseGenerator::Draft EnterpriseGenerator::MakeDraft() {
  const AdminUnits& units = AdminUnits::Get();
  Draft d;
  Enterprise& e = d.enterprise;
  const std::uint8_t old_province = PickOldProvince();
  e.commune = PickCommune(old_province);
  e.street = PickStreetAddress(rng_, e.commune, /*office=*/true);
  e.registration_day = PickRegistrationDay();
  const int year = FromDays(e.registration_day).year;
  PickForm(e, year);
  PickName(e, units.old_provinces()[old_province].code);
  e.status = PickStatus(rng_, year);
  e.representative = PickPerson(units.communes()[e.commune].province, e.registration_day);
  // A few enterprises moved their head office after registration; the code keeps the prefix of
  // the province that issued it.
  const std::uint8_t issuing = rng_.Chance(30) ? PickOldProvince() : old_province;
  d.prefix = TaxPrefixOf(units.old_provinces()[issuing].code);
  return d;
}

void EnterpriseGenerator::PickForm(Enterprise& e, int registration_year) {
  e.industry = PickIndustry(rng_);
  if (IsLawIndustry(e.industry)) {
    e.legal_form = rng_.Chance(600) ? pb::LEGAL_FORM_PARTNERSHIP : pb::LEGAL_FORM_MULTI_MEMBER_LLC;
  } else if (IsAuditIndustry(e.industry)) {
    e.legal_form = rng_.Chance(300) ? pb::LEGAL_FORM_PARTNERSHIP : pb::LEGAL_FORM_MULTI_MEMBER_LLC;
  } else {
    static const WeightedTable kForms = {450, 250, 220, 80};
    e.legal_form = static_cast<std::uint8_t>(pb::LEGAL_FORM_SINGLE_MEMBER_LLC + kForms.Pick(rng_));
    // Private enterprises have become rare since the 2014 Enterprise Law.
    if (e.legal_form == pb::LEGAL_FORM_PRIVATE_ENTERPRISE && registration_year >= 2015 &&
        rng_.Chance(600)) {
      e.legal_form = pb::LEGAL_FORM_SINGLE_MEMBER_LLC;
    }
  }
  e.charter_capital_vnd = PickCapital(rng_, e.legal_form);
  e.foreign_name = e.legal_form != pb::LEGAL_FORM_PRIVATE_ENTERPRISE && rng_.Chance(550);
}

void EnterpriseGenerator::PickName(Enterprise& e, int old_province_code) {
  CompanyName& n = e.name;
  if (e.legal_form == pb::LEGAL_FORM_SINGLE_MEMBER_LLC) {
    static const WeightedTable kVariants = {600, 250, 150};
    n.variant = static_cast<std::uint8_t>(kVariants.Pick(rng_));
  }
  n.phrase = PickPhrase(rng_, e.industry);
  do {
    n.brand_first = static_cast<std::uint8_t>(rng_.Uniform(BrandFirstCount()));
    n.brand_second = static_cast<std::uint8_t>(rng_.Uniform(BrandSecondCount()));
  } while (BrandFirst(n.brand_first) == BrandSecond(n.brand_second));
  n.qualifier = 0;
  // Qualifiers 5.. are regional: Miền Nam, Miền Bắc, Miền Trung, Sài Gòn, Thủ Đô.
  const Region region = AdminUnits::RegionOf(old_province_code);
  const auto fits = [&](std::uint16_t q) {
    switch (q) {
      case 5:
        return region == Region::kSouth;
      case 6:
        return region == Region::kNorth;
      case 7:
        return region == Region::kCentral;
      case 8:
        return old_province_code == 79;
      case 9:
        return old_province_code == 1;
      default:
        return true;
    }
  };
  for (int attempt = 0; names_.contains(NameKey(n)) && attempt < 6; ++attempt) {
    const auto q = static_cast<std::uint16_t>(1 + rng_.Uniform(QualifierWordCount() - 1));
    n.qualifier = fits(q) ? q : 1;
  }
  while (names_.contains(NameKey(n))) {
    n.qualifier = static_cast<std::uint16_t>(QualifierWordCount() + rng_.Uniform(999));
  }
  names_.insert(NameKey(n));
}

// Codes grow with the registration date within each prefix, with gaps (enterprises outside the
// synthetic sample); the span of a prefix follows its share of enterprises, as the real ranges do
// (03 reaches about 032xxxxxxx, small provinces stay near NN00xxxxxx).
absl::Status EnterpriseGenerator::AssignCodes(std::vector<Draft>& drafts) {
  std::vector<std::uint32_t> order(drafts.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&drafts](std::uint32_t a, std::uint32_t b) {
    const Draft& x = drafts[a];
    const Draft& y = drafts[b];
    if (x.prefix != y.prefix) return x.prefix < y.prefix;
    if (x.enterprise.registration_day != y.enterprise.registration_day) {
      return x.enterprise.registration_day < y.enterprise.registration_day;
    }
    return a < b;
  });
  // Runs of one prefix in `order`.
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  std::size_t largest = 1;
  for (std::size_t begin = 0, end = 0; begin < order.size(); begin = end) {
    end = begin + 1;
    while (end < order.size() && drafts[order[end]].prefix == drafts[order[begin]].prefix) ++end;
    runs.emplace_back(begin, end);
    largest = std::max(largest, end - begin);
  }
  for (const auto& [begin, end] : runs) {
    const std::uint64_t n = end - begin;
    const std::uint64_t span = std::max<std::uint64_t>(20'000, 2'000'000 * n / largest);
    std::vector<Draft*> run;
    for (std::size_t i = begin; i < end; ++i) run.push_back(&drafts[order[i]]);
    if (absl::Status s = NumberRun(run, std::max<std::uint64_t>(1, span / n)); !s.ok()) return s;
  }
  return absl::OkStatus();
}

// Consecutive sequences `step` apart on average, skipping stems that are never issued.
absl::Status EnterpriseGenerator::NumberRun(const std::vector<Draft*>& run, std::uint64_t step) {
  std::uint64_t sequence = 1 + rng_.Uniform(std::min<std::uint64_t>(step, 500));
  for (Draft* draft : run) {
    std::optional<std::uint64_t> code;
    while (sequence <= 9'999'999 &&
           !(code = MakeEnterpriseCode(draft->prefix, static_cast<std::uint32_t>(sequence)))) {
      ++sequence;
    }
    if (!code) return absl::ResourceExhaustedError("enterprise codes exhausted");
    draft->enterprise.code = *code;
    sequence += 1 + rng_.Uniform(2 * step - 1);
  }
  return absl::OkStatus();
}

// Joint-stock companies and larger LLCs open branches and representative offices most often.
int EnterpriseGenerator::PickUnitCount(const Enterprise& e) {
  std::uint32_t chance = 30;
  if (e.legal_form == pb::LEGAL_FORM_JOINT_STOCK) chance = 250;
  if (e.legal_form == pb::LEGAL_FORM_SINGLE_MEMBER_LLC ||
      e.legal_form == pb::LEGAL_FORM_MULTI_MEMBER_LLC) {
    chance = e.charter_capital_vnd >= 5'000'000'000 ? 200 : 80;
  }
  if (!rng_.Chance(chance)) return 0;
  static const WeightedTable kCounts = {60, 30, 10};
  return 1 + static_cast<int>(kCounts.Pick(rng_));
}

// A unit shares a closed enterprise's status; units of an active one are mostly active.
std::uint8_t EnterpriseGenerator::PickUnitStatus(const Enterprise& e) {
  if (e.status == pb::OPERATING_STATUS_SUSPENDED) return pb::OPERATING_STATUS_SUSPENDED;
  if (e.status != pb::OPERATING_STATUS_ACTIVE) return pb::OPERATING_STATUS_DISSOLVED;
  static const WeightedTable kStatus = {920, 40, 40};
  static constexpr std::uint8_t kValues[] = {
      pb::OPERATING_STATUS_ACTIVE, pb::OPERATING_STATUS_SUSPENDED, pb::OPERATING_STATUS_DISSOLVED};
  return kValues[kStatus.Pick(rng_)];
}

void EnterpriseGenerator::AddUnits(Enterprise& e, std::uint32_t index) {
  const AdminUnits& units = AdminUnits::Get();
  e.first_unit = static_cast<std::uint32_t>(store_.units_.size());
  const int count = PickUnitCount(e);
  // Registered at least two months after the enterprise, suffixes in order of registration.
  const std::int32_t last = LastDay();
  const std::int32_t first = std::min(last, e.registration_day + 60);
  std::vector<std::int32_t> days;
  for (int i = 0; i < count; ++i) {
    const auto offset = rng_.Uniform(static_cast<std::uint64_t>(last - first) + 1);
    days.push_back(std::min(last, AddWorkingDays(first + static_cast<std::int32_t>(offset), 0)));
  }
  std::sort(days.begin(), days.end());
  const std::uint8_t home = units.communes()[e.commune].old_province;
  for (int i = 0; i < count; ++i) {
    DependentUnit u;
    u.parent = index;
    u.suffix = static_cast<std::uint16_t>(i + 1);
    u.kind = rng_.Chance(750) ? pb::UNIT_KIND_BRANCH : pb::UNIT_KIND_REPRESENTATIVE_OFFICE;
    u.registration_day = days[static_cast<std::size_t>(i)];
    u.commune = PickCommune(rng_.Chance(650) ? PickOldProvince() : home);
    u.street = PickStreetAddress(rng_, u.commune, /*office=*/true);
    u.head = PickPerson(units.communes()[u.commune].province, u.registration_day);
    u.status = PickUnitStatus(e);
    store_.units_.push_back(u);
  }
  e.unit_count = static_cast<std::uint8_t>(count);
}

std::uint8_t EnterpriseGenerator::PickOldProvince() {
  return static_cast<std::uint8_t>(old_provinces_.Pick(rng_));
}

std::uint16_t EnterpriseGenerator::PickCommune(std::uint8_t old_province) {
  return commune_ids_[old_province][communes_[old_province].Pick(rng_)];
}

// Registrations grew from a few thousand a year in the 1990s to about 150,000 a year in the 2020s.
std::int32_t EnterpriseGenerator::PickRegistrationDay() {
  static const WeightedTable kYears = [] {
    WeightedTable t;
    for (int year = 1991; year <= kSnapshotDate.year; ++year) {
      t.Add(year < 2000   ? 2
            : year < 2005 ? 5
            : year < 2010 ? 12
            : year < 2015 ? 20
            : year < 2020 ? 28
            : year < 2025 ? 33
                          : 28);
    }
    return t;
  }();
  const int year = 1991 + static_cast<int>(kYears.Pick(rng_));
  const std::int32_t first = ToDays({year, 1, 1});
  const std::int32_t last = std::min(ToDays({year, 12, 31}), LastDay());
  const std::int32_t day =
      first + static_cast<std::int32_t>(rng_.Uniform(static_cast<std::uint64_t>(last - first) + 1));
  // Registration offices work Monday to Friday.
  const std::int32_t working = AddWorkingDays(day, 0);
  return working > LastDay() ? AddWorkingDays(day, -1) : working;
}

// An adult citizen, usually living in `province`, who was 18 or older on `adult_by_day` (a few
// attempts; representatives appointed later than the registration explain the rest).
std::uint32_t EnterpriseGenerator::PickPerson(std::uint16_t province, std::int32_t adult_by_day) {
  const auto& local = adults_[province];
  std::uint32_t person = 0;
  for (int attempt = 0; attempt < 8; ++attempt) {
    const auto& pool = !local.empty() && rng_.Chance(850) ? local : all_adults_;
    person = pool[rng_.Uniform(pool.size())];
    const std::int32_t born = store_.population().citizens()[person].birth_day;
    if (born + 18 * 365 + 5 <= adult_by_day) break;
  }
  return person;
}

}  // namespace ndxp::connectors::business
