#include "connectors/population/citizen_store.h"

#include <gtest/gtest.h>

#include <set>

#include "connectors/common/admin_units.h"
#include "connectors/common/personal_id.h"
#include "connectors/population/citizen_view.h"
#include "connectors/population/demography.h"
#include "ndxp/population/v1/population.pb.h"

namespace ndxp::connectors::population {
namespace {

namespace pb = ::ndxp::population::v1;

std::shared_ptr<const CitizenStore> Make(std::uint64_t seed, std::uint64_t count) {
  auto store = CitizenStore::Generate(seed, count);
  EXPECT_TRUE(store.ok()) << store.status();
  return *store;
}

const std::shared_ptr<const CitizenStore>& Shared() {
  static const auto* const kStore = new std::shared_ptr<const CitizenStore>(Make(11, 20'000));
  return *kStore;
}

int AgeGap(const CitizenStore& store, const Citizen& older, const Citizen& younger) {
  return AgeOn(store.BirthDate(older), store.BirthDate(younger));
}

TEST(CitizenStoreTest, GeneratesExactlyTheScale) {
  EXPECT_EQ(Make(1, 1)->size(), 1u);
  EXPECT_EQ(Make(1, 7'777)->size(), 7'777u);
  EXPECT_EQ(CitizenStore::Generate(1, CitizenStore::kMaxScale + 1).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(CitizenStoreTest, SameSeedAndScaleGiveIdenticalData) {
  const auto a = Make(3, 5'000);
  const auto b = Make(3, 5'000);
  EXPECT_EQ(a->Fingerprint(), b->Fingerprint());
  for (std::uint64_t id : a->SampleIds(50)) {
    pb::Citizen x, y;
    FillCitizen(*a, *a->FindCitizen(id), &x);
    FillCitizen(*b, *b->FindCitizen(id), &y);
    EXPECT_EQ(x.SerializeAsString(), y.SerializeAsString());
  }
  EXPECT_EQ(a->SampleIds(20), b->SampleIds(20));
}

TEST(CitizenStoreTest, DifferentSeedsGiveDifferentData) {
  const auto a = Make(3, 5'000);
  const auto b = Make(4, 5'000);
  EXPECT_NE(a->Fingerprint(), b->Fingerprint());
  EXPECT_NE(a->SampleIds(5), b->SampleIds(5));
}

TEST(CitizenStoreTest, EveryIdIsValidUniqueAndAgreesWithTheRecord) {
  const auto& store = *Shared();
  std::set<std::uint64_t> ids;
  for (const Citizen& c : store.citizens()) {
    const std::string text = FormatPersonalId(c.id);
    auto id = ParsePersonalId(text);
    ASSERT_TRUE(id.ok()) << text << ": " << id.status();
    EXPECT_TRUE(PersonalIdMatches(*id, store.BirthDate(c), c.female)) << text;
    EXPECT_TRUE(ids.insert(c.id).second) << "duplicate " << text;
    EXPECT_EQ(store.FindCitizen(c.id), &c);
    const CivilDate birth = store.BirthDate(c);
    EXPECT_LE(ToDays(birth), ToDays({2025, 6, 30}));
  }
}

TEST(CitizenStoreTest, BirthRegistrationProvinceIsTheIdPrefix) {
  const auto& store = *Shared();
  const AdminUnits& units = AdminUnits::Get();
  for (std::uint64_t id : store.SampleIds(200)) {
    pb::Citizen c;
    FillCitizen(store, *store.FindCitizen(id), &c);
    const int prefix = std::stoi(c.personal_id().substr(0, 3));
    EXPECT_EQ(c.birth_registration_province(),
              units.old_provinces()[units.FindOldProvince(prefix)].name);
    EXPECT_GE(units.FindCommune(c.place_of_origin().commune_code()), 0);
    EXPECT_GE(units.FindCommune(c.permanent_address().unit().commune_code()), 0);
    EXPECT_EQ(c.nationality(), "Việt Nam");
  }
}

TEST(CitizenStoreTest, HouseholdsAreConsistent) {
  const auto& store = *Shared();
  std::size_t members = 0;
  for (const Household& h : store.households()) {
    const auto people = store.MembersOf(h);
    ASSERT_GE(people.size(), 1u);
    ASSERT_LE(people.size(), 6u);
    members += people.size();
    const Citizen& head = people[0];
    EXPECT_EQ(head.relation, pb::HOUSEHOLD_RELATION_HEAD);
    EXPECT_EQ(store.FindHousehold(AdminUnits::Get().communes()[h.commune].code, h.sequence), &h);
    for (const Citizen& c : people) {
      EXPECT_EQ(&store.households()[c.household], &h);
      if (&c != &head) {
        EXPECT_NE(c.relation, pb::HOUSEHOLD_RELATION_HEAD);
      }
      if (c.spouse != kNoCitizen) {
        const Citizen& s = store.citizens()[c.spouse];
        EXPECT_EQ(s.spouse, store.IndexOf(c));
        EXPECT_NE(s.female, c.female);
        EXPECT_LE(std::abs(AgeGap(store, c, s)), 10);
        EXPECT_EQ(s.household, c.household);
      }
      for (std::uint32_t parent : {c.father, c.mother}) {
        if (parent == kNoCitizen) continue;
        const Citizen& p = store.citizens()[parent];
        EXPECT_EQ(p.household, c.household);
        const int gap = AgeGap(store, p, c);
        EXPECT_GE(gap, 18) << FormatPersonalId(c.id);
        EXPECT_LE(gap, 40) << FormatPersonalId(c.id);
      }
      if (c.father != kNoCitizen) {
        EXPECT_FALSE(store.citizens()[c.father].female);
        EXPECT_EQ(c.name.family, store.citizens()[c.father].name.family);  // father's family name
      }
      if (c.mother != kNoCitizen) {
        EXPECT_TRUE(store.citizens()[c.mother].female);
      }
      if (c.relation == pb::HOUSEHOLD_RELATION_CHILD) {
        EXPECT_TRUE(c.father == h.first_member || c.mother == h.first_member);
      }
      if (c.relation == pb::HOUSEHOLD_RELATION_GRANDCHILD) {
        const std::uint32_t parent = c.father != kNoCitizen ? c.father : c.mother;
        ASSERT_NE(parent, kNoCitizen);
        EXPECT_EQ(store.citizens()[parent].relation, pb::HOUSEHOLD_RELATION_CHILD);
      }
      if (c.relation == pb::HOUSEHOLD_RELATION_PARENT) {
        EXPECT_TRUE(head.father == store.IndexOf(c) || head.mother == store.IndexOf(c));
      }
    }
  }
  EXPECT_EQ(members, store.size());
}

TEST(CitizenStoreTest, MembersShareTheHouseholdAddress) {
  const auto& store = *Shared();
  const Household& h = store.households()[123];
  pb::Household household;
  FillHousehold(store, h, &household);
  EXPECT_EQ(household.household_id(), store.HouseholdCode(h));
  EXPECT_EQ(household.household_id().size(), 12u);
  EXPECT_EQ(household.members(0).personal_id(), household.head_personal_id());
  for (const auto& m : household.members()) {
    pb::Citizen c;
    std::uint64_t id = std::stoull(m.personal_id());
    FillCitizen(store, *store.FindCitizen(id), &c);
    EXPECT_EQ(c.permanent_address().SerializeAsString(), household.address().SerializeAsString());
    EXPECT_EQ(c.household_id(), household.household_id());
  }
}

TEST(CitizenStoreTest, PopulationLooksVietnamese) {
  const auto& store = *Shared();
  std::size_t kinh = 0, no_religion = 0, female = 0, nguyen = 0;
  for (const Citizen& c : store.citizens()) {
    kinh += EthnicityName(c.ethnicity) == "Kinh";
    no_religion += ReligionName(c.religion) == "Không";
    female += c.female;
    nguyen += FamilyNameText(c.name.family) == "Nguyễn";
  }
  const double n = static_cast<double>(store.size());
  EXPECT_GT(kinh / n, 0.78);
  EXPECT_LT(kinh / n, 0.95);
  EXPECT_GT(no_religion / n, 0.65);
  EXPECT_NEAR(female / n, 0.5, 0.05);
  EXPECT_NEAR(nguyen / n, 0.33, 0.06);
  const double mean_household = n / static_cast<double>(store.households().size());
  EXPECT_NEAR(mean_household, 3.4, 0.4);
}

TEST(CitizenStoreTest, SampleIdsExistAndAreSpread) {
  const auto& store = *Shared();
  const auto ids = store.SampleIds(10);
  ASSERT_EQ(ids.size(), 10u);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    EXPECT_NE(store.FindCitizen(ids[i]), nullptr);
    if (i > 0) {
      EXPECT_LT(ids[i - 1], ids[i]);
    }
  }
  EXPECT_EQ(Make(1, 3)->SampleIds(10).size(), 3u);
  EXPECT_EQ(store.FindCitizen(1), nullptr);
}

}  // namespace
}  // namespace ndxp::connectors::population
