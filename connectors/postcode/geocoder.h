#pragma once
// Geocoding: address text to candidate addresses, insensitive to diacritics, case and
// punctuation. The text is folded to ASCII tokens; the commune is found by its name (without
// its kind: "sai gon" for Phường Sài Gòn; a name after "phuong", "xa", "dac khu" first), the
// province by its name in force or its pre-2025 name, the street by the street-name table, the
// hamlet by "thon"/"ap"/"to dan pho" and its number, the house by its number (with alley "45/7",
// lane "so 8 ngo 12" or floor "tang 5"). Only the named communes' addresses are compared, by
// their compact fields: no text is built per address.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "connectors/postcode/address_store.h"

namespace ndxp::connectors::postcode {

enum class MatchLevel : std::uint8_t { kHouse = 1, kStreet = 2, kCommune = 3 };  // = proto

struct GeocodeHit {
  MatchLevel level = MatchLevel::kCommune;
  const Address* address = nullptr;  // house and street levels
  std::uint16_t commune = 0;
  double score = 0;
};

// Lower-case ASCII tokens of `text` (letters and digits; "45/7" stays one token).
std::vector<std::string> GeocodeTokens(std::string_view text);

class Geocoder {
 public:
  explicit Geocoder(std::shared_ptr<const AddressStore> store);

  // At most `max_results` candidates, best first; `province` (an AdminUnits index, or -1)
  // restricts them to one province in force.
  std::vector<GeocodeHit> Find(std::string_view text, int province, std::size_t max_results) const;

  const AddressStore& store() const { return *store_; }

 private:
  struct Parsed;
  Parsed Parse(const std::vector<std::string>& tokens) const;

  std::shared_ptr<const AddressStore> store_;
  std::unordered_map<std::string, std::vector<std::uint16_t>> communes_;  // folded name -> communes
  std::unordered_map<std::string, std::uint16_t> provinces_;  // folded name -> province in force
  std::unordered_map<std::string, std::uint8_t> streets_;     // folded name -> street index
  std::vector<std::string_view> exact_names_;  // commune names without their kind, by index
};

}  // namespace ndxp::connectors::postcode
