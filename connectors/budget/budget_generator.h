#pragma once
// Generates a BudgetStore: for every province in force its budget, the office of the People's
// Committee, ten departments, the general hospital and the
// project management board (codes of 2016, the departments merged in
// March 2025 re-coded then); for every commune its budget, People's Committee, schools and health
// station (coded at the reorganisation of 1 July 2025); the public enterprises of the business
// store (about 2.5% of single-member LLCs and joint-stock companies registered before 2016, by a
// keyed hash of their code); `scale` investment projects; and a dossier for every code issued
// since 2021, with a few refused applications.

#include <absl/status/status.h>

#include <cstdint>
#include <vector>

#include "connectors/budget/budget_store.h"
#include "connectors/common/bijection.h"
#include "connectors/common/rng.h"

namespace ndxp::connectors::budget {

class BudgetGenerator {
 public:
  BudgetGenerator(std::uint64_t seed, std::uint64_t scale, BudgetStore& store);
  absl::Status Run();

 private:
  std::uint32_t Add(BudgetUnit unit);
  void AddProvince(std::uint16_t province);
  void AddCommune(std::uint16_t commune, std::uint32_t province_budget);
  void AddEnterprises();
  void AddProjects();
  struct DossierDraft {
    HistoricalDossier d;
    int province = 0;  // code in force
  };
  void AddDossiers();
  DossierDraft DraftFor(std::uint32_t unit, std::int32_t decided_day, bool rejected);
  void Number(std::vector<DossierDraft>& drafts);
  std::int32_t DayBetween(CivilDate first, CivilDate last);

  std::uint64_t scale_;
  Rng rng_;
  BudgetStore& store_;
  std::uint32_t counters_[10] = {};
  bool exhausted_ = false;
  // Per province (AdminUnits index): its budget, its project management board; per commune: its
  // People's Committee.
  std::vector<std::uint32_t> province_budget_, project_board_, committee_;
};

}  // namespace ndxp::connectors::budget
