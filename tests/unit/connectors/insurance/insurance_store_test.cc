#include "connectors/insurance/insurance_store.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "connectors/common/admin_units.h"
#include "connectors/common/dates.h"
#include "connectors/insurance/insurance_view.h"
#include "ndxp/business/v1/business.pb.h"
#include "ndxp/insurance/v1/insurance.pb.h"

namespace ndxp::connectors::insurance {
namespace {

namespace pb = ::ndxp::insurance::v1;

struct Data {
  std::shared_ptr<const population::CitizenStore> citizens;
  std::shared_ptr<const business::EnterpriseStore> enterprises;
};

const Data& Shared() {
  static const Data* const kData = [] {
    auto* data = new Data;
    data->citizens = *population::CitizenStore::Generate(5, 20'000);
    data->enterprises = *business::EnterpriseStore::Generate(6, 2'000, data->citizens);
    return data;
  }();
  return *kData;
}

std::shared_ptr<const InsuranceStore> Make(std::uint64_t seed, std::uint64_t scale = 0) {
  auto store = InsuranceStore::Generate(seed, scale, Shared().citizens, Shared().enterprises);
  EXPECT_TRUE(store.ok()) << store.status();
  return *store;
}

const InsuranceStore& Store() {
  static const auto* const kStore = new std::shared_ptr<const InsuranceStore>(Make(7));
  return **kStore;
}

int AgeOf(const InsuranceStore& store, std::uint32_t citizen) {
  return AgeOn(FromDays(store.population().citizens()[citizen].birth_day), kSnapshotDate);
}

TEST(InsuranceStoreTest, SameSeedSameDataOtherSeedOtherData) {
  const auto a = Make(3), b = Make(3), c = Make(4);
  EXPECT_EQ(a->Fingerprint(), b->Fingerprint());
  EXPECT_NE(a->Fingerprint(), c->Fingerprint());
  for (std::size_t pos = 0; pos < a->participant_count(); pos += 997) {
    pb::Participant x, y;
    FillParticipant(*a, a->ParticipantAt(pos), &x);
    FillParticipant(*b, b->ParticipantAt(pos), &y);
    EXPECT_EQ(x.SerializeAsString(), y.SerializeAsString());
  }
}

TEST(InsuranceStoreTest, NumbersAreUniqueTenDigitsAndCarryTheIssuingProvince) {
  const InsuranceStore& store = Store();
  const AdminUnits& units = AdminUnits::Get();
  std::set<std::uint64_t> seen;
  std::size_t insured = 0;
  for (std::uint32_t i = 0; i < store.participants().size(); ++i) {
    const Participant& p = store.Of(i);
    if (p.number == 0) continue;
    ++insured;
    EXPECT_TRUE(seen.insert(p.number).second);
    EXPECT_LT(p.number, 10'000'000'000ULL);
    const auto commune =
        store.population().households()[store.population().citizens()[i].household].commune;
    EXPECT_EQ(static_cast<int>(p.number / 100'000'000),
              units.old_provinces()[units.communes()[commune].old_province].code);
    EXPECT_EQ(store.FindByNumber(p.number), static_cast<std::int64_t>(i));
  }
  EXPECT_EQ(insured, store.participant_count());
  // About 93% of citizens are insured (health-insurance coverage in Vietnam).
  EXPECT_GT(insured, store.participants().size() * 85 / 100);
  EXPECT_LT(insured, store.participants().size() * 98 / 100);
  EXPECT_EQ(store.FindByNumber(9'912'345'678), -1);
  EXPECT_EQ(store.FindByNumber(0), -1);
}

TEST(InsuranceStoreTest, CardsFollowAgeResidenceAndEmployment) {
  namespace bpb = ::ndxp::business::v1;
  const InsuranceStore& store = Store();
  const AdminUnits& units = AdminUnits::Get();
  std::map<std::string, int> groups;
  for (std::uint32_t i = 0; i < store.participants().size(); ++i) {
    const Participant& p = store.Of(i);
    const int age = AgeOf(store, i);
    const auto& c = store.population().citizens()[i];
    if (age < 6) {
      // Every child under 6 holds a TE card from birth to the day before the sixth birthday.
      ASSERT_NE(p.group, kNoCard) << i;
      EXPECT_EQ(store.GroupOf(p).code, "TE");
      EXPECT_EQ(p.card_from, c.birth_day);
      const CivilDate birth = FromDays(c.birth_day);
      EXPECT_EQ(AgeOn(birth, FromDays(p.card_to)), 5);
      EXPECT_EQ(AgeOn(birth, FromDays(p.card_to + 1)), 6);
    }
    if (p.group == kNoCard) continue;
    const std::string_view group = store.GroupOf(p).code;
    ++groups[std::string(group)];
    if (group == "TE") {
      EXPECT_LT(age, 6);
    } else if (group == "HS") {
      EXPECT_TRUE(age >= 6 && age < 18) << age;
    } else if (group == "SV") {
      EXPECT_TRUE(age >= 18 && age <= 22) << age;
    }
    if (group == "HT") {
      EXPECT_GE(age, c.female ? 57 : 61);
      EXPECT_EQ(p.social, SocialKind::kPensioner);
    }
    if (group == "DN") {
      ASSERT_NE(p.employer, kNoEmployer);
      const business::Enterprise& e = store.enterprises().enterprises()[p.employer];
      EXPECT_EQ(e.status, bpb::OPERATING_STATUS_ACTIVE);
      EXPECT_EQ(p.social, SocialKind::kCompulsory);
      EXPECT_GE(p.social_since, e.registration_day - 31);
    } else {
      EXPECT_EQ(p.employer, kNoEmployer);
    }
    // The card is issued by the province where the holder lives, and ends with the number.
    auto code = ParseHealthInsuranceCardCode(store.CardCode(i));
    ASSERT_TRUE(code.ok()) << store.CardCode(i);
    EXPECT_EQ(code->province_code, units.provinces()[store.ResidenceProvince(i)].code);
    EXPECT_EQ(code->social_insurance_number, p.number);
    EXPECT_EQ(code->benefit_level, store.GroupOf(p).benefit_level);
    EXPECT_LE(p.card_from, p.card_to);
  }
  for (const char* g : {"TE", "HS", "DN", "GD", "HT", "HC", "SV", "BT"}) {
    EXPECT_GT(groups[g], 0) << g;
  }
  EXPECT_GT(groups["DN"], groups["HC"]);
}

TEST(InsuranceStoreTest, RepresentativesOfActiveEnterprisesAreTheirEmployees) {
  namespace bpb = ::ndxp::business::v1;
  const InsuranceStore& store = Store();
  int checked = 0;
  for (const business::Enterprise& e : store.enterprises().enterprises()) {
    if (e.status != bpb::OPERATING_STATUS_ACTIVE) continue;
    const Participant& p = store.Of(e.representative);
    const int age = AgeOf(store, e.representative);
    const bool female = store.population().citizens()[e.representative].female;
    if (age >= (female ? 57 : 61)) continue;  // retired representatives draw their pension
    ASSERT_NE(p.employer, kNoEmployer);
    EXPECT_EQ(store.GroupOf(p).code, "DN");
    EXPECT_EQ(store.enterprises().enterprises()[p.employer].representative, e.representative);
    ++checked;
  }
  EXPECT_GT(checked, 100);
}

TEST(InsuranceStoreTest, ScaleCoversTheFirstHouseholds) {
  const auto small = Make(7, 1'000);
  std::size_t covered = 0;
  for (std::uint32_t i = 0; i < small->participants().size(); ++i) {
    if (small->Of(i).number == 0) continue;
    ++covered;
    EXPECT_LT(i, 1'010u);  // whole households: at most a few citizens past the scale
  }
  EXPECT_GT(covered, 850u);
  EXPECT_GT(small->covered_households(), 200u);
  EXPECT_EQ(
      InsuranceStore::Generate(1, 20'001, Shared().citizens, Shared().enterprises).status().code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(InsuranceStore::Generate(1, 0, nullptr, Shared().enterprises).ok());
}

TEST(InsuranceStoreTest, NewbornNumbersAreDerivedAndNeverCollide) {
  const InsuranceStore& store = Store();
  std::set<std::uint64_t> seen;
  for (int year : {2025, 2026, 2049}) {
    for (bool female : {false, true}) {
      for (std::uint32_t serial : {0u, 1u, 123'456u, 999'999u}) {
        PersonalId child;
        child.province_code = 79;
        child.birth_year = year;
        child.female = female;
        child.serial = serial;
        auto number = store.NewbornSocialInsuranceNumber(child);
        ASSERT_TRUE(number.ok()) << number.status();
        EXPECT_EQ(*number / 100'000'000, 79u);
        EXPECT_TRUE(seen.insert(*number).second);
        EXPECT_EQ(store.FindByNumber(*number), -1) << "collides with the register";
        EXPECT_EQ(store.NewbornSocialInsuranceNumber(child).value(), *number);  // no state
        auto card = store.NewbornCardCode(child, 79);
        ASSERT_TRUE(card.ok());
        auto parsed = ParseHealthInsuranceCardCode(*card);
        ASSERT_TRUE(parsed.ok()) << *card;
        EXPECT_EQ(parsed->group->code, "TE");
        EXPECT_EQ(parsed->benefit_level, 1);
        EXPECT_EQ(parsed->social_insurance_number, *number);
      }
    }
  }
  PersonalId old;
  old.province_code = 1;
  old.birth_year = 2024;
  EXPECT_FALSE(store.NewbornSocialInsuranceNumber(old).ok());
  old.birth_year = 2050;
  EXPECT_FALSE(store.NewbornSocialInsuranceNumber(old).ok());
  old.birth_year = 2030;
  EXPECT_FALSE(store.NewbornCardCode(old, 77).ok());  // 77 is not a province in force
  EXPECT_TRUE(store.NewbornCardCode(old, 1).ok());
}

TEST(InsuranceStoreTest, CompactRecords) {
  const InsuranceStore& store = Store();
  EXPECT_LE(store.MemoryBytes(), store.participants().size() * 41);
}

}  // namespace
}  // namespace ndxp::connectors::insurance
