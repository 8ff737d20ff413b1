#include "connectors/insurance/insurance_store.h"

#include <algorithm>

#include "connectors/common/admin_units.h"
#include "connectors/common/bijection.h"
#include "connectors/common/rng.h"
#include "connectors/insurance/insurance_generator.h"

namespace ndxp::connectors::insurance {
namespace {

static_assert(sizeof(Participant) == 32);

constexpr int kIndexBits = 24;  // citizens < 2^24 (population's maximum is 16,000,000)
constexpr std::uint64_t kIndexMask = (std::uint64_t{1} << kIndexBits) - 1;
constexpr int kNewbornYears = 25;

std::string TwoDigits(int code) {
  return std::string{static_cast<char>('0' + code / 10 % 10), static_cast<char>('0' + code % 10)};
}

}  // namespace

std::uint64_t SerialKey(std::uint64_t seed, int gso_code) {
  return Mix(Mix(seed, 0x534F4349414CULL), static_cast<std::uint64_t>(gso_code));
}

absl::StatusOr<std::shared_ptr<const InsuranceStore>> InsuranceStore::Generate(
    std::uint64_t seed, std::uint64_t scale,
    std::shared_ptr<const population::CitizenStore> population,
    std::shared_ptr<const business::EnterpriseStore> enterprises) {
  if (population == nullptr || enterprises == nullptr) {
    return absl::InvalidArgumentError("no population or business store");
  }
  if (scale > population->size()) {
    return absl::InvalidArgumentError(
        "scale must be at most the number of citizens of the population data (0: all)");
  }
  std::shared_ptr<InsuranceStore> store(new InsuranceStore());
  store->seed_ = seed;
  store->population_ = std::move(population);
  store->enterprises_ = std::move(enterprises);
  if (absl::Status s = InsuranceGenerator(seed, scale, *store).Run(); !s.ok()) return s;
  return std::shared_ptr<const InsuranceStore>(std::move(store));
}

void InsuranceStore::BuildIndex() {
  number_index_.clear();
  for (std::size_t i = 0; i < participants_.size(); ++i) {
    if (participants_[i].number != 0)
      number_index_.push_back(participants_[i].number << kIndexBits | i);
  }
  std::sort(number_index_.begin(), number_index_.end());
  number_index_.shrink_to_fit();
}

std::int64_t InsuranceStore::FindByNumber(std::uint64_t number) const {
  if (number == 0 || number >= 10'000'000'000ULL) return -1;
  auto it = std::lower_bound(number_index_.begin(), number_index_.end(), number << kIndexBits);
  if (it == number_index_.end() || (*it >> kIndexBits) != number) return -1;
  return static_cast<std::int64_t>(*it & kIndexMask);
}

std::uint32_t InsuranceStore::ParticipantAt(std::size_t position) const {
  return static_cast<std::uint32_t>(number_index_[position] & kIndexMask);
}

std::uint16_t InsuranceStore::ResidenceProvince(std::uint32_t citizen) const {
  const auto& c = population_->citizens()[citizen];
  return AdminUnits::Get().communes()[population_->households()[c.household].commune].province;
}

std::string InsuranceStore::CardCode(std::uint32_t citizen) const {
  const Participant& p = participants_[citizen];
  if (p.group == kNoCard || p.number == 0) return "";
  const BeneficiaryGroup& group = GroupOf(p);
  return FormatHealthInsuranceCardCode(
      group.code, group.benefit_level,
      AdminUnits::Get().provinces()[ResidenceProvince(citizen)].code, p.number);
}

absl::StatusOr<std::uint64_t> InsuranceStore::NewbornSocialInsuranceNumber(
    const PersonalId& child) const {
  const int year_offset = child.birth_year - kFirstNewbornYear;
  if (year_offset < 0 || year_offset >= kNewbornYears) {
    return absl::InvalidArgumentError("newborn numbers cover birth years 2025 to 2049");
  }
  const std::uint32_t ordinal =
      (static_cast<std::uint32_t>(year_offset) * 2 + (child.female ? 1 : 0)) * 1'000'000 +
      child.serial;
  const Bijection serials(100'000'000, SerialKey(seed_, child.province_code));
  return static_cast<std::uint64_t>(child.province_code) * 100'000'000 +
         serials.Apply(kNewbornOrdinalBase + ordinal);
}

absl::StatusOr<std::string> InsuranceStore::NewbornCardCode(const PersonalId& child,
                                                            int province_code) const {
  if (province_code < 0 || province_code > 99 ||
      AdminUnits::Get().FindProvince(TwoDigits(province_code)) < 0) {
    return absl::InvalidArgumentError("not the code of a province in force");
  }
  auto number = NewbornSocialInsuranceNumber(child);
  if (!number.ok()) return number.status();
  const BeneficiaryGroup& te = *FindBeneficiaryGroup("TE");
  return FormatHealthInsuranceCardCode(te.code, te.benefit_level, province_code, *number);
}

std::uint64_t InsuranceStore::Fingerprint() const {
  std::uint64_t h = Mix(seed_, participants_.size());
  for (const Participant& p : participants_) {
    h = Mix(h, p.number);
    h = Mix(h, std::uint64_t{p.employer} << 32 | static_cast<std::uint32_t>(p.card_from));
    h = Mix(h, std::uint64_t{static_cast<std::uint32_t>(p.card_to)} << 32 |
                   static_cast<std::uint32_t>(p.social_since));
    h = Mix(h, std::uint64_t{p.contribution_months} << 24 | std::uint64_t{p.group} << 16 |
                   std::uint64_t{static_cast<std::uint8_t>(p.social)} << 8 |
                   (p.state_employer ? 1u : 0u));
  }
  return h;
}

std::size_t InsuranceStore::MemoryBytes() const {
  return participants_.capacity() * sizeof(Participant) +
         number_index_.capacity() * sizeof(std::uint64_t);
}

}  // namespace ndxp::connectors::insurance
