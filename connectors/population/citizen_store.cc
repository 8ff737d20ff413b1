#include "connectors/population/citizen_store.h"

#include <algorithm>

#include "connectors/common/admin_units.h"
#include "connectors/common/rng.h"

namespace ndxp::connectors::population {
namespace {

// The million-citizen budget (docs/connectors/population.md) relies on these sizes.
static_assert(sizeof(Citizen) == 40);
static_assert(sizeof(Household) == 20);

constexpr int kIndexBits = 24;  // kMaxScale < 2^24
constexpr std::uint64_t kIndexMask = (std::uint64_t{1} << kIndexBits) - 1;

// Personal ids are below 10^12 < 2^40 and household keys below 10^11, so key << 24 | index fits.
std::uint64_t HouseholdKey(std::uint32_t commune_code, std::uint32_t sequence) {
  return std::uint64_t{commune_code} * 1'000'000 + sequence;
}

const std::uint64_t* FindKey(const std::vector<std::uint64_t>& index, std::uint64_t key) {
  auto it = std::lower_bound(index.begin(), index.end(), key << kIndexBits);
  if (it == index.end() || (*it >> kIndexBits) != key) return nullptr;
  return &*it;
}

}  // namespace

void CitizenStore::BuildIndexes() {
  id_index_.resize(citizens_.size());
  for (std::size_t i = 0; i < citizens_.size(); ++i) {
    id_index_[i] = citizens_[i].id << kIndexBits | i;
  }
  std::sort(id_index_.begin(), id_index_.end());
  const auto& communes = AdminUnits::Get().communes();
  household_index_.resize(households_.size());
  for (std::size_t i = 0; i < households_.size(); ++i) {
    const Household& h = households_[i];
    household_index_[i] = HouseholdKey(communes[h.commune].code, h.sequence) << kIndexBits | i;
  }
  std::sort(household_index_.begin(), household_index_.end());
}

const Citizen* CitizenStore::FindCitizen(std::uint64_t personal_id) const {
  const std::uint64_t* entry = FindKey(id_index_, personal_id);
  return entry ? &citizens_[*entry & kIndexMask] : nullptr;
}

const Household* CitizenStore::FindHousehold(std::uint32_t commune_code,
                                             std::uint32_t sequence) const {
  const std::uint64_t* entry = FindKey(household_index_, HouseholdKey(commune_code, sequence));
  return entry ? &households_[*entry & kIndexMask] : nullptr;
}

std::string CitizenStore::FullName(const Citizen& citizen) const {
  return connectors::FullName(citizen.name, citizen.female);
}

std::string CitizenStore::HouseholdCode(const Household& household) const {
  std::string code = "H";
  code.append(AdminUnits::Get().communes()[household.commune].code_text);
  std::string seq = std::to_string(household.sequence);
  code.append(6 - std::min<std::size_t>(6, seq.size()), '0');
  code.append(seq);
  return code;
}

std::vector<std::uint64_t> CitizenStore::SampleIds(std::size_t count) const {
  std::vector<std::uint64_t> ids;
  count = std::min(count, id_index_.size());
  for (std::size_t i = 0; i < count; ++i) {
    // Evenly spaced positions in id order, starting in the middle of the first stride.
    const std::size_t pos = (2 * i + 1) * id_index_.size() / (2 * count);
    ids.push_back(id_index_[pos] >> kIndexBits);
  }
  return ids;
}

std::uint64_t CitizenStore::Fingerprint() const {
  std::uint64_t h = Mix(seed_, citizens_.size());
  for (const Citizen& c : citizens_) {
    h = Mix(h, c.id);
    h = Mix(h, std::uint64_t{c.household} << 32 | c.father);
    h = Mix(h, std::uint64_t{c.mother} << 32 | c.spouse);
    h = Mix(h, static_cast<std::uint64_t>(static_cast<std::uint32_t>(c.birth_day)) << 32 |
                   std::uint64_t{c.origin_commune} << 16 | c.name.family);
    h = Mix(h, std::uint64_t{c.name.middle} << 48 | std::uint64_t{c.name.given} << 40 |
                   std::uint64_t{c.ethnicity} << 32 | std::uint64_t{c.religion} << 24 |
                   std::uint64_t{c.relation} << 16 | (c.female ? 1u : 0u));
  }
  for (const Household& hh : households_) {
    h = Mix(h, std::uint64_t{hh.first_member} << 32 | hh.sequence);
    h = Mix(h, std::uint64_t{hh.commune} << 48 | std::uint64_t{hh.size} << 40 |
                   std::uint64_t{static_cast<std::uint8_t>(hh.street.form)} << 32 |
                   std::uint64_t{hh.street.street} << 24 | std::uint64_t{hh.street.number} << 8);
    h = Mix(h, hh.street.alley);
  }
  return h;
}

std::size_t CitizenStore::MemoryBytes() const {
  return citizens_.capacity() * sizeof(Citizen) + households_.capacity() * sizeof(Household) +
         (id_index_.capacity() + household_index_.capacity()) * sizeof(std::uint64_t);
}

}  // namespace ndxp::connectors::population
