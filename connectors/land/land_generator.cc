#include "connectors/land/land_generator.h"

#include <algorithm>
#include <numeric>

#include "connectors/common/admin_units.h"
#include "connectors/common/dates.h"
#include "connectors/common/land_ids.h"
#include "connectors/common/weighted.h"
#include "connectors/land/land_use_types.h"
#include "ndxp/business/v1/business.pb.h"
#include "ndxp/land/v1/land.pb.h"

namespace ndxp::connectors::land {
namespace {

namespace pb = ::ndxp::land::v1;

constexpr std::uint32_t kUninhabitedCommune = 20333;  // Đặc khu Hoàng Sa

std::uint8_t Type(std::string_view code) {
  return static_cast<std::uint8_t>(FindLandUseType(code));
}

// The last day anything was recorded: the working day before the snapshot.
std::int32_t LastDay() { return AddWorkingDays(ToDays(kSnapshotDate), -1); }

// Area range in m² of a land-use type's parcels.
void AreaRange(std::string_view code, bool ward, std::uint32_t& lo, std::uint32_t& hi) {
  if (code == "ODT") {
    lo = 35;
    hi = 220;
    return;
  }
  if (code == "ONT") {
    lo = ward ? 80 : 150;
    hi = 900;
    return;
  }
  if (code == "LUC" || code == "BHK") {
    lo = 250;
    hi = 3'500;
    return;
  }
  if (code == "CLN") {
    lo = ward ? 150 : 400;
    hi = 6'000;
    return;
  }
  if (code == "NTS") {
    lo = 800;
    hi = 12'000;
    return;
  }
  if (code == "RSX") {
    lo = 5'000;
    hi = 60'000;
    return;
  }
  if (code == "TMD") {
    lo = 120;
    hi = 6'000;
    return;
  }
  if (code == "SKC") {
    lo = 800;
    hi = 25'000;
    return;
  }
  if (code == "SKK") {
    lo = 5'000;
    hi = 120'000;
    return;
  }
  lo = 200;
  hi = 2'000;
}

// Series letters of the certificate forms (issue serial "số phát hành"), by era of the form.
constexpr std::string_view kOldLetters = "ABCDEGHKLMNPSTUVXY";     // before 10 Dec 2009
constexpr std::string_view kSecondLetters = "ABCDEGHKLMNPSTUVXY";  // second letter
const std::int32_t kForm2009Day = ToDays({2009, 12, 10});  // Nghị định 88/2009/NĐ-CP forms
const std::int32_t kForm2014Day = ToDays({2014, 7, 1});    // Luật Đất đai 2013 in force
const std::int32_t kForm2024Day = ToDays({2024, 8, 1});    // Luật Đất đai 2024 in force

}  // namespace

LandGenerator::LandGenerator(std::uint64_t seed, std::uint64_t count, ParcelStore& store)
    : seed_(seed), count_(count), rng_(Mix(seed, 0x4C616E6450617263ULL)), store_(store) {}

absl::Status LandGenerator::Run() {
  if (store_.population().households().empty()) {
    return absl::FailedPreconditionError("the population holds no household");
  }
  for (const business::Enterprise& e : store_.business().enterprises()) {
    if (e.status != ::ndxp::business::v1::OPERATING_STATUS_DISSOLVED) {
      active_enterprises_.push_back(store_.business().IndexOf(e));
    }
  }
  store_.parcels_.reserve(count_ + 8);
  while (store_.parcels_.size() < count_) {
    if (!active_enterprises_.empty() && rng_.Chance(120)) {
      AddEnterpriseHolding();
    } else {
      AddHouseholdHolding();
    }
  }
  store_.parcels_.resize(count_);
  NumberParcels();
  SortAndIndex();
  return absl::OkStatus();
}

void LandGenerator::AddHouseholdHolding() {
  const auto& population = store_.population();
  const auto households = population.households();
  const population::Household& household = households[rng_.Uniform(households.size())];
  const Commune& commune = AdminUnits::Get().communes()[household.commune];
  if (commune.code == kUninhabitedCommune) return;
  const population::Citizen& head = population.citizens()[household.first_member];
  const std::int32_t adult_day = ToDays({FromDays(head.birth_day).year + 18, 1, 1});
  if (adult_day > LastDay() - 30) return;  // holders are adults when the certificate is issued
  const bool ward = commune.kind == CommuneKind::kWard;
  static const WeightedTable kRuralExtra = {35, 30, 20, 10, 5};
  const int farm_parcels =
      ward ? (rng_.Chance(150) ? 1 : 0) : static_cast<int>(kRuralExtra.Pick(rng_));
  const bool joint = head.spouse != population::kNoCitizen && rng_.Chance(700);
  std::uint32_t certificate = kNoCertificate;
  for (int i = 0; i <= farm_parcels; ++i) {
    Parcel p;
    p.holder = population.IndexOf(head);
    p.holder_kind = pb::HOLDER_KIND_INDIVIDUAL;
    p.commune = household.commune;
    p.joint = joint;
    if (i == 0) {
      p.land_use = Type(ward ? "ODT" : "ONT");
      p.street = household.street;  // the household lives on it
      static const WeightedTable kOrigin = {25, 0, 45, 0, 0, 30};
      p.origin = static_cast<std::uint8_t>(1 + kOrigin.Pick(rng_));
    } else {
      static constexpr std::string_view kFarm[] = {"LUC", "BHK", "CLN", "NTS", "RSX"};
      static const WeightedTable kFarmWeights = {40, 12, 28, 10, 10};
      static const WeightedTable kWardFarm = {10, 10, 80, 0, 0};
      p.land_use = Type(kFarm[(ward ? kWardFarm : kFarmWeights).Pick(rng_)]);
      p.street = PickStreetAddress(rng_, household.commune);
      p.origin =
          rng_.Chance(800) ? pb::USE_ORIGIN_ALLOCATED_WITHOUT_LEVY : pb::USE_ORIGIN_TRANSFERRED;
    }
    const bool share = i > 0 && certificate != kNoCertificate && rng_.Chance(250);
    if (!share) {
      certificate =
          rng_.Chance(60) ? kNoCertificate : IssueCertificate(adult_day, household.commune);
    }
    AddParcel(p, certificate);
  }
}

void LandGenerator::AddEnterpriseHolding() {
  const auto& business = store_.business();
  const std::uint32_t index = active_enterprises_[rng_.Uniform(active_enterprises_.size())];
  const business::Enterprise& e = business.enterprises()[index];
  const int parcels = rng_.Chance(150) ? 2 : 1;
  for (int i = 0; i < parcels; ++i) {
    static constexpr std::string_view kUses[] = {"TMD", "SKC", "SKK"};
    static const WeightedTable kUseWeights = {50, 38, 12};
    Parcel p;
    p.holder = index;
    p.holder_kind = pb::HOLDER_KIND_ENTERPRISE;
    p.commune = e.commune;
    p.land_use = Type(kUses[kUseWeights.Pick(rng_)]);
    p.street = i == 0 ? e.street : PickStreetAddress(rng_, e.commune, true);
    static const WeightedTable kOrigin = {15, 0, 0, 60, 25};
    p.origin = static_cast<std::uint8_t>(1 + kOrigin.Pick(rng_));
    const std::int32_t earliest = e.registration_day + static_cast<std::int32_t>(rng_.Uniform(400));
    AddParcel(p, earliest > LastDay() - 5 ? kNoCertificate : IssueCertificate(earliest, e.commune));
  }
}

std::uint32_t LandGenerator::IssueCertificate(std::int32_t earliest_day, std::uint16_t commune) {
  // Issue dates from 1994 (the first forms under Luật Đất đai 1993), more of them recently.
  static const WeightedTable kDecade = {15, 30, 35, 20};  // 1994-2003, 2004-13, 2014-23, 2024-25
  static constexpr CivilDate kFrom[] = {{1994, 1, 1}, {2004, 1, 1}, {2014, 1, 1}, {2024, 1, 1}};
  static constexpr CivilDate kTo[] = {
      {2003, 12, 31}, {2013, 12, 31}, {2023, 12, 31}, {2025, 11, 28}};
  const std::uint32_t era = kDecade.Pick(rng_);
  std::int32_t day = static_cast<std::int32_t>(rng_.Between(ToDays(kFrom[era]), ToDays(kTo[era])));
  const std::int32_t last = LastDay();
  if (day < earliest_day) day = earliest_day + static_cast<std::int32_t>(rng_.Uniform(365 * 3));
  if (day > last) day = last - static_cast<std::int32_t>(rng_.Uniform(60));
  if (day < earliest_day) day = earliest_day;
  day = AddWorkingDays(day, 0);
  if (day > last) day = last;

  Certificate c;
  c.issue_day = day;
  if (day < kForm2009Day) {
    c.letters[0] = kOldLetters[rng_.Uniform(kOldLetters.size())];
    c.digits = 6;
  } else {
    c.letters[0] = day < kForm2014Day   ? 'B'
                   : day < kForm2024Day ? (rng_.Chance(600) ? 'C' : 'D')
                                        : 'A';
    c.letters[1] = kSecondLetters[rng_.Uniform(kSecondLetters.size())];
    c.digits = day < kForm2024Day ? 6 : 8;
  }
  CertificateSerial serial;
  serial.letters[0] = c.letters[0];
  serial.letters[1] = c.letters[1];
  serial.digits = c.digits;
  const std::uint64_t series_key = CertificateSerialKey(serial) / 100'000'000;
  auto it = series_.find(series_key);
  if (it == series_.end()) {
    const std::uint64_t size = c.digits == 6 ? 999'999 : 99'999'999;
    it = series_.emplace(series_key, Series{Bijection(size, Mix(seed_, series_key)), 0}).first;
  }
  c.number = static_cast<std::uint32_t>(it->second.numbers.Apply(it->second.next++)) + 1;
  serial.number = c.number;
  c.serial_key = CertificateSerialKey(serial);
  store_.certificates_.push_back(c);
  certificate_commune_.push_back(commune);
  return static_cast<std::uint32_t>(store_.certificates_.size() - 1);
}

void LandGenerator::AddParcel(Parcel p, std::uint32_t certificate) {
  const bool ward = AdminUnits::Get().communes()[p.commune].kind == CommuneKind::kWard;
  const std::string_view code = LandUseTypes()[p.land_use].code;
  std::uint32_t lo = 0, hi = 0;
  AreaRange(code, ward, lo, hi);
  // Log-uniform-ish: small parcels are commoner. Area to 0.1 m².
  const std::uint32_t span = hi - lo;
  const std::uint64_t r = rng_.Uniform(1000);
  p.area_dm2 = static_cast<std::uint32_t>((lo + span * r * r / 1'000'000) * 10 + rng_.Uniform(10));
  p.certificate = certificate;
  if (certificate != kNoCertificate) {
    const std::int32_t issued = store_.certificates_[certificate].issue_day;
    const bool term = p.origin == pb::USE_ORIGIN_ALLOCATED_WITHOUT_LEVY ||
                      p.origin == pb::USE_ORIGIN_LEASED_ANNUAL_RENT ||
                      p.origin == pb::USE_ORIGIN_LEASED_ONE_OFF_RENT ||
                      (p.holder_kind == pb::HOLDER_KIND_ENTERPRISE &&
                       p.origin != pb::USE_ORIGIN_ALLOCATED_WITH_LEVY) ||
                      LandUseTypes()[p.land_use].group == pb::LAND_GROUP_AGRICULTURAL;
    if (term) {
      // 50 years from the allocation or lease (Luật Đất đai 2024, article 172).
      const CivilDate d = FromDays(issued);
      p.use_until_day = ToDays({d.year + 50, d.month, std::min(d.day, 28)});
    }
    store_.certificates_[certificate].parcel_count++;
  }
  store_.parcels_.push_back(p);
}

// Map sheets and parcel numbers, per commune: each commune's map has a number of sheets (more in
// rural communes); within a sheet parcels are numbered upwards with gaps (the parcels of others,
// roads and canals in between).
void LandGenerator::NumberParcels() {
  const AdminUnits& units = AdminUnits::Get();
  std::vector<std::uint16_t> sheets(units.communes().size());
  for (std::size_t c = 0; c < sheets.size(); ++c) {
    const std::uint64_t h = Mix(seed_, units.communes()[c].code);
    sheets[c] = static_cast<std::uint16_t>(
        units.communes()[c].kind == CommuneKind::kWard ? 12 + h % 45 : 25 + h % 110);
  }
  std::vector<std::uint32_t> order(store_.parcels_.size());
  std::iota(order.begin(), order.end(), 0u);
  std::vector<std::uint64_t> sheet_of(order.size());
  for (std::uint32_t i : order) {
    const Parcel& p = store_.parcels_[i];
    sheet_of[i] = std::uint64_t{units.communes()[p.commune].code} * 10'000 + 1 +
                  rng_.Uniform(sheets[p.commune]);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return sheet_of[a] < sheet_of[b]; });
  std::uint64_t current = 0;
  int number = 0;
  for (std::uint32_t i : order) {
    if (sheet_of[i] != current) {
      current = sheet_of[i];
      number = 0;
    }
    int next = number + 1 + static_cast<int>(rng_.Uniform(40));
    if (next > kMaxParcelNumber) next = number + 1;
    number = next;
    store_.parcels_[i].key = ParcelKey(static_cast<std::uint32_t>(current / 10'000),
                                       static_cast<int>(current % 10'000), number);
  }
}

void LandGenerator::SortAndIndex() {
  auto& parcels = store_.parcels_;
  std::sort(parcels.begin(), parcels.end(),
            [](const Parcel& a, const Parcel& b) { return a.key < b.key; });
  auto& certs = store_.certificates_;
  // Certificates sorted by serial; parcels re-pointed.
  // Certificates whose parcels were all cut by the final resize are dropped.
  std::vector<bool> used(certs.size(), false);
  for (const Parcel& p : parcels) {
    if (p.certificate != kNoCertificate) used[p.certificate] = true;
  }
  std::vector<std::uint32_t> order;
  for (std::uint32_t i = 0; i < certs.size(); ++i) {
    if (used[i]) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return certs[a].serial_key < certs[b].serial_key;
  });
  std::vector<std::uint32_t> new_index(certs.size(), kNoCertificate);
  std::vector<Certificate> sorted;
  sorted.reserve(certs.size());
  std::vector<std::uint32_t> communes;
  communes.reserve(certs.size());
  for (std::uint32_t old : order) {
    new_index[old] = static_cast<std::uint32_t>(sorted.size());
    sorted.push_back(certs[old]);
    sorted.back().parcel_count = 0;
    communes.push_back(certificate_commune_[old]);
  }
  certs = std::move(sorted);
  for (Parcel& p : parcels) {
    if (p.certificate != kNoCertificate) p.certificate = new_index[p.certificate];
  }
  std::vector<std::uint32_t> offsets(certs.size() + 1, 0);
  for (const Parcel& p : parcels) {
    if (p.certificate != kNoCertificate) offsets[p.certificate + 1]++;
  }
  for (std::size_t i = 0; i < certs.size(); ++i) {
    certs[i].first_parcel = offsets[i];
    certs[i].parcel_count = static_cast<std::uint8_t>(offsets[i + 1]);
    offsets[i + 1] += offsets[i];
  }
  store_.certificate_parcels_.assign(offsets.back(), 0);
  std::vector<std::uint32_t> fill(offsets.begin(), offsets.end() - 1);
  for (std::uint32_t i = 0; i < parcels.size(); ++i) {
    if (parcels[i].certificate != kNoCertificate) {
      store_.certificate_parcels_[fill[parcels[i].certificate]++] = i;
    }
  }
  // Register entry numbers: per commune, in order of issue.
  std::vector<std::uint32_t> by_issue(certs.size());
  std::iota(by_issue.begin(), by_issue.end(), 0u);
  std::stable_sort(by_issue.begin(), by_issue.end(), [&](std::uint32_t a, std::uint32_t b) {
    return certs[a].issue_day < certs[b].issue_day;
  });
  std::vector<std::uint32_t> entries(AdminUnits::Get().communes().size(), 0);
  for (std::uint32_t i : by_issue) {
    certs[i].register_entry =
        ++entries[communes[i]] + static_cast<std::uint32_t>(Mix(seed_, communes[i]) % 300);
  }
}

}  // namespace ndxp::connectors::land
