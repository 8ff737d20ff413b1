#include "connectors/population/citizen_generator.h"

#include <algorithm>

#include "connectors/common/admin_units.h"
#include "connectors/common/bijection.h"
#include "connectors/common/personal_id.h"
#include "connectors/population/demography.h"
#include "ndxp/population/v1/population.pb.h"

namespace ndxp::connectors::population {
namespace {

namespace pb = ::ndxp::population::v1;

constexpr std::uint32_t kSerials = 1'000'000;
constexpr int kFirstYear = 1900, kYears = 200;
constexpr std::uint32_t kUninhabitedCommune = 20333;  // Đặc khu Hoàng Sa
// Everyone's age is counted on this day; births end on it.
constexpr CivilDate kAgeReference{2025, 6, 30};

std::uint32_t KindWeight(CommuneKind kind) { return kind == CommuneKind::kWard ? 3 : 1; }

// GSO code of the pre-2025 province a commune mainly comes from.
int OldProvinceCode(std::uint16_t commune) {
  const AdminUnits& units = AdminUnits::Get();
  return units.old_provinces()[units.communes()[commune].old_province].code;
}

}  // namespace

CitizenGenerator::CitizenGenerator(std::uint64_t seed, std::uint64_t count)
    : seed_(seed),
      count_(count),
      rng_(Mix(seed, 0x506F70756C617469ULL)),
      store_(new CitizenStore()) {
  const AdminUnits& units = AdminUnits::Get();
  // Commune weight: its old province's population shared among that province's communes,
  // three times as much for a ward as for a rural commune.
  std::vector<std::uint64_t> kind_total(units.old_provinces().size(), 0);
  for (const Commune& c : units.communes()) kind_total[c.old_province] += KindWeight(c.kind);
  for (const Commune& c : units.communes()) {
    const OldProvince& op = units.old_provinces()[c.old_province];
    const bool inhabited = c.code != kUninhabitedCommune;
    residence_.Add(inhabited ? std::uint64_t{op.population_thousands} * 100'000 *
                                   KindWeight(c.kind) / kind_total[c.old_province]
                             : 0);
  }
  id_counters_.assign(units.old_provinces().size() * 2 * kYears, 0);
  household_counters_.assign(units.communes().size(), 0);
  store_->seed_ = seed;
  store_->citizens_.reserve(count);
  store_->households_.reserve(count / 3 + 16);
}

absl::StatusOr<std::shared_ptr<const CitizenStore>> CitizenGenerator::Run() {
  while (store_->citizens_.size() < count_) {
    const std::uint64_t left = count_ - store_->citizens_.size();
    AddHousehold(static_cast<int>(std::min<std::uint64_t>(left, PickHouseholdSize(rng_))));
  }
  if (overflow_) {
    return absl::ResourceExhaustedError(
        "more than 1,000,000 citizens share a birth province, sex and year: lower the scale");
  }
  store_->BuildIndexes();
  return std::shared_ptr<const CitizenStore>(std::move(store_));
}

void CitizenGenerator::AddHousehold(int size) {
  const std::uint16_t residence = PickResidence();
  Plan plan;
  plan.reserve(static_cast<std::size_t>(size));
  PlanCouple(plan, size, residence);
  PlanDescendants(plan, size - static_cast<int>(plan.size()), residence);
  Emit(plan, residence, PickReligion(rng_, plan[0].lineage.ethnicity, OldProvinceCode(residence)));
}

// The head, and a spouse when there is one.
void CitizenGenerator::PlanCouple(Plan& plan, int size, std::uint16_t residence) {
  const bool has_spouse = size >= 2 && rng_.Chance(size == 2 ? 700 : 880);
  Member head;
  head.age = PickHeadAge(rng_);
  head.female = has_spouse ? rng_.Chance(150) : rng_.Chance(size == 1 ? 500 : 600);
  head.relation = pb::HOUSEHOLD_RELATION_HEAD;
  head.lineage = PickLineage(residence, 700);
  plan.push_back(head);
  if (!has_spouse) return;
  Member spouse;
  spouse.female = !head.female;
  const int gap = static_cast<int>(rng_.Between(-2, 7));  // husbands are usually older
  spouse.age = std::clamp(head.female ? head.age + gap : head.age - gap, 18, 95);
  spouse.relation = pb::HOUSEHOLD_RELATION_SPOUSE;
  spouse.spouse = 0;
  spouse.lineage = PickLineage(residence, 600);
  if (rng_.Chance(850)) spouse.lineage.ethnicity = head.lineage.ethnicity;
  spouse.lineage.family = PickFamilyName(
      rng_, NameGroupOf(spouse.lineage.ethnicity, OldProvinceCode(spouse.lineage.origin)));
  plan[0].spouse = 1;
  plan.push_back(spouse);
}

// Children of the head; or a parent of the head; or an adult child with grandchildren.
void CitizenGenerator::PlanDescendants(Plan& plan, int slots, std::uint16_t residence) {
  if (slots <= 0) return;
  const int head_age = plan[0].age;
  const int spouse_age = plan.size() > 1 ? plan[1].age : head_age;
  const int father = plan[0].female ? (plan.size() > 1 ? 1 : -1) : 0;
  const int mother = plan[0].female ? 0 : (plan.size() > 1 ? 1 : -1);
  // Children are 18-40 years younger than both parents; ages are whole years and birthdays fall
  // anywhere in the year, so the planned gap stays one year inside those bounds.
  const int hi = std::min(head_age, spouse_age) - 19;
  const int lo = std::max(0, std::max(head_age, spouse_age) - 39);
  if (head_age >= 25 && head_age <= 60 && rng_.Chance(220)) {
    Member parent;
    parent.female = rng_.Chance(650);
    parent.age = std::min(95, head_age + static_cast<int>(rng_.Between(20, 35)));
    parent.relation = pb::HOUSEHOLD_RELATION_PARENT;
    parent.lineage = plan[0].lineage;
    if (parent.female) {
      parent.lineage.family = PickFamilyName(
          rng_, NameGroupOf(parent.lineage.ethnicity, OldProvinceCode(parent.lineage.origin)));
    }
    (parent.female ? plan[0].mother : plan[0].father) = static_cast<int>(plan.size());
    plan.push_back(parent);
    --slots;
  } else if (head_age >= 50 && slots >= 2 && std::max(20, lo) <= hi && rng_.Chance(450)) {
    const int middle = static_cast<int>(plan.size());
    AddChildren(plan, 1, father, mother, std::max(20, lo), hi, pb::HOUSEHOLD_RELATION_CHILD,
                residence);
    const bool daughter = plan[static_cast<std::size_t>(middle)].female;
    const int parent_age = plan[static_cast<std::size_t>(middle)].age;
    AddChildren(plan, slots - 1, daughter ? -1 : middle, daughter ? middle : -1,
                std::max(0, parent_age - 39), parent_age - 19, pb::HOUSEHOLD_RELATION_GRANDCHILD,
                residence);
    return;
  }
  // A couple too young for children keeps the household smaller.
  if (lo <= hi) {
    AddChildren(plan, slots, father, mother, lo, hi, pb::HOUSEHOLD_RELATION_CHILD, residence);
  }
}

void CitizenGenerator::AddChildren(Plan& plan, int count, int father, int mother, int lo, int hi,
                                   std::uint8_t relation, std::uint16_t residence) {
  const std::size_t first = plan.size();
  for (int i = 0; i < count; ++i) {
    Member child;
    child.age = static_cast<int>(rng_.Between(lo, hi));
    child.female = rng_.Chance(487);
    child.relation = relation;
    child.father = father;
    child.mother = mother;
    child.born_at_residence = rng_.Chance(900);
    if (father >= 0) {
      child.lineage = plan[static_cast<std::size_t>(father)].lineage;
    } else {
      // The father does not live here: the mother's origin, his family name.
      child.lineage = plan[static_cast<std::size_t>(mother)].lineage;
      child.lineage.family = PickFamilyName(
          rng_, NameGroupOf(child.lineage.ethnicity, OldProvinceCode(child.lineage.origin)));
    }
    plan.push_back(child);
  }
  // Oldest first, as household registers list children.
  std::stable_sort(plan.begin() + static_cast<std::ptrdiff_t>(first), plan.end(),
                   [](const Member& a, const Member& b) { return a.age > b.age; });
}

CitizenGenerator::Lineage CitizenGenerator::PickLineage(std::uint16_t residence,
                                                        std::uint32_t same_province_per_mille) {
  const AdminUnits& units = AdminUnits::Get();
  Lineage lineage;
  lineage.origin = rng_.Chance(same_province_per_mille)
                       ? PickCommuneInProvince(units.communes()[residence].province)
                       : PickResidence();
  const int gso = OldProvinceCode(lineage.origin);
  lineage.ethnicity = PickEthnicity(rng_, gso);
  lineage.family = PickFamilyName(rng_, NameGroupOf(lineage.ethnicity, gso));
  return lineage;
}

void CitizenGenerator::Emit(const Plan& plan, std::uint16_t residence, std::uint8_t religion) {
  const auto base = static_cast<std::uint32_t>(store_->citizens_.size());
  const auto slot = [base](int member) {
    return member < 0 ? kNoCitizen : base + static_cast<std::uint32_t>(member);
  };
  for (const Member& m : plan) {
    const bool child = m.relation == pb::HOUSEHOLD_RELATION_CHILD ||
                       m.relation == pb::HOUSEHOLD_RELATION_GRANDCHILD;
    const bool at_residence = child ? m.born_at_residence : rng_.Chance(200);
    const int birth_province = PickBirthProvince(at_residence ? residence : m.lineage.origin);
    Citizen c;
    c.birth_day = PickBirthDay(m.age);
    const int birth_year = FromDays(c.birth_day).year;
    c.id = IssueId(birth_province, birth_year, m.female);
    c.household = static_cast<std::uint32_t>(store_->households_.size());
    c.father = slot(m.father);
    c.mother = slot(m.mother);
    c.spouse = slot(m.spouse);
    c.origin_commune = m.lineage.origin;
    const NameGroup group = NameGroupOf(m.lineage.ethnicity, OldProvinceCode(m.lineage.origin));
    c.name.family = m.lineage.family;
    c.name.middle = PickMiddleName(rng_, group, m.female, birth_year);
    c.name.given = PickGivenName(rng_, group, m.female);
    c.ethnicity = m.lineage.ethnicity;
    c.religion = religion;
    c.relation = m.relation;
    c.female = m.female;
    store_->citizens_.push_back(c);
  }
  Household h;
  h.first_member = base;
  h.sequence = ++household_counters_[residence];
  if (h.sequence > 999'999) overflow_ = true;
  h.commune = residence;
  h.size = static_cast<std::uint8_t>(plan.size());
  h.street = PickStreetAddress(rng_, residence);
  store_->households_.push_back(h);
}

std::uint16_t CitizenGenerator::PickResidence() {
  return static_cast<std::uint16_t>(residence_.Pick(rng_));
}

std::uint16_t CitizenGenerator::PickCommuneInProvince(std::uint16_t province) {
  const auto& communes = AdminUnits::Get().provinces()[province].communes;
  for (;;) {
    const std::uint16_t c = communes[rng_.Uniform(communes.size())];
    if (AdminUnits::Get().communes()[c].code != kUninhabitedCommune) return c;
  }
}

int CitizenGenerator::PickBirthProvince(std::uint16_t commune) {
  const AdminUnits& units = AdminUnits::Get();
  const auto olds = units.OldCommunesOf(commune);
  if (olds.empty()) return OldProvinceCode(commune);
  const OldCommune& old = units.old_communes()[olds[rng_.Uniform(olds.size())]];
  return units.old_provinces()[old.old_province].code;
}

std::int32_t CitizenGenerator::PickBirthDay(int age) {
  const std::int32_t last = ToDays({kAgeReference.year - age, 6, 30});
  const std::int32_t first = ToDays({kAgeReference.year - age - 1, 6, 30}) + 1;
  return first +
         static_cast<std::int32_t>(rng_.Uniform(static_cast<std::uint64_t>(last - first + 1)));
}

std::uint64_t CitizenGenerator::IssueId(int birth_province_code, int birth_year, bool female) {
  const int province = AdminUnits::Get().FindOldProvince(birth_province_code);
  const std::size_t key = (static_cast<std::size_t>(province) * 2 + (female ? 1 : 0)) * kYears +
                          static_cast<std::size_t>(birth_year - kFirstYear);
  std::uint32_t counter = id_counters_[key]++;
  if (counter >= kSerials) {
    overflow_ = true;
    counter %= kSerials;
  }
  const Bijection serials(kSerials, Mix(seed_, key));
  return ComposePersonalId(birth_province_code, birth_year, female,
                           static_cast<std::uint32_t>(serials.Apply(counter)));
}

}  // namespace ndxp::connectors::population

namespace ndxp::connectors::population {

absl::StatusOr<std::shared_ptr<const CitizenStore>> CitizenStore::Generate(std::uint64_t seed,
                                                                           std::uint64_t count) {
  if (count == 0) count = kDefaultScale;
  if (count > kMaxScale) {
    return absl::InvalidArgumentError("scale must be at most 16,000,000 citizens");
  }
  return CitizenGenerator(seed, count).Run();
}

}  // namespace ndxp::connectors::population
