#pragma once
// Generates a CitizenStore household by household from one seeded random stream. Each household
// lives in a real commune (weighted by its province's population, wards denser than rural
// communes); members have consistent relations (spouses of the other sex and similar age,
// children 18-40 years younger than their parents bearing the father's family name, sometimes a
// parent of the head or grandchildren). Personal ids are unique by construction: for each
// (birth province, sex, birth year) a counter is mapped through a keyed bijection of
// [0, 1,000,000) to the six-digit serial.

#include <absl/status/statusor.h>

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "connectors/common/rng.h"
#include "connectors/common/weighted.h"
#include "connectors/population/citizen_store.h"

namespace ndxp::connectors::population {

class CitizenGenerator {
 public:
  CitizenGenerator(std::uint64_t seed, std::uint64_t count);
  absl::StatusOr<std::shared_ptr<const CitizenStore>> Run();

 private:
  // Family-level facts shared while one household is generated.
  struct Lineage {
    std::uint16_t origin = 0;  // place of origin (commune index)
    std::uint8_t ethnicity = 0;
    std::uint8_t family = 0;  // family name
  };
  struct Member {
    int age = 0;
    bool female = false;
    std::uint8_t relation = 0;
    int father = -1, mother = -1, spouse = -1;  // slots in the household
    Lineage lineage;
    bool born_at_residence = false;
  };
  using Plan = std::vector<Member>;

  void AddHousehold(int size);
  void PlanCouple(Plan& plan, int size, std::uint16_t residence);
  void PlanDescendants(Plan& plan, int slots, std::uint16_t residence);
  void AddChildren(Plan& plan, int count, int father, int mother, int lo, int hi,
                   std::uint8_t relation, std::uint16_t residence);
  Lineage PickLineage(std::uint16_t residence, std::uint32_t same_province_per_mille);
  void Emit(const Plan& plan, std::uint16_t residence, std::uint8_t religion);

  std::uint16_t PickResidence();
  std::uint16_t PickCommuneInProvince(std::uint16_t province);
  int PickBirthProvince(std::uint16_t commune);  // GSO code of an old commune's province
  std::int32_t PickBirthDay(int age);
  std::uint64_t IssueId(int birth_province_code, int birth_year, bool female);

  std::uint64_t seed_;
  std::uint64_t count_;
  Rng rng_;
  std::unique_ptr<CitizenStore> store_;
  WeightedTable residence_;                        // over commune indexes
  std::vector<std::uint32_t> id_counters_;         // (old province, sex, birth year 1900..2099)
  std::vector<std::uint32_t> household_counters_;  // per commune
  bool overflow_ = false;
};

}  // namespace ndxp::connectors::population
