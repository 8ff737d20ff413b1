#pragma once
// The synthetic National Insurance Database in memory: one compact record per citizen of the
// population store (same order, so a citizen's index is its participant's index), a sorted index
// by social insurance number, and the enterprises of the business store that employ participants
// of group DN. Immutable once generated, so any number of threads may read it.
//
// Social insurance numbers are PP + eight digits: PP the GSO code of the pre-2025 province that
// issued the number, the eight digits a keyed bijection of a per-province counter. Counters below
// kNewbornOrdinalBase belong to the generated register; the counters from it up are reserved for
// children registered at birth after the snapshot (civil status issues them TE cards through
// NewbornSocialInsuranceNumber), numbered from the child's personal id, so a newborn's number is
// derived without any state and never collides with another.

#include <absl/status/statusor.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "connectors/business/enterprise_store.h"
#include "connectors/common/insurance_codes.h"
#include "connectors/common/personal_id.h"
#include "connectors/population/citizen_store.h"

namespace ndxp::connectors::insurance {

inline constexpr std::uint32_t kNoEmployer = 0xFFFFFFFF;
inline constexpr std::uint8_t kNoCard = 0xFF;

// ndxp.insurance.v1.SocialInsuranceKind values.
enum class SocialKind : std::uint8_t { kNone = 0, kCompulsory = 1, kVoluntary = 2, kPensioner = 3 };

struct Participant {
  std::uint64_t number = 0;              // social insurance number; 0: not in the database
  std::uint32_t employer = kNoEmployer;  // enterprise index (group DN) in the business store
  std::int32_t card_from = 0;            // days since 1970-01-01
  std::int32_t card_to = 0;
  std::int32_t social_since = 0;  // first day of the current participation or pension
  std::uint16_t contribution_months = 0;
  std::uint8_t group = kNoCard;  // BeneficiaryGroups() index of the current card
  SocialKind social = SocialKind::kNone;
  bool state_employer = false;  // group HC: employed by the People's Committee of the commune
};

class InsuranceStore {
 public:
  // 0: every citizen of the population store is considered.
  static constexpr std::uint64_t kDefaultScale = 0;
  // Counter value from which newborns' numbers are taken (per issuing province).
  static constexpr std::uint32_t kNewbornOrdinalBase = 50'000'000;
  // Newborns get numbers for birth years kFirstNewbornYear .. kFirstNewbornYear + 24.
  static constexpr int kFirstNewbornYear = 2025;

  // Generates the register over `population` (its first `scale` citizens, whole households; 0:
  // all), employers drawn from `enterprises`. Deterministic in (seed, scale, the two stores).
  // INVALID_ARGUMENT when scale exceeds the population.
  static absl::StatusOr<std::shared_ptr<const InsuranceStore>> Generate(
      std::uint64_t seed, std::uint64_t scale,
      std::shared_ptr<const population::CitizenStore> population,
      std::shared_ptr<const business::EnterpriseStore> enterprises);

  // The citizen index of the participant with this number, or -1.
  std::int64_t FindByNumber(std::uint64_t number) const;
  // The participant of a citizen (by citizen index).
  const Participant& Of(std::uint32_t citizen) const { return participants_[citizen]; }
  std::span<const Participant> participants() const { return participants_; }
  // Citizen indexes of the participants, in number order.
  std::size_t participant_count() const { return number_index_.size(); }
  std::uint32_t ParticipantAt(std::size_t position) const;
  // Households of the population whose members the register covers: the first ones, in
  // population order (all of them at scale 0).
  std::size_t covered_households() const { return covered_households_; }

  // The current card's code of an insured citizen ("" when none).
  std::string CardCode(std::uint32_t citizen) const;
  // The province (AdminUnits index) where a citizen lives, which issues their card.
  std::uint16_t ResidenceProvince(std::uint32_t citizen) const;
  const BeneficiaryGroup& GroupOf(const Participant& p) const {
    return BeneficiaryGroups()[p.group];
  }

  // The social insurance number a child registered at birth gets: PP its birth-registration
  // province, the eight digits the bijection of kNewbornOrdinalBase + an ordinal of the child's
  // personal id (birth year, sex, serial). INVALID_ARGUMENT for a birth year outside the newborn
  // years.
  absl::StatusOr<std::uint64_t> NewbornSocialInsuranceNumber(const PersonalId& child) const;
  // The TE card code of such a child, issued by the province (two-digit code in force) where
  // the child is registered to live.
  absl::StatusOr<std::string> NewbornCardCode(const PersonalId& child, int province_code) const;

  const population::CitizenStore& population() const { return *population_; }
  const business::EnterpriseStore& enterprises() const { return *enterprises_; }
  std::uint64_t seed() const { return seed_; }
  std::uint64_t Fingerprint() const;
  std::size_t MemoryBytes() const;

 private:
  friend class InsuranceGenerator;
  InsuranceStore() = default;
  void BuildIndex();

  std::uint64_t seed_ = 0;
  std::shared_ptr<const population::CitizenStore> population_;
  std::shared_ptr<const business::EnterpriseStore> enterprises_;
  std::vector<Participant> participants_;    // by citizen index
  std::vector<std::uint64_t> number_index_;  // number << 24 | citizen index, sorted
  std::size_t covered_households_ = 0;
};

// The keyed permutation of the eight-digit serials of province `gso_code`.
std::uint64_t SerialKey(std::uint64_t seed, int gso_code);

}  // namespace ndxp::connectors::insurance
