#pragma once
// Generates the enterprises and dependent units of an EnterpriseStore. Head offices are weighted
// towards the economic centres; codes carry the prefix of the province that issued them and grow
// with the registration date, as real codes do; names are unique; representatives and heads of
// units are adult citizens, mostly of the province where the office is.

#include <absl/container/flat_hash_set.h>
#include <absl/status/status.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "connectors/business/enterprise_store.h"
#include "connectors/common/rng.h"
#include "connectors/common/weighted.h"

namespace ndxp::connectors::business {

class EnterpriseGenerator {
 public:
  EnterpriseGenerator(std::uint64_t seed, std::uint64_t count, EnterpriseStore& store);
  absl::Status Run();

 private:
  struct Draft {
    Enterprise enterprise;
    int prefix = 0;
  };

  void BuildTables();
  Draft MakeDraft();
  void PickForm(Enterprise& e, int registration_year);
  void PickName(Enterprise& e, int old_province_code);
  absl::Status AssignCodes(std::vector<Draft>& drafts);
  absl::Status NumberRun(const std::vector<Draft*>& run, std::uint64_t step);
  void AddUnits(Enterprise& e, std::uint32_t index);
  int PickUnitCount(const Enterprise& e);
  std::uint8_t PickUnitStatus(const Enterprise& e);

  std::uint8_t PickOldProvince();
  std::uint16_t PickCommune(std::uint8_t old_province);
  std::int32_t PickRegistrationDay();
  std::uint32_t PickPerson(std::uint16_t province, std::int32_t adult_by_day);

  std::uint64_t count_;
  Rng rng_;
  EnterpriseStore& store_;
  WeightedTable old_provinces_;          // enterprise density by old province
  std::vector<WeightedTable> communes_;  // per old province, over its communes
  std::vector<std::vector<std::uint16_t>> commune_ids_;
  std::vector<std::vector<std::uint32_t>> adults_;  // citizens aged 22-75, per province
  std::vector<std::uint32_t> all_adults_;
  absl::flat_hash_set<std::uint64_t> names_;  // CompanyName keys already used
};

}  // namespace ndxp::connectors::business
