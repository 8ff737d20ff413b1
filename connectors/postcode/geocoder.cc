#include "connectors/postcode/geocoder.h"

#include <algorithm>
#include <optional>

#include "connectors/common/admin_units.h"
#include "connectors/common/street_address.h"
#include "connectors/common/text.h"

namespace ndxp::connectors::postcode {
namespace {

constexpr std::size_t kMaxSpan = 6;       // tokens in the longest name looked up
constexpr std::size_t kMaxTokens = 64;    // tokens of a text considered
constexpr std::size_t kMaxCommunes = 32;  // communes of one name searched
constexpr std::string_view kKinds[] = {"phuong", "xa",        "dac khu", "thi tran",
                                       "tinh",   "thanh pho", "tp"};

std::string Join(const std::vector<std::string>& tokens, std::size_t from, std::size_t n) {
  std::string out;
  for (std::size_t i = from; i < from + n; ++i) {
    if (i > from) out.push_back(' ');
    out += tokens[i];
  }
  return out;
}

// A name folded and without its leading kind ("Phường Sài Gòn" -> "sai gon").
std::string FoldedName(std::string_view name) {
  const auto tokens = GeocodeTokens(name);
  std::string folded = Join(tokens, 0, tokens.size());
  for (std::string_view kind : kKinds) {
    if (folded.size() > kind.size() && folded.starts_with(kind) && folded[kind.size()] == ' ') {
      return folded.substr(kind.size() + 1);
    }
  }
  return folded;
}

bool IsNumber(const std::string& token, std::uint16_t* value = nullptr) {
  if (token.empty() || token.size() > 4) return false;
  std::uint32_t v = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (value != nullptr) *value = static_cast<std::uint16_t>(v);
  return true;
}

struct Span {
  std::size_t start = 0, length = 0;
  bool Overlaps(const Span& o) const {
    return length > 0 && o.length > 0 && start < o.start + o.length && o.start < start + length;
  }
};

bool IsStreetForm(StreetForm form) {
  return form == StreetForm::kHouse || form == StreetForm::kAlley || form == StreetForm::kLane ||
         form == StreetForm::kOfficeFloor;
}

}  // namespace

std::vector<std::string> GeocodeTokens(std::string_view text) {
  const std::string folded = FoldToAscii(text);
  std::vector<std::string> tokens;
  std::string current;
  auto flush = [&] {
    while (!current.empty() && current.back() == '/') current.pop_back();
    if (!current.empty() && tokens.size() < kMaxTokens) tokens.push_back(current);
    current.clear();
  };
  for (char c : folded) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum || (c == '/' && !current.empty())) {
      current.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

struct Geocoder::Parsed {
  std::vector<std::uint16_t> communes;
  bool province_named = false;
  int province = -1;
  std::optional<std::uint8_t> street;
  std::optional<StreetForm> hamlet_form;  // Thôn / Ấp / Tổ dân phố
  std::uint16_t number = 0;               // house, or hamlet number
  std::uint16_t alley = 0;                // alley, lane or floor
};

Geocoder::Geocoder(std::shared_ptr<const AddressStore> store) : store_(std::move(store)) {
  const AdminUnits& units = AdminUnits::Get();
  for (std::size_t i = 0; i < units.communes().size(); ++i) {
    const std::string_view name = units.communes()[i].name;
    communes_[FoldedName(name)].push_back(static_cast<std::uint16_t>(i));
    std::string_view exact = name;
    for (std::string_view kind : {"Phường ", "Xã ", "Đặc khu "}) {
      if (exact.starts_with(kind)) exact.remove_prefix(kind.size());
    }
    exact_names_.push_back(exact);
  }
  for (std::size_t i = 0; i < units.provinces().size(); ++i) {
    provinces_[FoldedName(units.provinces()[i].name)] = static_cast<std::uint16_t>(i);
  }
  for (const OldProvince& p : units.old_provinces()) {
    provinces_.emplace(FoldedName(p.name), p.province);  // a name in force wins
  }
  provinces_.emplace("hcm", units.FindProvince("79"));
  for (std::size_t i = 0; i < StreetNameCount(); ++i) {
    streets_[FoldedName(StreetName(i))] = static_cast<std::uint8_t>(i);
  }
}

Geocoder::Parsed Geocoder::Parse(const std::vector<std::string>& t) const {
  Parsed parsed;
  // The commune: a name after a kind word first, then longer, then later in the text.
  // The commune: a name after a kind word first, then one that is not also a province's name,
  // then the last in the text (communes follow streets); never a part of a longer match.
  Span commune;
  int best_rank = -1;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const bool kind = i > 0 && (t[i - 1] == "phuong" || t[i - 1] == "xa" ||
                                (i > 1 && t[i - 2] == "dac" && t[i - 1] == "khu"));
    for (std::size_t n = std::min(kMaxSpan, t.size() - i); n > 0; --n) {
      const std::string key = Join(t, i, n);
      auto it = communes_.find(key);
      if (it == communes_.end()) continue;
      const int rank = (kind ? 2 : 0) + (provinces_.contains(key) ? 0 : 1);
      if (rank > best_rank || (rank == best_rank && i >= commune.start + commune.length)) {
        commune = {i, n};
        best_rank = rank;
        parsed.communes = it->second;
      }
      break;
    }
  }
  Span province;
  for (std::size_t i = 0; i < t.size(); ++i) {
    for (std::size_t n = std::min(kMaxSpan, t.size() - i); n > 0; --n) {
      const Span span{i, n};
      if (span.Overlaps(commune) || n <= province.length) continue;
      auto it = provinces_.find(Join(t, i, n));
      if (it == provinces_.end()) continue;
      province = span;
      parsed.province = it->second;
      parsed.province_named = true;
      break;
    }
  }
  Span street;
  for (std::size_t i = 0; i < t.size(); ++i) {
    for (std::size_t n = std::min(kMaxSpan, t.size() - i); n > 0; --n) {
      const Span span{i, n};
      if (span.Overlaps(commune) || span.Overlaps(province) || n <= street.length) continue;
      auto it = streets_.find(Join(t, i, n));
      if (it == streets_.end()) continue;
      street = span;
      parsed.street = it->second;
      break;
    }
  }
  // Numbers before the street (or anywhere without one), and hamlets.
  const std::size_t end = street.length > 0 ? street.start : t.size();
  for (std::size_t i = 0; i < end; ++i) {
    std::uint16_t value = 0;
    const bool next_number = i + 1 < t.size() && IsNumber(t[i + 1], &value);
    if (!parsed.street && next_number && (t[i] == "thon" || t[i] == "ap" || t[i] == "pho")) {
      parsed.hamlet_form = t[i] == "thon" ? StreetForm::kVillage
                           : t[i] == "ap" ? StreetForm::kHamlet
                                          : StreetForm::kResidentialGroup;
      parsed.number = value;
      return parsed;
    }
    if (next_number && (t[i] == "ngo" || t[i] == "tang")) {
      parsed.alley = value;
      ++i;
    } else if (next_number && t[i] == "so") {
      parsed.number = value;
      ++i;
    } else if (const auto slash = t[i].find('/');
               slash != std::string::npos && parsed.number == 0) {
      IsNumber(t[i].substr(0, slash), &parsed.number);
      IsNumber(t[i].substr(slash + 1), &parsed.alley);
    } else if (parsed.number == 0 && IsNumber(t[i], &value)) {
      parsed.number = value;
    }
  }
  return parsed;
}

std::vector<GeocodeHit> Geocoder::Find(std::string_view text, int province,
                                       std::size_t max_results) const {
  std::vector<GeocodeHit> hits;
  const Parsed q = Parse(GeocodeTokens(text));
  const AdminUnits& units = AdminUnits::Get();
  std::size_t searched = 0;
  for (std::uint16_t c : q.communes) {
    const int in = units.communes()[c].province;
    if ((province >= 0 && in != province) || (q.province_named && in != q.province)) continue;
    if (++searched > kMaxCommunes) break;
    // A name written with its own diacritics ranks above its look-alikes (Vĩnh Thạnh, Vĩnh Thanh).
    const double base = (q.province_named ? 0.6 : 0.5) +
                        (text.find(exact_names_[c]) != std::string_view::npos ? 0.05 : 0.0);
    std::size_t found = 0;
    if (q.street || q.hamlet_form) {
      for (const Address& a : store_->InCommune(c)) {
        if (q.hamlet_form) {
          if (a.street.form != *q.hamlet_form || a.street.number != q.number) continue;
          hits.push_back({MatchLevel::kHouse, &a, c, base + 0.35});
        } else {
          if (!IsStreetForm(a.street.form) || a.street.street != *q.street) continue;
          // "45 X" is a house on the street itself; "45/7 X", "Số 45 ngõ 7 X", "Tầng 7, 45 X"
          // name the alley, lane or floor too.
          const bool plain = a.street.form == StreetForm::kHouse;
          const bool house = q.number != 0 && a.street.number == q.number &&
                             (q.alley == 0 ? plain : !plain && a.street.alley == q.alley);
          const int gap = q.number == 0 ? 0 : std::abs(a.street.number - q.number);
          hits.push_back({house ? MatchLevel::kHouse : MatchLevel::kStreet, &a, c,
                          house ? base + 0.35 : base + 0.2 - std::min(gap, 1000) * 1e-5});
        }
        ++found;
      }
    }
    if (found == 0) hits.push_back({MatchLevel::kCommune, nullptr, c, base});
  }
  const auto order = [this](const GeocodeHit& a, const GeocodeHit& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.commune != b.commune) return a.commune < b.commune;
    const auto ia = a.address == nullptr ? 0 : store_->IndexOf(*a.address);
    const auto ib = b.address == nullptr ? 0 : store_->IndexOf(*b.address);
    return ia < ib;
  };
  const std::size_t keep = std::min(max_results, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(keep), hits.end(),
                    order);
  hits.resize(keep);
  return hits;
}

}  // namespace ndxp::connectors::postcode
