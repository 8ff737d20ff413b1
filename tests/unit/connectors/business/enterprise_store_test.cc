#include "connectors/business/enterprise_store.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "connectors/business/enterprise_view.h"
#include "connectors/business/industries.h"
#include "connectors/business/tax_prefixes.h"
#include "connectors/common/admin_units.h"
#include "connectors/common/enterprise_code.h"
#include "connectors/common/personal_id.h"
#include "ndxp/business/v1/business.pb.h"

namespace ndxp::connectors::business {
namespace {

namespace pb = ::ndxp::business::v1;

std::shared_ptr<const population::CitizenStore> Citizens() {
  static const auto* const kStore = new std::shared_ptr<const population::CitizenStore>(
      *population::CitizenStore::Generate(2, 10'000));
  return *kStore;
}

std::shared_ptr<const EnterpriseStore> Make(std::uint64_t seed, std::uint64_t count) {
  auto store = EnterpriseStore::Generate(seed, count, Citizens());
  EXPECT_TRUE(store.ok()) << store.status();
  return *store;
}

const EnterpriseStore& Shared() {
  static const auto* const kStore = new std::shared_ptr<const EnterpriseStore>(Make(5, 4'000));
  return **kStore;
}

TEST(EnterpriseStoreTest, SameSeedSameData) {
  const auto a = Make(9, 1'500);
  const auto b = Make(9, 1'500);
  EXPECT_EQ(a->Fingerprint(), b->Fingerprint());
  for (std::size_t i = 0; i < a->enterprises().size(); i += 97) {
    pb::Enterprise x, y;
    FillEnterprise(*a, a->enterprises()[i], &x);
    FillEnterprise(*b, b->enterprises()[i], &y);
    EXPECT_EQ(x.SerializeAsString(), y.SerializeAsString());
  }
  EXPECT_NE(a->Fingerprint(), Make(10, 1'500)->Fingerprint());
}

TEST(EnterpriseStoreTest, RejectsScalesAboveTheMaximum) {
  auto store = EnterpriseStore::Generate(1, EnterpriseStore::kMaxScale + 1, Citizens());
  EXPECT_EQ(store.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(EnterpriseStoreTest, CodesAreValidUniqueSortedAndCarryAKnownPrefix) {
  const auto& store = Shared();
  ASSERT_EQ(store.enterprises().size(), 4'000u);
  std::set<int> prefixes;
  for (int gso = 1; gso < 100; ++gso) {
    if (TaxPrefixOf(gso) > 0) prefixes.insert(TaxPrefixOf(gso));
  }
  EXPECT_EQ(prefixes.size(), 63u);
  std::uint64_t previous = 0;
  for (const Enterprise& e : store.enterprises()) {
    const std::string code = FormatEnterpriseCode(e.code);
    EXPECT_TRUE(IsValidEnterpriseCode(code)) << code;
    EXPECT_GT(e.code, previous);
    previous = e.code;
    EXPECT_TRUE(prefixes.contains(static_cast<int>(e.code / 100'000'000))) << code;
    EXPECT_EQ(store.FindEnterprise(e.code), &e);
  }
  EXPECT_EQ(TaxPrefixOf(1), 1);
  EXPECT_EQ(TaxPrefixOf(79), 3);
}

TEST(EnterpriseStoreTest, DependentUnitsBelongToTheirParent) {
  const auto& store = Shared();
  EXPECT_GT(store.units().size(), 100u);
  for (const Enterprise& e : store.enterprises()) {
    int suffix = 0;
    for (const DependentUnit& u : store.UnitsOf(e)) {
      EXPECT_EQ(u.parent, store.IndexOf(e));
      EXPECT_EQ(u.suffix, ++suffix);
      EXPECT_GE(u.registration_day, e.registration_day);
      auto code = ParseEnterpriseCode(FormatEnterpriseCode(e.code, u.suffix));
      ASSERT_TRUE(code.ok());
      EXPECT_EQ(store.FindUnit(e, u.suffix), &u);
      if (e.status == pb::OPERATING_STATUS_DISSOLVED) {
        EXPECT_EQ(u.status, pb::OPERATING_STATUS_DISSOLVED);
      }
    }
    EXPECT_LE(e.unit_count, 3);
  }
}

TEST(EnterpriseStoreTest, RepresentativesAreAdultCitizensOfThePopulation) {
  const auto& store = Shared();
  std::size_t adult_at_registration = 0;
  for (const Enterprise& e : store.enterprises()) {
    const auto& citizen = store.population().citizens()[e.representative];
    EXPECT_EQ(store.population().FindCitizen(citizen.id), &citizen);
    EXPECT_GE(AgeOn(store.population().BirthDate(citizen), kSnapshotDate), 22);
    adult_at_registration +=
        AgeOn(store.population().BirthDate(citizen), FromDays(e.registration_day)) >= 18;
  }
  // Representatives appointed after the registration explain the rest.
  EXPECT_GT(adult_at_registration, store.enterprises().size() * 97 / 100);
}

TEST(EnterpriseStoreTest, NamesAreUniqueAndMatchTheLegalForm) {
  const auto& store = Shared();
  std::set<std::string> names;
  for (const Enterprise& e : store.enterprises()) {
    const std::string name = CompanyNameText(e);
    EXPECT_TRUE(names.insert(name).second) << name;
    switch (e.legal_form) {
      case pb::LEGAL_FORM_SINGLE_MEMBER_LLC:
      case pb::LEGAL_FORM_MULTI_MEMBER_LLC:
        EXPECT_NE(name.find("TNHH"), std::string::npos) << name;
        break;
      case pb::LEGAL_FORM_JOINT_STOCK:
        EXPECT_EQ(name.rfind("Công ty Cổ phần ", 0), 0u) << name;
        break;
      case pb::LEGAL_FORM_PRIVATE_ENTERPRISE:
        EXPECT_EQ(name.rfind("Doanh nghiệp tư nhân ", 0), 0u) << name;
        EXPECT_EQ(e.charter_capital_vnd, 0);
        break;
      case pb::LEGAL_FORM_PARTNERSHIP:
        EXPECT_NE(name.find("Hợp danh"), std::string::npos) << name;
        break;
      default:
        ADD_FAILURE() << "legal form " << int{e.legal_form};
    }
    EXPECT_FALSE(Industries()[e.industry].code.empty());
  }
}

TEST(EnterpriseStoreTest, MostAreActiveAndHeadOfficesAreRealCommunes) {
  const auto& store = Shared();
  std::size_t active = 0, listed = 0;
  for (const Enterprise& e : store.enterprises()) active += e.status == pb::OPERATING_STATUS_ACTIVE;
  EXPECT_GT(active, store.enterprises().size() * 70 / 100);
  const AdminUnits& units = AdminUnits::Get();
  for (std::uint16_t p = 0; p < units.provinces().size(); ++p) {
    std::uint64_t previous = 0;
    for (std::uint32_t index : store.InProvince(p)) {
      const Enterprise& e = store.enterprises()[index];
      EXPECT_EQ(units.communes()[e.commune].province, p);
      EXPECT_GT(e.code, previous);
      previous = e.code;
      ++listed;
    }
  }
  EXPECT_EQ(listed, store.enterprises().size());
  // Hồ Chí Minh City and Hà Nội hold the most enterprises.
  const auto hcm = store.InProvince(static_cast<std::uint16_t>(units.FindProvince("79"))).size();
  const auto cao_bang =
      store.InProvince(static_cast<std::uint16_t>(units.FindProvince("04"))).size();
  EXPECT_GT(hcm, 10 * std::max<std::size_t>(cao_bang, 1));
}

TEST(EnterpriseStoreTest, DossiersHaveConsistentHistories) {
  const auto& store = Shared();
  ASSERT_GT(store.dossiers().size(), store.enterprises().size() / 4);
  std::uint64_t previous_key = 0;
  std::size_t pending = 0, founding_checked = 0;
  for (const Dossier& d : store.dossiers()) {
    EXPECT_GT(d.key, previous_key);
    previous_key = d.key;
    pb::RegistrationDossier dossier;
    FillDossier(store, d, &dossier);
    ASSERT_EQ(dossier.dossier_id().size(), 19u);
    EXPECT_GE(AdminUnits::Get().FindProvince(dossier.province_code()), 0);
    ASSERT_GE(dossier.history_size(), 1);
    EXPECT_EQ(dossier.history(0).state(), pb::DOSSIER_STATE_RECEIVED);
    EXPECT_EQ(dossier.dossier_id().substr(8, 4), dossier.history(0).time().substr(0, 4));
    for (int i = 1; i < dossier.history_size(); ++i) {
      EXPECT_LT(dossier.history(i - 1).time(), dossier.history(i).time()) << dossier.dossier_id();
    }
    EXPECT_LT(dossier.history(dossier.history_size() - 1).time(), "2025-12-01");
    const bool final = dossier.state() == pb::DOSSIER_STATE_APPROVED ||
                       dossier.state() == pb::DOSSIER_STATE_REJECTED;
    pending += final ? 0 : 1;
    if (dossier.state() == pb::DOSSIER_STATE_APPROVED && d.procedure == 0) {
      // A founding dossier is approved on the enterprise's registration date.
      const Enterprise& e = store.enterprises()[d.enterprise];
      EXPECT_EQ(dossier.enterprise_code(), FormatEnterpriseCode(e.code));
      EXPECT_EQ(dossier.history(dossier.history_size() - 1).time().substr(0, 10),
                FormatIsoDate(FromDays(e.registration_day)));
      ++founding_checked;
    }
    if (d.procedure == 0 && dossier.state() != pb::DOSSIER_STATE_APPROVED) {
      EXPECT_TRUE(dossier.enterprise_code().empty());
    }
    EXPECT_EQ(store.FindDossier(
                  std::stoi(dossier.province_code()), std::stoi(dossier.dossier_id().substr(8, 4)),
                  static_cast<std::uint32_t>(std::stoi(dossier.dossier_id().substr(13)))),
              &d);
  }
  EXPECT_GT(pending, 0u);
  EXPECT_GT(founding_checked, 100u);
}

}  // namespace
}  // namespace ndxp::connectors::business
