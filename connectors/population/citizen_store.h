#pragma once
// The synthetic National Population Database held in memory: citizens and households in flat
// vectors of small fixed-size records (names, places and ethnic groups are indexes into shared
// tables; no per-citizen heap allocation), with sorted 64-bit keys for lookups by personal id and
// by household code. Immutable once generated, so any number of threads may read it.

#include <absl/status/statusor.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "connectors/common/dates.h"
#include "connectors/common/street_address.h"
#include "connectors/common/vietnamese_names.h"

namespace ndxp::connectors::population {

inline constexpr std::uint32_t kNoCitizen = 0xFFFFFFFF;

struct Citizen {
  std::uint64_t id = 0;               // the 12-digit personal id as a number
  std::uint32_t household = 0;        // index into households()
  std::uint32_t father = kNoCitizen;  // indexes into citizens()
  std::uint32_t mother = kNoCitizen;
  std::uint32_t spouse = kNoCitizen;
  std::int32_t birth_day = 0;        // days since 1970-01-01
  std::uint16_t origin_commune = 0;  // place of origin (quê quán), a commune index
  PersonName name;
  std::uint8_t ethnicity = 0;
  std::uint8_t religion = 0;
  std::uint8_t relation = 0;  // ndxp.population.v1.HouseholdRelation
  bool female = false;
};

struct Household {
  std::uint32_t first_member = 0;  // members are citizens [first_member, first_member + size)
  std::uint32_t sequence = 0;      // the last six digits of the household code
  std::uint16_t commune = 0;       // residence, a commune index
  std::uint8_t size = 0;
  StreetAddress street;
};

class CitizenStore {
 public:
  // Default and maximum number of citizens.
  static constexpr std::uint64_t kDefaultScale = 100'000;
  static constexpr std::uint64_t kMaxScale = 16'000'000;

  // Generates `count` citizens (0: kDefaultScale) from `seed`. The same (seed, count) always
  // gives the same store. INVALID_ARGUMENT when count exceeds kMaxScale.
  static absl::StatusOr<std::shared_ptr<const CitizenStore>> Generate(std::uint64_t seed,
                                                                      std::uint64_t count);

  // The citizen with this personal id, or nullptr.
  const Citizen* FindCitizen(std::uint64_t personal_id) const;
  // The household with this code ("H" + commune code + sequence, as numbers), or nullptr.
  const Household* FindHousehold(std::uint32_t commune_code, std::uint32_t sequence) const;

  std::span<const Citizen> citizens() const { return citizens_; }
  std::span<const Household> households() const { return households_; }
  std::span<const Citizen> MembersOf(const Household& household) const {
    return std::span<const Citizen>(citizens_).subspan(household.first_member, household.size);
  }
  std::uint32_t IndexOf(const Citizen& citizen) const {
    return static_cast<std::uint32_t>(&citizen - citizens_.data());
  }

  std::string FullName(const Citizen& citizen) const;
  CivilDate BirthDate(const Citizen& citizen) const { return FromDays(citizen.birth_day); }
  // "H26734000123"
  std::string HouseholdCode(const Household& household) const;

  // `count` personal ids spread evenly over the id space (deterministic).
  std::vector<std::uint64_t> SampleIds(std::size_t count) const;
  std::size_t size() const { return citizens_.size(); }
  std::uint64_t seed() const { return seed_; }

  // A hash of every field of every record: equal stores have equal fingerprints.
  std::uint64_t Fingerprint() const;
  // Bytes held by the store's vectors.
  std::size_t MemoryBytes() const;

 private:
  friend class CitizenGenerator;
  CitizenStore() = default;
  void BuildIndexes();

  std::uint64_t seed_ = 0;
  std::vector<Citizen> citizens_;
  std::vector<Household> households_;
  // Sorted keys: personal id << 24 | citizen index; household key << 24 | household index.
  std::vector<std::uint64_t> id_index_;
  std::vector<std::uint64_t> household_index_;
};

}  // namespace ndxp::connectors::population
