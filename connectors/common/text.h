#pragma once
// Text helpers: comparing what a caller typed with a record (common.proto MatchResult), and
// folding Vietnamese to ASCII (for registered foreign-language names and tests).

#include <initializer_list>
#include <string>
#include <string_view>

#include "connectors/common/dates.h"
#include "google/type/date.pb.h"
#include "ndxp/common/v1/common.pb.h"

namespace ndxp::connectors {

// `text` without leading and trailing ASCII whitespace and with every inner run of ASCII
// whitespace folded to one space. Nothing else changes: case, diacritics and Unicode
// normalisation form are kept.
std::string FoldSpaces(std::string_view text);

// MATCH_RESULT_UNSPECIFIED when `supplied` is empty after FoldSpaces (nothing to compare);
// otherwise MATCH when FoldSpaces(supplied) == FoldSpaces(record), else MISMATCH.
common::v1::MatchResult CompareText(std::string_view supplied, std::string_view record);

// UNSPECIFIED when `supplied` is unset (all zero); otherwise MATCH when it is exactly `record`.
common::v1::MatchResult CompareDate(const google::type::Date& supplied, const CivilDate& record);

// True when no result is a MISMATCH (fields not supplied do not count against a match).
bool AllMatch(std::initializer_list<common::v1::MatchResult> results);

// Vietnamese letters mapped to their base ASCII letters (đ -> d, Ễ -> E), other ASCII kept,
// combining marks dropped, any other character replaced by '?'. Expects UTF-8.
std::string FoldToAscii(std::string_view text);

// Text for a diacritic-insensitive word index: Vietnamese letters folded to ASCII as FoldToAscii
// does (đ/Đ -> d), ASCII letters lower-cased, every character that is not an ASCII letter or digit
// (punctuation, other scripts, malformed bytes) made a single space. "Thuế TNCN (sửa đổi)" ->
// "thue tncn sua doi". Appends to `out`. Constant time per character.
void AppendSearchFolded(std::string& out, std::string_view text);
std::string SearchFolded(std::string_view text);

// ASCII letters upper-cased; other bytes unchanged.
std::string AsciiUpper(std::string_view text);

// For validation messages about identifiers (which are ASCII): the number of characters of
// `text`, counting a UTF-8 sequence as one and each byte that is not valid UTF-8 as one, so that
// "has 13 characters" is what the caller sees in an editor.
std::size_t CharacterCount(std::string_view text);

// The 1-based position, in characters as CharacterCount counts them, of the first character of
// `text` that is not an ASCII digit 0-9; 0 when every character is one.
std::size_t FirstNonDigitPosition(std::string_view text);

// "1 character", "13 characters" (for messages).
std::string CharactersText(std::size_t count);

}  // namespace ndxp::connectors
