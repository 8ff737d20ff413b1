#include "connectors/insurance/insurance_generator.h"

#include <algorithm>

#include "connectors/common/admin_units.h"
#include "connectors/common/bijection.h"
#include "connectors/common/dates.h"
#include "ndxp/business/v1/business.pb.h"

namespace ndxp::connectors::insurance {
namespace {

constexpr std::uint8_t kKinh = 0;  // population's ethnicity index of the Kinh majority

std::uint8_t Group(std::string_view code) {
  const BeneficiaryGroup* g = FindBeneficiaryGroup(code);
  return static_cast<std::uint8_t>(g - BeneficiaryGroups().data());
}

const std::int32_t kSnapshot = ToDays(kSnapshotDate);
const std::int32_t kYearStart = ToDays({kSnapshotDate.year, 1, 1});
const std::int32_t kYearEnd = ToDays({kSnapshotDate.year, 12, 31});

std::int32_t Birthday(const CivilDate& birth, int age) {
  CivilDate d{birth.year + age, birth.month, birth.day};
  if (!IsValidDate(d)) d = {d.year, 3, 1};  // born 29 February: of age on 1 March
  return ToDays(d);
}

std::int32_t MonthStart(std::int32_t day) {
  const CivilDate d = FromDays(day);
  return ToDays({d.year, d.month, 1});
}

int MonthsBetween(std::int32_t from, std::int32_t to) {
  const CivilDate a = FromDays(from), b = FromDays(to);
  return std::max(0, (b.year - a.year) * 12 + b.month - a.month);
}

}  // namespace

InsuranceGenerator::InsuranceGenerator(std::uint64_t seed, std::uint64_t scale,
                                       InsuranceStore& store)
    : seed_(seed), scale_(scale), rng_(Mix(seed, 0x496E737572616E63ULL)), store_(store) {}

absl::Status InsuranceGenerator::Run() {
  const auto& population = store_.population();
  BuildEmployers();
  counters_.assign(100, 0);
  for (int gso = 0; gso < 100; ++gso) serials_.emplace_back(100'000'000, SerialKey(seed_, gso));
  store_.participants_.assign(population.size(), Participant{});
  // Whole households, in population order, until the scale is reached.
  for (const population::Household& h : population.households()) {
    if (scale_ != 0 && h.first_member >= scale_) break;
    ++store_.covered_households_;
    for (std::uint32_t i = h.first_member; i < h.first_member + h.size; ++i) {
      Assign(i);
      if (absl::Status s = Number(i); !s.ok()) return s;
    }
  }
  store_.BuildIndex();
  return absl::OkStatus();
}

void InsuranceGenerator::BuildEmployers() {
  namespace bpb = ::ndxp::business::v1;
  const AdminUnits& units = AdminUnits::Get();
  const auto& enterprises = store_.enterprises();
  active_by_province_.assign(units.provinces().size(), {});
  employer_of_.assign(store_.population().size(), kNoEmployer);
  for (const business::Enterprise& e : enterprises.enterprises()) {
    if (e.status != bpb::OPERATING_STATUS_ACTIVE) continue;
    const std::uint32_t index = enterprises.IndexOf(e);
    active_by_province_[units.communes()[e.commune].province].push_back(index);
    all_active_.push_back(index);
    // A representative of several enterprises is employed by the first (in code order).
    if (e.representative < employer_of_.size() && employer_of_[e.representative] == kNoEmployer) {
      employer_of_[e.representative] = index;
    }
  }
}

void InsuranceGenerator::Assign(std::uint32_t citizen) {
  const auto& c = store_.population().citizens()[citizen];
  Participant& p = store_.participants_[citizen];
  const CivilDate birth = FromDays(c.birth_day);
  const int age = AgeOn(birth, kSnapshotDate);
  const bool minority = c.ethnicity != kKinh;
  if (age < 6) {
    p.group = Group("TE");  // every child under 6, free of charge
    p.card_from = c.birth_day;
    p.card_to = Birthday(birth, 6) - 1;
    return;
  }
  if (age < 18) {
    if (!rng_.Chance(960)) return;
    p.group = minority && rng_.Chance(450) ? Group("DT")
              : rng_.Chance(30)            ? Group("HN")
                                           : Group("HS");
    YearlyCard(p, false);
    return;
  }
  const int retirement = c.female ? 57 : 61;  // 2025: 56 years 8 months and 61 years 3 months
  if (age >= retirement) {
    AssignElderly(citizen, p, age, c.female);
    return;
  }
  AssignAdult(citizen, p, age, c.female);
}

void InsuranceGenerator::AssignAdult(std::uint32_t citizen, Participant& p, int age, bool female) {
  const auto& c = store_.population().citizens()[citizen];
  const std::uint16_t province = store_.ResidenceProvince(citizen);
  if (employer_of_[citizen] != kNoEmployer) {
    Employ(citizen, p, employer_of_[citizen]);
    return;
  }
  if (age <= 22 && rng_.Chance(350)) {
    p.group = Group("SV");
    YearlyCard(p, false);
    return;
  }
  const std::uint32_t r = static_cast<std::uint32_t>(rng_.Uniform(1000));
  const auto& local = active_by_province_[province];
  if (r < 220 && (!local.empty() || !all_active_.empty())) {
    const auto& pool = !local.empty() && rng_.Chance(900) ? local : all_active_;
    Employ(citizen, p, pool[rng_.Uniform(pool.size())]);
    return;
  }
  if (r < 280 && age >= 22) {  // civil servants of the commune
    p.group = Group("HC");
    p.state_employer = true;
    p.social = SocialKind::kCompulsory;
    p.social_since = MonthStartBetween(Birthday(FromDays(c.birth_day), 22), kSnapshot);
    p.contribution_months = static_cast<std::uint16_t>(MonthsBetween(p.social_since, kSnapshot));
    YearlyCard(p, false);
    return;
  }
  if (r < 292 && !female && age <= 45) {
    p.group = rng_.Chance(650) ? Group("QN") : Group("CA");
    YearlyCard(p, false);
    return;
  }
  AssignHousehold(p, r, c.ethnicity != kKinh);
}

// Adults insured through the state budget (DT, HN, CN), a cooperative (HX) or their household
// (GD, some also in voluntary social insurance), or in neither scheme; `r` < 1000 is the
// adult's draw.
void InsuranceGenerator::AssignHousehold(Participant& p, std::uint32_t r, bool minority) {
  if (minority && r < 600) {
    p.group = Group("DT");
  } else if (r < 320) {
    p.group = Group("HN");
  } else if (r < 340) {
    p.group = Group("CN");
  } else if (r < 350) {
    p.group = Group("HX");
  } else if (r < 910) {
    p.group = Group("GD");
    if (rng_.Chance(60)) {
      p.social = SocialKind::kVoluntary;
      p.social_since = MonthStartBetween(ToDays({2018, 1, 1}), kSnapshot);
      p.contribution_months = static_cast<std::uint16_t>(MonthsBetween(p.social_since, kSnapshot));
    }
    YearlyCard(p, true);
    return;
  } else {
    return;  // in neither scheme
  }
  YearlyCard(p, false);
}

void InsuranceGenerator::AssignElderly(std::uint32_t citizen, Participant& p, int age,
                                       bool female) {
  const auto& c = store_.population().citizens()[citizen];
  const std::uint32_t r = static_cast<std::uint32_t>(rng_.Uniform(1000));
  if (r < 330) {
    p.group = Group("HT");
    p.social = SocialKind::kPensioner;
    // From the month after the pension age (60 for men, 55 for women, before the 2021 reform).
    const std::int32_t pension_age = Birthday(FromDays(c.birth_day), female ? 55 : 60);
    p.social_since = MonthStart(MonthStart(pension_age) + 31);
    p.contribution_months = static_cast<std::uint16_t>(240 + rng_.Uniform(180));
  } else if (r < 345) {
    p.group = Group("CC");
  } else if (age >= 80) {
    p.group = Group("BT");
  } else if (r < 900) {
    p.group = Group("GD");
    YearlyCard(p, true);
    return;
  } else {
    return;
  }
  YearlyCard(p, false);
}

void InsuranceGenerator::Employ(std::uint32_t citizen, Participant& p, std::uint32_t enterprise) {
  const auto& c = store_.population().citizens()[citizen];
  const business::Enterprise& e = store_.enterprises().enterprises()[enterprise];
  p.group = Group("DN");
  p.employer = enterprise;
  p.social = SocialKind::kCompulsory;
  const std::int32_t adult = Birthday(FromDays(c.birth_day), 18);
  p.social_since = MonthStartBetween(std::max(adult, e.registration_day), kSnapshot);
  // Earlier jobs add to the months of contributions.
  const int earlier = std::max(0, MonthsBetween(adult, p.social_since));
  p.contribution_months = static_cast<std::uint16_t>(
      MonthsBetween(p.social_since, kSnapshot) +
      (earlier > 0 ? rng_.Uniform(static_cast<std::uint64_t>(earlier) + 1) : 0));
  YearlyCard(p, false);
}

// Cards of the calendar year; a household card runs twelve months from the month it was bought
// and may have lapsed.
void InsuranceGenerator::YearlyCard(Participant& p, bool may_lapse) {
  if (!may_lapse) {
    p.card_from = kYearStart;
    p.card_to = kYearEnd;
    return;
  }
  const bool lapsed = rng_.Chance(80);
  const int month = 1 + static_cast<int>(rng_.Uniform(11));  // 1..11
  const int year = lapsed ? kSnapshotDate.year - 1 : kSnapshotDate.year;
  p.card_from = ToDays({year, month, 1});
  p.card_to = ToDays({year + 1, month, 1}) - 1;
}

std::int32_t InsuranceGenerator::MonthStartBetween(std::int32_t first, std::int32_t last) {
  if (last <= first) return MonthStart(first);
  return MonthStart(
      first + static_cast<std::int32_t>(rng_.Uniform(static_cast<std::uint64_t>(last - first))));
}

absl::Status InsuranceGenerator::Number(std::uint32_t citizen) {
  Participant& p = store_.participants_[citizen];
  if (p.group == kNoCard && p.social == SocialKind::kNone) return absl::OkStatus();
  const AdminUnits& units = AdminUnits::Get();
  const auto& population = store_.population();
  const std::uint16_t commune =
      population.households()[population.citizens()[citizen].household].commune;
  const int gso = units.old_provinces()[units.communes()[commune].old_province].code;
  const std::uint32_t counter = counters_[static_cast<std::size_t>(gso)]++;
  if (counter >= InsuranceStore::kNewbornOrdinalBase) {
    return absl::ResourceExhaustedError("social insurance numbers of a province exhausted");
  }
  p.number = static_cast<std::uint64_t>(gso) * 100'000'000 +
             serials_[static_cast<std::size_t>(gso)].Apply(counter);
  return absl::OkStatus();
}

}  // namespace ndxp::connectors::insurance
