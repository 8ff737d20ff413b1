#include "connectors/common/text.h"

#include <cstdint>
#include <unordered_map>

namespace ndxp::connectors {
namespace {

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Each precomposed Vietnamese letter (NFC) beside its base letter.
constexpr std::string_view kFoldGroups[] = {
    "aàáảãạăằắẳẵặâầấẩẫậ",
    "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ",
    "eèéẻẽẹêềếểễệ",
    "EÈÉẺẼẸÊỀẾỂỄỆ",
    "iìíỉĩị",
    "IÌÍỈĨỊ",
    "oòóỏõọôồốổỗộơờớởỡợ",
    "OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ",
    "uùúủũụưừứửữự",
    "UÙÚỦŨỤƯỪỨỬỮỰ",
    "yỳýỷỹỵ",
    "YỲÝỶỸỴ",
    "dđ",
    "DĐ",
};

// Decodes one UTF-8 code point at `pos`, advancing it; U+FFFD on a malformed sequence.
char32_t DecodeOne(std::string_view s, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(s[pos++]);
  int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  char32_t cp = extra == 3   ? lead & 0x07
                : extra == 2 ? lead & 0x0F
                : extra == 1 ? lead & 0x1F
                             : lead;
  if (lead >= 0x80 && extra == 0) return 0xFFFD;
  for (; extra > 0; --extra) {
    if (pos >= s.size() || (static_cast<unsigned char>(s[pos]) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (static_cast<unsigned char>(s[pos++]) & 0x3F);
  }
  return cp;
}

char FoldCodePoint(char32_t cp) {
  if (cp < 0x80) return static_cast<char>(cp);
  if (cp >= 0x0300 && cp <= 0x036F) return '\0';  // combining mark (decomposed input)
  for (std::string_view group : kFoldGroups) {
    std::size_t pos = 0;
    const char base = group[pos++];
    while (pos < group.size()) {
      if (DecodeOne(group, pos) == cp) return base;
    }
  }
  return '?';
}

}  // namespace

std::string FoldSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (IsAsciiSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

common::v1::MatchResult CompareText(std::string_view supplied, std::string_view record) {
  const std::string folded = FoldSpaces(supplied);
  if (folded.empty()) return common::v1::MATCH_RESULT_UNSPECIFIED;
  return folded == FoldSpaces(record) ? common::v1::MATCH_RESULT_MATCH
                                      : common::v1::MATCH_RESULT_MISMATCH;
}

common::v1::MatchResult CompareDate(const google::type::Date& supplied, const CivilDate& record) {
  if (!IsSet(supplied)) return common::v1::MATCH_RESULT_UNSPECIFIED;
  return FromProto(supplied) == record ? common::v1::MATCH_RESULT_MATCH
                                       : common::v1::MATCH_RESULT_MISMATCH;
}

bool AllMatch(std::initializer_list<common::v1::MatchResult> results) {
  for (auto r : results) {
    if (r == common::v1::MATCH_RESULT_MISMATCH) return false;
  }
  return true;
}

std::string FoldToAscii(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char c = FoldCodePoint(DecodeOne(text, pos));
    if (c != '\0') out.push_back(c);
  }
  return out;
}

void AppendSearchFolded(std::string& out, std::string_view text) {
  // Built once: every precomposed Vietnamese letter -> its lower-case ASCII base.
  static const auto* const kFold = [] {
    auto* map = new std::unordered_map<char32_t, char>();
    for (std::string_view group : kFoldGroups) {
      std::size_t pos = 0;
      const char base = static_cast<char>(group[pos++] | 0x20);
      while (pos < group.size()) map->emplace(DecodeOne(group, pos), base);
    }
    return map;
  }();
  const auto space = [&out] {
    if (!out.empty() && out.back() != ' ') out.push_back(' ');
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = DecodeOne(text, pos);
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      out.push_back(static_cast<char>(cp));
    } else if (cp >= 'A' && cp <= 'Z') {
      out.push_back(static_cast<char>(cp | 0x20));
    } else if (cp >= 0x0300 && cp <= 0x036F) {
      // A combining mark (decomposed input) belongs to the letter before it.
    } else if (auto it = kFold->find(cp); it != kFold->end()) {
      out.push_back(it->second);
    } else {
      space();
    }
  }
}

std::string SearchFolded(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendSearchFolded(out, text);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string AsciiUpper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::size_t CharacterCount(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < text.size(); ++count) DecodeOne(text, pos);
  return count;
}

std::size_t FirstNonDigitPosition(std::string_view text) {
  std::size_t position = 1;
  for (std::size_t pos = 0; pos < text.size(); ++position) {
    const char c = text[pos];
    DecodeOne(text, pos);
    if (c < '0' || c > '9') return position;
  }
  return 0;
}

std::string CharactersText(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " character" : " characters");
}

}  // namespace ndxp::connectors
