#include "connectors/budget/budget_connector.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "connectors/budget/budget_handlers.h"
#include "connectors/budget/budget_view.h"
#include "connectors/common/admin_units.h"
#include "connectors/common/budget_unit_code.h"
#include "connectors/common/enterprise_code.h"
#include "gateway/core/route_table.h"
#include "ndxp/budget/v1/budget.pb.h"
#include "ndxp/business/v1/business.pb.h"
#include "tests/unit/connectors/connector_calls.h"
#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors::budget {
namespace {

namespace pb = ::ndxp::budget::v1;
using testing::Call;
using testing::ErrorReason;
using testing::FindHandler;
using testing::ViolationField;

// 2 December 2025, 09:00 in Vietnam.
const absl::Time kStart = absl::FromUnixSeconds(1764640800);

class BudgetConnectorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto citizens = population::CitizenStore::Generate(3, 6'000);
    ASSERT_TRUE(citizens.ok());
    auto enterprises = business::EnterpriseStore::Generate(4, 2'000, *citizens);
    ASSERT_TRUE(enterprises.ok());
    auto store = BudgetStore::Generate(5, 300, *enterprises);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = new std::shared_ptr<const BudgetStore>(*store);
  }
  static void TearDownTestSuite() { delete store_; }

  void SetUp() override {
    now_ = kStart;
    connector_ = std::make_unique<BudgetConnector>(*store_, [this] { return now_.load(); });
    handlers_ = connector_->Handlers();
  }

  const core::MethodHandler& H(std::string_view method) { return *FindHandler(handlers_, method); }
  const BudgetStore& store() { return **store_; }
  template <typename T>
  static const T& As(const testing::CallResult& r) {
    return static_cast<const T&>(*r.responses.at(0));
  }
  const BudgetUnit& Committee() {
    for (const BudgetUnit& u : store().units()) {
      if (u.name == Template::kCommuneCommittee) return u;
    }
    return store().units()[0];
  }
  // A valid request for a school under a commune's People's Committee.
  pb::SubmitCodeRequestRequest School(const std::string& id) {
    const AdminUnits& units = AdminUnits::Get();
    const BudgetUnit& committee = Committee();
    const Commune& commune = units.communes()[committee.commune];
    pb::SubmitCodeRequestRequest req;
    req.set_request_id(id);
    req.set_province_code(std::string(units.provinces()[commune.province].code_text));
    req.set_kind(pb::UNIT_KIND_BUDGET_USING);
    req.set_unit_name("Trường Tiểu học  Nguyễn Du");
    req.set_commune_code(std::string(commune.code_text));
    req.set_governing_unit_code(FormatBudgetUnitCode(committee.code));
    return req;
  }
  testing::CallResult Submit(const pb::SubmitCodeRequestRequest& req) {
    return Call(H("SubmitCodeRequest"), req);
  }
  testing::CallResult Status(const std::string& id) {
    pb::GetDossierStatusRequest req;
    req.set_dossier_id(id);
    return Call(H("GetDossierStatus"), req);
  }
  testing::CallResult UnitByCode(const std::string& code) {
    pb::GetBudgetUnitRequest req;
    req.set_budget_unit_code(code);
    return Call(H("GetBudgetUnit"), req);
  }

  static std::shared_ptr<const BudgetStore>* store_;
  std::atomic<absl::Time> now_{kStart};
  std::unique_ptr<BudgetConnector> connector_;
  std::vector<core::MethodHandler> handlers_;
};
std::shared_ptr<const BudgetStore>* BudgetConnectorTest::store_ = nullptr;

TEST_F(BudgetConnectorTest, NoMethodReadsPersonalData) {
  EXPECT_EQ(connector_->name(), "budget");
  ASSERT_EQ(handlers_.size(), static_cast<std::size_t>(connector_->service().method_count()));
  for (const auto& h : handlers_) EXPECT_FALSE(core::MethodReadsPersonalData(*h.method));
}

TEST_F(BudgetConnectorTest, GetBudgetUnitByCodeAndByEnterprise) {
  const BudgetUnit& hospital = [&]() -> const BudgetUnit& {
    for (const BudgetUnit& u : store().units()) {
      if (u.name == Template::kProvinceHospital) return u;
    }
    return store().units()[0];
  }();
  auto r = UnitByCode(FormatBudgetUnitCode(hospital.code));
  ASSERT_TRUE(r.status.ok()) << r.status;
  const auto& unit = As<pb::GetBudgetUnitResponse>(r).unit();
  EXPECT_TRUE(unit.name().starts_with("Bệnh viện Đa khoa ")) << unit.name();
  EXPECT_EQ(unit.kind(), pb::UNIT_KIND_BUDGET_USING);
  EXPECT_EQ(unit.level(), pb::BUDGET_LEVEL_PROVINCE);
  EXPECT_TRUE(unit.governing_unit_name().starts_with("Sở Y tế")) << unit.governing_unit_name();
  EXPECT_EQ(unit.governing_unit_code().size(), 7u);
  EXPECT_EQ(unit.status(), pb::UNIT_STATUS_ACTIVE);
  EXPECT_FALSE(unit.unit().province_name().empty());

  const BudgetUnit& firm = store().units()[store().enterprise_units()[0]];
  const std::string code =
      FormatEnterpriseCode(store().enterprises().enterprises()[firm.enterprise].code);
  pb::GetBudgetUnitRequest by_enterprise;
  by_enterprise.set_enterprise_code(code);
  r = Call(H("GetBudgetUnit"), by_enterprise);
  ASSERT_TRUE(r.status.ok()) << r.status;
  EXPECT_EQ(As<pb::GetBudgetUnitResponse>(r).unit().enterprise_code(), code);
  EXPECT_EQ(As<pb::GetBudgetUnitResponse>(r).unit().kind(), pb::UNIT_KIND_OTHER);
}

TEST_F(BudgetConnectorTest, GetBudgetUnitErrors) {
  for (const char* bad : {"", "123", "12345678", "1a34567", "5000016", "1000000", "1000011"}) {
    auto r = UnitByCode(bad);
    EXPECT_EQ(r.status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(ViolationField(r.status), "budget_unit_code");
  }
  auto unknown = UnitByCode(FormatBudgetUnitCode(store().CodeFor(1, BudgetStore::kSequences - 1)));
  EXPECT_EQ(unknown.status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(unknown.status), "BUDGET_UNIT_NOT_FOUND");
  EXPECT_EQ(ViolationField(Call(H("GetBudgetUnit"), pb::GetBudgetUnitRequest()).status),
            "budget_unit_code");
  pb::GetBudgetUnitRequest req;
  for (const char* bad : {"0100109107", "0100109106-001", "12"}) {
    req.set_enterprise_code(bad);
    EXPECT_EQ(ViolationField(Call(H("GetBudgetUnit"), req).status), "enterprise_code") << bad;
  }
  // A registered enterprise without a code, and a code no enterprise has.
  for (const business::Enterprise& e : store().enterprises().enterprises()) {
    if (store().FindByEnterprise(e.code) != nullptr) continue;
    req.set_enterprise_code(FormatEnterpriseCode(e.code));
    auto r = Call(H("GetBudgetUnit"), req);
    EXPECT_EQ(r.status.code(), absl::StatusCode::kNotFound);
    EXPECT_EQ(ErrorReason(r.status), "BUDGET_UNIT_NOT_FOUND");
    break;
  }
  req.set_enterprise_code(FormatEnterpriseCode(*MakeEnterpriseCode(99, 1'234'567)));
  EXPECT_EQ(Call(H("GetBudgetUnit"), req).status.code(), absl::StatusCode::kNotFound);
}

TEST_F(BudgetConnectorTest, SubmittedDossierMovesThroughItsStatesAndIssuesACode) {
  auto r = Submit(School("req-1"));
  ASSERT_TRUE(r.status.ok()) << r.status;
  const auto dossier = As<pb::SubmitCodeRequestResponse>(r).dossier();
  EXPECT_EQ(dossier.state(), pb::DOSSIER_STATE_RECEIVED);
  EXPECT_EQ(dossier.request_id(), "req-1");
  EXPECT_EQ(dossier.unit_name(), "Trường Tiểu học Nguyễn Du");  // spaces folded
  EXPECT_TRUE(dossier.dossier_id().starts_with("MSNS-" + dossier.province_code() + "-2025-"));
  EXPECT_TRUE(dossier.budget_unit_code().empty());
  ASSERT_EQ(dossier.history_size(), 1);
  EXPECT_EQ(dossier.history(0).time(), "2025-12-02T09:00:00+07:00");
  EXPECT_EQ(dossier.due_date().day(), 5);  // three working days

  now_ = kStart + absl::Minutes(3);
  r = Status(dossier.dossier_id());
  ASSERT_TRUE(r.status.ok()) << r.status;
  EXPECT_EQ(As<pb::GetDossierStatusResponse>(r).dossier().state(), pb::DOSSIER_STATE_PROCESSING);

  now_ = kStart + absl::Minutes(11);
  r = Status(dossier.dossier_id());
  const auto& done = As<pb::GetDossierStatusResponse>(r).dossier();
  EXPECT_EQ(done.state(), pb::DOSSIER_STATE_ISSUED);
  ASSERT_EQ(done.history_size(), 3);
  EXPECT_EQ(done.history(2).time(), "2025-12-02T09:10:00+07:00");
  const std::string code = done.budget_unit_code();
  ASSERT_TRUE(ParseBudgetUnitCode(code).ok()) << code;
  EXPECT_TRUE(code.starts_with("1"));
  EXPECT_EQ(store().FindUnit(ParseBudgetUnitCode(code)->value), nullptr);
  auto unit = UnitByCode(code);
  ASSERT_TRUE(unit.status.ok()) << unit.status;
  EXPECT_EQ(As<pb::GetBudgetUnitResponse>(unit).unit().name(), "Trường Tiểu học Nguyễn Du");
  EXPECT_EQ(As<pb::GetBudgetUnitResponse>(unit).unit().level(), pb::BUDGET_LEVEL_COMMUNE);
}

TEST_F(BudgetConnectorTest, IssuedCodeIsInvisibleUntilDecided) {
  auto r = Submit(School("req-early"));
  ASSERT_TRUE(r.status.ok());
  now_ = kStart + absl::Minutes(11);
  const std::string code = As<pb::GetDossierStatusResponse>(
                               Status(As<pb::SubmitCodeRequestResponse>(r).dossier().dossier_id()))
                               .dossier()
                               .budget_unit_code();
  now_ = kStart + absl::Minutes(5);
  EXPECT_EQ(UnitByCode(code).status.code(), absl::StatusCode::kNotFound);
}

TEST_F(BudgetConnectorTest, SubmitIsIdempotentOnTheRequestId) {
  auto first = Submit(School("same-id"));
  ASSERT_TRUE(first.status.ok());
  now_ = kStart + absl::Minutes(1);
  auto again = Submit(School("same-id"));
  ASSERT_TRUE(again.status.ok());
  EXPECT_EQ(As<pb::SubmitCodeRequestResponse>(first).dossier().dossier_id(),
            As<pb::SubmitCodeRequestResponse>(again).dossier().dossier_id());
  EXPECT_EQ(connector_->desk().size(), 1u);
  // Spaces folded the same way count as the same content.
  auto folded = School("same-id");
  folded.set_unit_name("Trường Tiểu học Nguyễn Du");
  EXPECT_TRUE(Submit(folded).status.ok());
  auto other = School("same-id");
  other.set_unit_name("Trường Mầm non Hoa Sen");
  auto conflict = Submit(other);
  EXPECT_EQ(conflict.status.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ErrorReason(conflict.status), "REQUEST_ID_REUSED");
  EXPECT_NE(std::string(conflict.status.message()).find("same-id"), std::string::npos);
  auto next = Submit(School("other-id"));
  ASSERT_TRUE(next.status.ok());
  EXPECT_NE(As<pb::SubmitCodeRequestResponse>(next).dossier().dossier_id(),
            As<pb::SubmitCodeRequestResponse>(first).dossier().dossier_id());
}

TEST_F(BudgetConnectorTest, LiveDossiersAreNumberedAfterTheHistoricalOnes) {
  auto r = Submit(School("numbered"));
  ASSERT_TRUE(r.status.ok());
  const auto& d = As<pb::SubmitCodeRequestResponse>(r).dossier();
  const int province = std::stoi(d.province_code());
  const std::uint32_t sequence = static_cast<std::uint32_t>(std::stoul(d.dossier_id().substr(13)));
  EXPECT_EQ(sequence, store().LastSequence(province, 2025) + 1);
  EXPECT_EQ(store().FindDossier(province, 2025, sequence), nullptr);
}

TEST_F(BudgetConnectorTest, RefusesAnEnterpriseThatAlreadyHasACode) {
  const BudgetUnit& firm = store().units()[store().enterprise_units()[0]];
  const business::Enterprise& e = store().enterprises().enterprises()[firm.enterprise];
  const Commune& commune = AdminUnits::Get().communes()[e.commune];
  pb::SubmitCodeRequestRequest req;
  req.set_request_id("firm-1");
  req.set_province_code(std::string(AdminUnits::Get().provinces()[commune.province].code_text));
  req.set_kind(pb::UNIT_KIND_OTHER);
  req.set_unit_name("Công ty nhà nước");
  req.set_commune_code(std::string(commune.code_text));
  req.set_governing_unit_code(FormatBudgetUnitCode(store().units()[firm.governing].code));
  req.set_enterprise_code(FormatEnterpriseCode(e.code));
  auto r = Submit(req);
  ASSERT_TRUE(r.status.ok()) << r.status;
  now_ = kStart + absl::Minutes(10);
  const auto status = Status(As<pb::SubmitCodeRequestResponse>(r).dossier().dossier_id());
  ASSERT_TRUE(status.status.ok()) << status.status;
  const auto& d = As<pb::GetDossierStatusResponse>(status).dossier();
  EXPECT_EQ(d.state(), pb::DOSSIER_STATE_REJECTED);
  ASSERT_EQ(d.history_size(), 3);
  EXPECT_NE(d.history(2).note().find(FormatBudgetUnitCode(firm.code)), std::string::npos);
  EXPECT_TRUE(d.budget_unit_code().empty());
}

TEST_F(BudgetConnectorTest, SubmitValidatesEveryField) {
  struct Case {
    std::function<void(pb::SubmitCodeRequestRequest&)> edit;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](auto& r) { r.set_request_id(""); }, "request_id"},
      {[](auto& r) { r.set_request_id(std::string(65, 'a')); }, "request_id"},
      {[](auto& r) { r.set_request_id("has space"); }, "request_id"},
      {[](auto& r) { r.set_province_code("77"); }, "province_code"},
      {[](auto& r) { r.set_province_code(""); }, "province_code"},
      {[](auto& r) { r.set_kind(pb::UNIT_KIND_UNSPECIFIED); }, "kind"},
      {[](auto& r) { r.set_kind(static_cast<pb::UnitKind>(99)); }, "kind"},
      {[](auto& r) { r.set_kind(static_cast<pb::UnitKind>(-3)); }, "kind"},
      {[](auto& r) { r.set_unit_name("   "); }, "unit_name"},
      {[](auto& r) { r.set_unit_name(std::string(201, 'x')); }, "unit_name"},
      {[](auto& r) { r.set_unit_name("bad \xff utf-8"); }, "unit_name"},
      {[](auto& r) { r.set_unit_name("bell\x07"); }, "unit_name"},
      {[](auto& r) { r.set_commune_code("1234"); }, "commune_code"},
      {[](auto& r) { r.set_commune_code("99999"); }, "commune_code"},
      {[](auto& r) { r.set_province_code(r.province_code() == "01" ? "79" : "01"); },
       "commune_code"},
      {[](auto& r) { r.clear_governing_unit_code(); }, "governing_unit_code"},
      {[](auto& r) { r.set_governing_unit_code("1000011"); }, "governing_unit_code"},
      {[](auto& r) { r.set_enterprise_code("0100109106"); }, "enterprise_code"},  // kind 1
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    auto req = School("v-" + std::to_string(i));
    cases[i].edit(req);
    auto r = Submit(req);
    EXPECT_EQ(r.status.code(), absl::StatusCode::kInvalidArgument) << i << ": " << r.status;
    EXPECT_EQ(ViolationField(r.status), cases[i].field) << i;
  }
  auto huge = School("huge-name");
  huge.set_unit_name(std::string(1 << 20, 'x'));
  EXPECT_EQ(ViolationField(Submit(huge).status), "unit_name");
  // 200 Vietnamese letters fit (characters, not bytes).
  auto long_name = School("long-name");
  std::string name;
  for (int i = 0; i < 200; ++i) name += "ư";
  long_name.set_unit_name(name);
  EXPECT_TRUE(Submit(long_name).status.ok());
  auto absent = School("absent-governing");
  absent.set_governing_unit_code(
      FormatBudgetUnitCode(store().CodeFor(1, BudgetStore::kSequences - 1)));
  auto r = Submit(absent);
  EXPECT_EQ(r.status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(r.status), "BUDGET_UNIT_NOT_FOUND");
  auto firm = School("absent-enterprise");
  firm.set_kind(pb::UNIT_KIND_OTHER);
  firm.set_enterprise_code(FormatEnterpriseCode(*MakeEnterpriseCode(99, 1'234'567)));
  EXPECT_EQ(ErrorReason(Submit(firm).status), "ENTERPRISE_NOT_FOUND");
  // A budget needs no governing unit.
  auto budget = School("new-budget");
  budget.set_kind(pb::UNIT_KIND_ADMINISTRATIVE_BUDGET);
  budget.clear_governing_unit_code();
  EXPECT_TRUE(Submit(budget).status.ok());
}

TEST_F(BudgetConnectorTest, TheRegisterOfDossiersIsBounded) {
  for (std::size_t i = 0; i < DossierDesk::kMaxDossiers; ++i) {
    ASSERT_TRUE(Submit(School("bulk-" + std::to_string(i))).status.ok()) << i;
  }
  auto full = Submit(School("one-too-many"));
  EXPECT_EQ(full.status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(ErrorReason(full.status), "DOSSIER_REGISTER_FULL");
  // A replay is still answered.
  EXPECT_TRUE(Submit(School("bulk-7")).status.ok());
}

TEST_F(BudgetConnectorTest, ConcurrentSubmissionsGetDistinctDossiersAndCodes) {
  constexpr int kThreads = 4, kEach = 200;
  std::vector<std::vector<std::string>> ids(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        // Every thread also replays a shared id: all must get the same dossier.
        for (const std::string& id :
             {"t" + std::to_string(t) + "-" + std::to_string(i), "shared-" + std::to_string(i)}) {
          auto r = Submit(School(id));
          ASSERT_TRUE(r.status.ok()) << r.status;
          ids[t].push_back(As<pb::SubmitCodeRequestResponse>(r).dossier().dossier_id());
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<std::string> own;
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kEach; ++i) {
      EXPECT_TRUE(own.insert(ids[t][2 * i]).second);
      EXPECT_EQ(ids[t][2 * i + 1], ids[0][2 * i + 1]);
    }
  }
  EXPECT_EQ(connector_->desk().size(), static_cast<std::size_t>(kThreads * kEach + kEach));
  now_ = kStart + absl::Hours(1);
  std::set<std::string> codes;
  for (const std::string& id : own) {
    codes.insert(As<pb::GetDossierStatusResponse>(Status(id)).dossier().budget_unit_code());
  }
  EXPECT_EQ(codes.size(), own.size());
}

TEST_F(BudgetConnectorTest, HistoricalDossiers) {
  const HistoricalDossier& d = store().dossiers()[store().dossiers().size() / 3];
  auto r = Status(DossierId(d.key));
  ASSERT_TRUE(r.status.ok()) << r.status;
  const auto& dossier = As<pb::GetDossierStatusResponse>(r).dossier();
  EXPECT_EQ(dossier.history_size(), 3);
  EXPECT_EQ(dossier.state(), d.rejected ? pb::DOSSIER_STATE_REJECTED : pb::DOSSIER_STATE_ISSUED);
  EXPECT_TRUE(dossier.request_id().empty());
  if (!d.rejected) {
    EXPECT_EQ(dossier.budget_unit_code(), FormatBudgetUnitCode(store().units()[d.unit].code));
  }
  for (const char* bad :
       {"", "MSNS-79-2025-12", "DKKD-79-2025-000001", "MSNS-77-2025-000001", "MSNS-79-2015-000001",
        "MSNS-79-2026-000001", "MSNS-79-2025-000000", "MSNS-7a-2025-000001"}) {
    EXPECT_EQ(ViolationField(Status(bad).status), "dossier_id") << bad;
  }
  EXPECT_EQ(ViolationField(Status(std::string(1 << 20, 'M')).status), "dossier_id");
  EXPECT_EQ(ViolationField(Status("MSNS-\xff\xfe-2025-000001").status), "dossier_id");
  auto absent = Status("MSNS-79-2025-999999");
  EXPECT_EQ(absent.status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(absent.status), "CODE_DOSSIER_NOT_FOUND");
  // Once the clock is in 2026, that year's dossiers are well formed.
  now_ = absl::FromUnixSeconds(1767225600 + 86400 * 10);
  EXPECT_EQ(Status("MSNS-79-2026-000001").status.code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace ndxp::connectors::budget
