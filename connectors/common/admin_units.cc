#include "connectors/common/admin_units.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <string>
#include <utility>

#include "connectors/common/embedded_data.h"

namespace ndxp::connectors {
namespace {

// Splits TSV text into lines of up to N fields (views into the embedded data).
template <std::size_t N>
std::vector<std::array<std::string_view, N>> ParseTsv(std::string_view text) {
  std::vector<std::array<std::string_view, N>> rows;
  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (line.empty()) continue;
    std::array<std::string_view, N> row{};
    for (std::size_t i = 0; i < N; ++i) {
      const std::size_t tab = line.find('\t');
      row[i] = line.substr(0, tab);
      line = tab == std::string_view::npos ? std::string_view() : line.substr(tab + 1);
    }
    rows.push_back(row);
  }
  return rows;
}

std::uint32_t ToNumber(std::string_view digits) {
  std::uint32_t value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

CommuneKind KindOf(std::string_view name) {
  if (name.starts_with("Phường")) return CommuneKind::kWard;
  if (name.starts_with("Đặc khu")) return CommuneKind::kSpecialZone;
  return CommuneKind::kCommune;
}

// The embedded tables are part of the binary: a broken table is a build defect, not a runtime
// condition, so it stops the process at start rather than producing wrong data.
void Require(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

const AdminUnits& AdminUnits::Get() {
  static const AdminUnits* const kUnits = new AdminUnits();
  return *kUnits;
}

AdminUnits::AdminUnits() {
  province_by_code_.fill(-1);
  old_province_by_code_.fill(-1);
  Load();
}

void AdminUnits::Load() {
  for (const auto& row : ParseTsv<2>(embedded::ProvincesTsv())) {
    const int code = static_cast<int>(ToNumber(row[0]));
    province_by_code_[code] = static_cast<std::int16_t>(provinces_.size());
    provinces_.push_back(Province{code, row[0], row[1], {}, {}});
  }
  for (const auto& row : ParseTsv<4>(embedded::OldProvincesTsv())) {
    const int code = static_cast<int>(ToNumber(row[0]));
    const int province = province_by_code_[ToNumber(row[2])];
    Require(province >= 0);
    old_province_by_code_[code] = static_cast<std::int16_t>(old_provinces_.size());
    provinces_[province].old_provinces.push_back(static_cast<std::uint8_t>(old_provinces_.size()));
    old_provinces_.push_back(OldProvince{
        code, row[0], row[1], static_cast<std::uint16_t>(province), ToNumber(row[3]), {}});
  }
  for (const auto& row : ParseTsv<4>(embedded::CommunesTsv())) {
    const int province = province_by_code_[ToNumber(row[2])];
    const int old_province = old_province_by_code_[ToNumber(row[3])];
    Require(province >= 0 && old_province >= 0);
    const auto index = static_cast<std::uint16_t>(communes_.size());
    provinces_[province].communes.push_back(index);
    old_provinces_[old_province].communes.push_back(index);
    communes_.push_back(
        Commune{ToNumber(row[0]), row[0], row[1], static_cast<std::uint16_t>(province),
                static_cast<std::uint8_t>(old_province), KindOf(row[1]), 0, 0, 0, 0});
  }
  std::vector<std::string_view> others;  // column 5: the other new communes of a split one
  for (const auto& row : ParseTsv<5>(embedded::OldCommunesTsv())) {
    const int old_province = old_province_by_code_[ToNumber(row[2])];
    const int commune = FindCommune(ToNumber(row[3]));
    Require(old_province >= 0 && commune >= 0);
    old_communes_.push_back(OldCommune{ToNumber(row[0]), row[0], row[1],
                                       static_cast<std::uint8_t>(old_province),
                                       static_cast<std::uint16_t>(commune), 0, 0});
    others.push_back(row[4]);
  }
  Require(provinces_.size() == 34 && old_provinces_.size() == 63 && communes_.size() == 3321);
  // Group old communes by the new commune they went into.
  old_communes_by_new_.resize(old_communes_.size());
  for (std::uint32_t i = 0; i < old_communes_.size(); ++i) old_communes_by_new_[i] = i;
  std::stable_sort(old_communes_by_new_.begin(), old_communes_by_new_.end(),
                   [this](std::uint32_t a, std::uint32_t b) {
                     return old_communes_[a].commune < old_communes_[b].commune;
                   });
  for (std::uint32_t pos = 0; pos < old_communes_by_new_.size(); ++pos) {
    Commune& c = communes_[old_communes_[old_communes_by_new_[pos]].commune];
    if (c.old_commune_count++ == 0) c.first_old_commune = pos;
  }
  LinkSuccessors(others);
}

void AdminUnits::LinkSuccessors(const std::vector<std::string_view>& others) {
  std::vector<std::pair<std::uint16_t, std::uint32_t>> links;  // (new commune, old commune)
  for (std::uint32_t i = 0; i < old_communes_.size(); ++i) {
    OldCommune& old = old_communes_[i];
    old.first_successor = static_cast<std::uint32_t>(successors_.size());
    successors_.push_back(old.commune);
    std::string_view rest = others[i];
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      const int commune = FindCommune(rest.substr(0, comma));
      Require(commune >= 0);
      successors_.push_back(static_cast<std::uint16_t>(commune));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    old.successor_count = static_cast<std::uint8_t>(successors_.size() - old.first_successor);
    for (std::uint32_t s = old.first_successor; s < successors_.size(); ++s) {
      links.emplace_back(successors_[s], i);
    }
  }
  std::sort(links.begin(), links.end());
  predecessors_.reserve(links.size());
  for (const auto& [commune, old] : links) {
    Commune& c = communes_[commune];
    if (c.predecessor_count++ == 0)
      c.first_predecessor = static_cast<std::uint32_t>(predecessors_.size());
    predecessors_.push_back(old);
  }
}

int AdminUnits::FindProvince(std::string_view code) const {
  if (code.size() != 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9') {
    return -1;
  }
  return province_by_code_[(code[0] - '0') * 10 + (code[1] - '0')];
}

int AdminUnits::FindOldProvince(int gso_code) const {
  if (gso_code < 0 || gso_code >= 100) return -1;
  return old_province_by_code_[gso_code];
}

int AdminUnits::FindCommune(std::uint32_t code) const {
  auto it = std::lower_bound(communes_.begin(), communes_.end(), code,
                             [](const Commune& c, std::uint32_t v) { return c.code < v; });
  return it != communes_.end() && it->code == code ? static_cast<int>(it - communes_.begin()) : -1;
}

int AdminUnits::FindCommune(std::string_view code) const {
  if (code.size() != 5) return -1;
  for (char c : code) {
    if (c < '0' || c > '9') return -1;
  }
  return FindCommune(ToNumber(code));
}

std::span<const std::uint32_t> AdminUnits::OldCommunesOf(std::uint16_t commune) const {
  const Commune& c = communes_[commune];
  return std::span<const std::uint32_t>(old_communes_by_new_)
      .subspan(c.first_old_commune, c.old_commune_count);
}

int AdminUnits::FindOldCommune(std::uint32_t code) const {
  auto it = std::lower_bound(old_communes_.begin(), old_communes_.end(), code,
                             [](const OldCommune& c, std::uint32_t v) { return c.code < v; });
  return it != old_communes_.end() && it->code == code
             ? static_cast<int>(it - old_communes_.begin())
             : -1;
}

int AdminUnits::FindOldCommune(std::string_view code) const {
  if (code.size() != 5) return -1;
  for (char c : code) {
    if (c < '0' || c > '9') return -1;
  }
  return FindOldCommune(ToNumber(code));
}

std::span<const std::uint32_t> AdminUnits::PredecessorsOf(std::uint16_t commune) const {
  const Commune& c = communes_[commune];
  return std::span<const std::uint32_t>(predecessors_)
      .subspan(c.first_predecessor, c.predecessor_count);
}

std::span<const std::uint16_t> AdminUnits::SuccessorsOf(std::uint32_t old_commune) const {
  const OldCommune& c = old_communes_[old_commune];
  return std::span<const std::uint16_t>(successors_).subspan(c.first_successor, c.successor_count);
}

Region AdminUnits::RegionOf(int old_gso_code) {
  if (old_gso_code <= 37) return Region::kNorth;
  if (old_gso_code <= 68) return Region::kCentral;
  return Region::kSouth;
}

}  // namespace ndxp::connectors
