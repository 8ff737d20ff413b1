#pragma once
// Vietnamese personal names with diacritics, stored as small indexes into fixed tables so that a
// million citizens hold no strings. Family names follow their real frequencies (Nguyễn about 38%,
// Trần, Lê, Phạm, Hoàng/Huỳnh, Phan, Vũ/Võ ...), with regional variants (Hoàng and Vũ in the
// north, Huỳnh and Võ in the south) and the family names of the larger ethnic minorities; middle
// names depend on sex and birth year ("Văn", "Thị" are commoner among older people).

#include <cstdint>
#include <string>
#include <string_view>

#include "connectors/common/rng.h"

namespace ndxp::connectors {

// Which naming tradition a family follows.
enum class NameGroup : std::uint8_t {
  kKinhNorth,
  kKinhSouth,
  kTayNung,
  kThai,
  kHmong,
  kDao,
  kMuong,
  kKhmer,
  kHoa,
  kCham,
  kHighlands,  // Ê Đê, Gia Rai: "Y Moan Niê" / "H'Hen Niê" (given name first)
};

inline constexpr std::uint8_t kNoMiddleName = 0xFF;

struct PersonName {
  std::uint8_t family = 0;
  std::uint8_t middle = kNoMiddleName;
  std::uint8_t given = 0;
  friend bool operator==(const PersonName&, const PersonName&) = default;
};

std::uint8_t PickFamilyName(Rng& rng, NameGroup group);
std::uint8_t PickMiddleName(Rng& rng, NameGroup group, bool female, int birth_year);
std::uint8_t PickGivenName(Rng& rng, NameGroup group, bool female);
PersonName PickName(Rng& rng, NameGroup group, bool female, int birth_year);

// "Nguyễn Thị Hương", "Giàng A Páo", "H'Hen Niê".
void AppendFullName(std::string& out, const PersonName& name, bool female);
std::string FullName(const PersonName& name, bool female);

std::string_view FamilyNameText(std::uint8_t family);
// Number of entries in the family-name table (indexes are below it).
std::size_t FamilyNameCount();

}  // namespace ndxp::connectors
