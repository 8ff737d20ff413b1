#pragma once
// Registration dossiers of an EnterpriseStore: the founding dossier of every enterprise registered
// since 2021 (when the national registration portal numbering starts), dependent-unit
// registrations, change, suspension and dissolution dossiers, applications refused, and dossiers
// still being processed on the snapshot date. Each has a history in office hours: received,
// processing, sometimes returned for correction and resubmitted, then approved or refused within
// the legal three working days (Nghị định 01/2021/NĐ-CP).

#include <absl/status/status.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "connectors/business/enterprise_store.h"
#include "connectors/common/rng.h"

namespace ndxp::connectors::business {

std::string_view DossierProcedure(std::uint8_t procedure);
std::string_view DossierNote(std::uint8_t note);

class DossierGenerator {
 public:
  DossierGenerator(std::uint64_t seed, EnterpriseStore& store);
  absl::Status Run();

 private:
  struct Step {
    std::uint8_t state = 0;
    int working_days = 0;  // after the previous step
    int minute = 0;        // of the day
    std::uint8_t note = 0;
  };
  struct Draft {
    int province_code = 0;
    std::uint8_t procedure = 0;
    std::uint32_t enterprise = kNoIndex;
    std::uint16_t unit_suffix = 0;
    bool code_known = true;
    std::vector<DossierEvent> events;
    std::int32_t due_day = 0;
    int year = 0;  // of receipt
  };

  static Draft NewDraft(int province_code, std::uint8_t procedure,
                        std::uint32_t enterprise = kNoIndex, std::uint16_t unit_suffix = 0);
  void AddForEnterprise(std::uint32_t index);
  void AddChange(std::uint32_t index, int province);
  void AddStatusChange(std::uint32_t index, int province);
  std::int32_t DayBetween(std::int32_t first, std::int32_t last);
  void AddApplications();
  void AddFinished(Draft draft, std::int32_t final_day, bool approved, std::uint8_t final_note);
  void AddInProgress(Draft draft);
  std::vector<Step> PlanSteps(std::uint8_t last_state, int corrections);
  void Place(Draft& draft, const std::vector<Step>& steps, std::int32_t last_day);
  absl::Status Number();
  void Commit(const Draft& draft, std::uint32_t sequence);

  Rng rng_;
  EnterpriseStore& store_;
  std::vector<Draft> drafts_;
};

}  // namespace ndxp::connectors::business
