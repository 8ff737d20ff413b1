#pragma once
// Generates an InsuranceStore citizen by citizen from one seeded stream. The card follows the
// citizen: children under 6 hold TE cards valid until the day before their sixth birthday, pupils
// HS, some young adults SV; the legal representatives of active enterprises and about a fifth of
// working-age adults are employees of an active enterprise of their province (DN, compulsory
// social insurance since they joined it), some work for the People's Committee of their commune
// (HC), serve in the army or police (QN, CA), belong to poor or near-poor households (HN, CN) or,
// in ethnic-minority communes, to group DT; most others are insured through their household (GD,
// a few also in voluntary social insurance, some with a card not renewed); about a third of the
// elderly draw a pension (HT), those from 80 the social allowance (BT), a few are people with
// meritorious service (CC). About 7% of citizens are in neither scheme.

#include <absl/status/status.h>

#include <cstdint>
#include <vector>

#include "connectors/common/bijection.h"
#include "connectors/common/rng.h"
#include "connectors/insurance/insurance_store.h"

namespace ndxp::connectors::insurance {

class InsuranceGenerator {
 public:
  InsuranceGenerator(std::uint64_t seed, std::uint64_t scale, InsuranceStore& store);
  absl::Status Run();

 private:
  void BuildEmployers();
  void Assign(std::uint32_t citizen);
  void AssignAdult(std::uint32_t citizen, Participant& p, int age, bool female);
  void AssignHousehold(Participant& p, std::uint32_t r, bool minority);
  void AssignElderly(std::uint32_t citizen, Participant& p, int age, bool female);
  void Employ(std::uint32_t citizen, Participant& p, std::uint32_t enterprise);
  void YearlyCard(Participant& p, bool may_lapse);
  std::int32_t MonthStartBetween(std::int32_t first, std::int32_t last);
  absl::Status Number(std::uint32_t citizen);

  std::uint64_t seed_;
  std::uint64_t scale_;
  Rng rng_;
  InsuranceStore& store_;
  std::vector<std::vector<std::uint32_t>> active_by_province_;  // active enterprise indexes
  std::vector<std::uint32_t> all_active_;
  std::vector<std::uint32_t> employer_of_;  // citizen index -> enterprise they represent
  std::vector<std::uint32_t> counters_;     // per GSO code 0..99
  std::vector<Bijection> serials_;          // per GSO code 0..99
};

}  // namespace ndxp::connectors::insurance
