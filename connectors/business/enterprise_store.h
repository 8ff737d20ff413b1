#pragma once
// The synthetic National Business Registration Database in memory: enterprises (sorted by code),
// their dependent units, per-province lists, and registration dossiers with their histories.
// Legal representatives and heads of units are citizens of the population store it refers to.
// Immutable once generated.

#include <absl/status/statusor.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "connectors/common/street_address.h"
#include "connectors/population/citizen_store.h"

namespace ndxp::connectors::business {

inline constexpr std::uint32_t kNoIndex = 0xFFFFFFFF;

struct CompanyName {
  std::uint8_t variant = 0;  // spelling of the legal form ("TNHH", "TNHH Một thành viên" ...)
  std::uint8_t phrase = 0;   // NamePhrases() index
  std::uint8_t brand_first = 0;
  std::uint8_t brand_second = 0;
  std::uint16_t qualifier = 0;  // QualifierText()
};

struct Enterprise {
  std::uint64_t code = 0;             // ten digits
  std::uint32_t representative = 0;   // citizen index in the population store
  std::uint32_t first_unit = 0;       // dependent units [first_unit, first_unit + unit_count)
  std::int32_t registration_day = 0;  // days since 1970-01-01
  std::int64_t charter_capital_vnd = 0;
  std::uint16_t commune = 0;  // head office
  StreetAddress street;
  CompanyName name;
  std::uint8_t legal_form = 0;  // ndxp.business.v1.LegalForm
  std::uint8_t status = 0;      // ndxp.business.v1.OperatingStatus
  std::uint8_t industry = 0;    // Industries() index
  std::uint8_t unit_count = 0;
  bool foreign_name = false;  // registered an English name and an abbreviation
};

struct DependentUnit {
  std::uint32_t parent = 0;  // enterprise index
  std::uint32_t head = 0;    // citizen index
  std::int32_t registration_day = 0;
  std::uint16_t suffix = 0;  // 1..999
  std::uint16_t commune = 0;
  StreetAddress street;
  std::uint8_t kind = 0;  // ndxp.business.v1.UnitKind
  std::uint8_t status = 0;
};

struct DossierEvent {
  std::int64_t local_minute = 0;  // minutes since 1970-01-01 00:00, UTC+7
  std::uint8_t state = 0;         // ndxp.business.v1.DossierState
  std::uint8_t note = 0;          // DossierNote() index
};

struct Dossier {
  std::uint64_t key = 0;                // DossierKey(province code, year, sequence)
  std::uint32_t enterprise = kNoIndex;  // enterprise concerned or produced
  std::uint32_t first_event = 0;
  std::int32_t due_day = 0;
  std::uint16_t unit_suffix = 0;  // for a dependent-unit registration
  std::uint8_t event_count = 0;
  std::uint8_t procedure = 0;  // DossierProcedure() index
  bool code_known = true;      // false for a founding dossier not (yet) approved
};

std::uint64_t DossierKey(int province_code, int year, std::uint32_t sequence);

class EnterpriseStore {
 public:
  static constexpr std::uint64_t kDefaultScale = 20'000;
  static constexpr std::uint64_t kMaxScale = 2'000'000;

  // Generates `count` enterprises (0: kDefaultScale) from `seed`, their representatives drawn
  // from `population`. Deterministic in (seed, count, population).
  static absl::StatusOr<std::shared_ptr<const EnterpriseStore>> Generate(
      std::uint64_t seed, std::uint64_t count,
      std::shared_ptr<const population::CitizenStore> population);

  const Enterprise* FindEnterprise(std::uint64_t code) const;
  const DependentUnit* FindUnit(const Enterprise& parent, int suffix) const;
  const Dossier* FindDossier(int province_code, int year, std::uint32_t sequence) const;

  std::span<const Enterprise> enterprises() const { return enterprises_; }
  std::span<const DependentUnit> units() const { return units_; }
  std::span<const Dossier> dossiers() const { return dossiers_; }
  std::span<const DossierEvent> EventsOf(const Dossier& dossier) const {
    return std::span<const DossierEvent>(events_).subspan(dossier.first_event, dossier.event_count);
  }
  std::span<const DependentUnit> UnitsOf(const Enterprise& e) const {
    return std::span<const DependentUnit>(units_).subspan(e.first_unit, e.unit_count);
  }
  // Enterprise indexes whose head office is in a province (an AdminUnits province index), in
  // code order.
  std::span<const std::uint32_t> InProvince(std::uint16_t province) const {
    return by_province_[province];
  }
  std::uint32_t IndexOf(const Enterprise& e) const {
    return static_cast<std::uint32_t>(&e - enterprises_.data());
  }

  const population::CitizenStore& population() const { return *population_; }
  std::uint64_t seed() const { return seed_; }
  std::uint64_t Fingerprint() const;

 private:
  friend class EnterpriseGenerator;
  friend class DossierGenerator;
  EnterpriseStore() = default;

  std::uint64_t seed_ = 0;
  std::shared_ptr<const population::CitizenStore> population_;
  std::vector<Enterprise> enterprises_;
  std::vector<DependentUnit> units_;
  std::vector<std::vector<std::uint32_t>> by_province_;
  std::vector<Dossier> dossiers_;  // sorted by key
  std::vector<DossierEvent> events_;
};

}  // namespace ndxp::connectors::business
