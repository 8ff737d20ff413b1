#include "connectors/budget/budget_store.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "connectors/budget/budget_view.h"
#include "connectors/business/enterprise_view.h"
#include "connectors/common/admin_units.h"
#include "connectors/common/budget_unit_code.h"
#include "connectors/common/dates.h"
#include "ndxp/budget/v1/budget.pb.h"
#include "ndxp/business/v1/business.pb.h"

namespace ndxp::connectors::budget {
namespace {

namespace pb = ::ndxp::budget::v1;

const std::shared_ptr<const business::EnterpriseStore>& Enterprises() {
  static const auto* const kStore = [] {
    auto citizens = *population::CitizenStore::Generate(2, 10'000);
    return new std::shared_ptr<const business::EnterpriseStore>(
        *business::EnterpriseStore::Generate(3, 3'000, citizens));
  }();
  return *kStore;
}

std::shared_ptr<const BudgetStore> Make(std::uint64_t seed, std::uint64_t scale = 0) {
  auto store = BudgetStore::Generate(seed, scale, Enterprises());
  EXPECT_TRUE(store.ok()) << store.status();
  return *store;
}

const BudgetStore& Store() {
  static const auto* const kStore = new std::shared_ptr<const BudgetStore>(Make(9));
  return **kStore;
}

int KindDigitOf(std::uint8_t kind) {
  constexpr int kDigits[] = {0, 1, 2, 3, 7, 8};
  return kDigits[kind];
}

TEST(BudgetStoreTest, SameSeedSameDataOtherSeedOtherData) {
  const auto a = Make(4, 200), b = Make(4, 200), c = Make(5, 200);
  EXPECT_EQ(a->Fingerprint(), b->Fingerprint());
  EXPECT_NE(a->Fingerprint(), c->Fingerprint());
  ASSERT_EQ(a->units().size(), b->units().size());
  for (std::size_t i = 0; i < a->units().size(); i += 101) {
    pb::BudgetUnit x, y;
    FillBudgetUnit(*a, a->units()[i], &x);
    FillBudgetUnit(*b, b->units()[i], &y);
    EXPECT_EQ(x.SerializeAsString(), y.SerializeAsString());
  }
}

TEST(BudgetStoreTest, CodesAreValidUniqueAndTellTheKind) {
  const BudgetStore& store = Store();
  std::set<std::uint32_t> seen;
  for (const BudgetUnit& u : store.units()) {
    auto code = ParseBudgetUnitCode(FormatBudgetUnitCode(u.code));
    ASSERT_TRUE(code.ok()) << u.code << ": " << code.status();
    EXPECT_EQ(code->kind_digit, KindDigitOf(u.kind));
    EXPECT_TRUE(seen.insert(u.code).second) << u.code;
    EXPECT_EQ(store.FindUnit(u.code), &u);
  }
  EXPECT_EQ(store.FindUnit(store.CodeFor(1, BudgetStore::kSequences - 1)), nullptr);
}

TEST(BudgetStoreTest, EveryProvinceAndCommuneHasItsBudgetAndAgencies) {
  const BudgetStore& store = Store();
  const AdminUnits& units = AdminUnits::Get();
  std::map<Template, int> count;
  std::set<std::uint16_t> commune_budgets;
  for (const BudgetUnit& u : store.units()) {
    ++count[u.name];
    if (u.name == Template::kCommuneBudget) commune_budgets.insert(u.commune);
    if (u.name == Template::kProvinceBudget) {
      EXPECT_EQ(u.governing, kNone);
      EXPECT_EQ(u.level, pb::BUDGET_LEVEL_PROVINCE);
      continue;
    }
    ASSERT_NE(u.governing, kNone) << store.NameOf(u);
    const BudgetUnit& g = store.units()[u.governing];
    EXPECT_EQ(units.communes()[g.commune].province, units.communes()[u.commune].province);
    EXPECT_LE(g.issue_day, u.issue_day + 366) << store.NameOf(u);
    if (u.level == pb::BUDGET_LEVEL_COMMUNE && u.name != Template::kCommuneBudget &&
        u.name < Template::kProjectFirst) {
      EXPECT_EQ(g.commune, u.commune);  // a commune's units answer to its budget or committee
    }
  }
  EXPECT_EQ(count[Template::kProvinceBudget], static_cast<int>(units.provinces().size()));
  EXPECT_EQ(count[Template::kCommuneBudget], static_cast<int>(units.communes().size()));
  EXPECT_EQ(commune_budgets.size(), units.communes().size());
  EXPECT_EQ(count[Template::kCommuneCommittee], static_cast<int>(units.communes().size()));
  int projects = 0;
  for (const auto& [t, n] : count) {
    if (t >= Template::kProjectFirst) projects += n;
  }
  EXPECT_EQ(projects, static_cast<int>(BudgetStore::kDefaultScale));
}

TEST(BudgetStoreTest, NamesAreBuiltFromTheAdministrativeUnits) {
  const BudgetStore& store = Store();
  std::set<std::string> names;
  for (const BudgetUnit& u : store.units()) names.insert(store.NameOf(u));
  for (const char* expected :
       {"Sở Tài chính Thành phố Hồ Chí Minh", "Ngân sách Thành phố Hà Nội", "Sở Y tế tỉnh Gia Lai",
        "Ngân sách phường Sài Gòn", "Ủy ban nhân dân Phường Sài Gòn", "Trạm Y tế Phường Sài Gòn",
        "Văn phòng Ủy ban nhân dân tỉnh Lào Cai"}) {
    EXPECT_TRUE(names.contains(expected)) << expected;
  }
}

TEST(BudgetStoreTest, PublicEnterprisesComeFromTheBusinessRegister) {
  namespace bpb = ::ndxp::business::v1;
  const BudgetStore& store = Store();
  const auto list = store.enterprise_units();
  EXPECT_GE(list.size(), 20u);
  std::uint64_t previous = 0;
  for (std::uint32_t index : list) {
    const BudgetUnit& u = store.units()[index];
    const business::Enterprise& e = store.enterprises().enterprises()[u.enterprise];
    EXPECT_GT(e.code, previous);
    previous = e.code;
    EXPECT_EQ(u.kind, pb::UNIT_KIND_OTHER);
    EXPECT_TRUE(e.legal_form == bpb::LEGAL_FORM_SINGLE_MEMBER_LLC ||
                e.legal_form == bpb::LEGAL_FORM_JOINT_STOCK);
    EXPECT_LT(e.registration_day, ToDays({2016, 1, 1}));
    EXPECT_GE(u.issue_day, e.registration_day);
    EXPECT_EQ(u.commune, e.commune);
    const bool closed =
        e.status == bpb::OPERATING_STATUS_DISSOLVED || e.status == bpb::OPERATING_STATUS_DISSOLVING;
    EXPECT_EQ(u.status, closed ? pb::UNIT_STATUS_CLOSED : pb::UNIT_STATUS_ACTIVE);
    EXPECT_EQ(store.FindByEnterprise(e.code), &u);
    EXPECT_EQ(store.NameOf(u), business::CompanyNameText(e));
  }
  EXPECT_EQ(store.FindByEnterprise(1), nullptr);
}

TEST(BudgetStoreTest, DossiersRecordEveryCodeIssuedSince2021) {
  const BudgetStore& store = Store();
  const std::int32_t first = ToDays({2021, 1, 4});
  std::size_t issued_recent = 0;
  for (const BudgetUnit& u : store.units()) issued_recent += u.issue_day >= first;
  std::size_t issued = 0;
  std::map<std::pair<int, int>, std::int64_t> last_received;
  for (std::size_t i = 0; i < store.dossiers().size(); ++i) {
    const HistoricalDossier& d = store.dossiers()[i];
    if (i > 0) {
      EXPECT_LT(store.dossiers()[i - 1].key, d.key);
    }
    const BudgetUnit& u = store.units()[d.unit];
    const int province = static_cast<int>(d.key / 10'000'000'000ULL);
    const int year = static_cast<int>(d.key / 1'000'000 % 10'000);
    EXPECT_EQ(province,
              AdminUnits::Get().provinces()[AdminUnits::Get().communes()[u.commune].province].code);
    EXPECT_EQ(FromDays(static_cast<std::int32_t>(d.received_minute / 1440)).year, year);
    EXPECT_LT(d.processing_after, d.decided_after);
    const int minute = static_cast<int>(d.received_minute % 1440);
    EXPECT_TRUE(minute >= 8 * 60 && minute < 17 * 60) << minute;
    const auto decided_day =
        static_cast<std::int32_t>((d.received_minute + d.decided_after) / 1440);
    if (!d.rejected) {
      ++issued;
      EXPECT_EQ(decided_day, u.issue_day);
    } else {
      EXPECT_GT(decided_day, u.issue_day);
    }
    // Numbered in order of receipt within a province and year.
    auto [it, inserted] = last_received.try_emplace({province, year}, d.received_minute);
    if (!inserted) {
      EXPECT_GE(d.received_minute, it->second);
      it->second = d.received_minute;
    }
    EXPECT_LE(d.key % 1'000'000, store.LastSequence(province, year));
  }
  EXPECT_EQ(issued, issued_recent);
  EXPECT_GT(store.dossiers().size(), issued);  // some refusals
  EXPECT_EQ(store.LastSequence(79, 2019), 0u);
  const HistoricalDossier& d = store.dossiers().back();
  EXPECT_EQ(store.FindDossier(static_cast<int>(d.key / 10'000'000'000ULL),
                              static_cast<int>(d.key / 1'000'000 % 10'000),
                              static_cast<std::uint32_t>(d.key % 1'000'000)),
            &d);
}

TEST(BudgetStoreTest, ScaleIsTheNumberOfProjects) {
  const auto small = Make(1, 10), large = Make(1, 2'000);
  EXPECT_EQ(large->units().size() - small->units().size(), 1'990u);
  EXPECT_EQ(BudgetStore::Generate(1, BudgetStore::kMaxScale + 1, Enterprises()).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(BudgetStore::Generate(1, 1, nullptr).ok());
  EXPECT_LE(Store().MemoryBytes(), Store().units().size() * 40 + Store().dossiers().size() * 40);
}

}  // namespace
}  // namespace ndxp::connectors::budget
