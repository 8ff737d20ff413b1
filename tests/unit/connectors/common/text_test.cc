#include "connectors/common/text.h"
#include "gateway/core/utf8.h"

#include <gtest/gtest.h>

namespace ndxp::connectors {
namespace {

using common::v1::MATCH_RESULT_MATCH;
using common::v1::MATCH_RESULT_MISMATCH;
using common::v1::MATCH_RESULT_UNSPECIFIED;

TEST(TextTest, FoldsSpaces) {
  EXPECT_EQ(FoldSpaces("  Nguyễn   Thị\tHương \n"), "Nguyễn Thị Hương");
  EXPECT_EQ(FoldSpaces("Hương"), "Hương");
  EXPECT_EQ(FoldSpaces(" \t "), "");
}

TEST(TextTest, ComparesAfterFoldingSpacesOnly) {
  EXPECT_EQ(CompareText("Nguyễn Thị Hương", "Nguyễn Thị Hương"), MATCH_RESULT_MATCH);
  EXPECT_EQ(CompareText(" Nguyễn  Thị Hương ", "Nguyễn Thị Hương"), MATCH_RESULT_MATCH);
  EXPECT_EQ(CompareText("nguyễn thị hương", "Nguyễn Thị Hương"), MATCH_RESULT_MISMATCH);
  EXPECT_EQ(CompareText("Nguyen Thi Huong", "Nguyễn Thị Hương"), MATCH_RESULT_MISMATCH);
  EXPECT_EQ(CompareText("Nguyễn Thị Hường", "Nguyễn Thị Hương"), MATCH_RESULT_MISMATCH);
  EXPECT_EQ(CompareText("", "Nguyễn Thị Hương"), MATCH_RESULT_UNSPECIFIED);
  EXPECT_EQ(CompareText("   ", "Nguyễn Thị Hương"), MATCH_RESULT_UNSPECIFIED);
}

TEST(TextTest, ComparesDates) {
  google::type::Date date;
  EXPECT_EQ(CompareDate(date, {1990, 1, 2}), MATCH_RESULT_UNSPECIFIED);
  ToProto({1990, 1, 2}, &date);
  EXPECT_EQ(CompareDate(date, {1990, 1, 2}), MATCH_RESULT_MATCH);
  EXPECT_EQ(CompareDate(date, {1990, 2, 1}), MATCH_RESULT_MISMATCH);
}

TEST(TextTest, AllMatchIgnoresFieldsNotSupplied) {
  EXPECT_TRUE(AllMatch({MATCH_RESULT_MATCH, MATCH_RESULT_UNSPECIFIED}));
  EXPECT_TRUE(AllMatch({MATCH_RESULT_UNSPECIFIED}));
  EXPECT_FALSE(AllMatch({MATCH_RESULT_MATCH, MATCH_RESULT_MISMATCH}));
}

TEST(TextTest, FoldsVietnameseToAscii) {
  EXPECT_EQ(FoldToAscii("Nguyễn Thị Hương Đức"), "Nguyen Thi Huong Duc");
  EXPECT_EQ(FoldToAscii("Công ty TNHH Thương mại Minh Phát"), "Cong ty TNHH Thuong mai Minh Phat");
  EXPECT_EQ(FoldToAscii("ĂÂÊÔƠƯđ"), "AAEOOUd");
  EXPECT_EQ(FoldToAscii("Hoa\xCC\x80"), "Hoa");  // decomposed grave accent dropped
  EXPECT_EQ(FoldToAscii("日本"), "??");
  EXPECT_EQ(AsciiUpper("Minh Phat"), "MINH PHAT");
}

TEST(TextTest, CountsCharactersAndFindsTheFirstNonDigit) {
  EXPECT_EQ(CharacterCount(""), 0u);
  EXPECT_EQ(CharacterCount("079203001234"), 12u);
  EXPECT_EQ(CharacterCount("Hương"), 5u);
  EXPECT_EQ(CharacterCount("\xff\xfe"), 2u);    // each invalid byte counts once
  EXPECT_EQ(CharacterCount("\xe1\xbb"), 1u);    // a truncated sequence counts once
  EXPECT_EQ(CharacterCount("\xe1" "A"), 2u);     // a lead byte without its continuation
  EXPECT_EQ(FirstNonDigitPosition("0123456789"), 0u);
  EXPECT_EQ(FirstNonDigitPosition(""), 0u);
  EXPECT_EQ(FirstNonDigitPosition("12A4"), 3u);
  EXPECT_EQ(FirstNonDigitPosition("1ư3"), 2u);
  EXPECT_EQ(FirstNonDigitPosition("ưA"), 1u);
  EXPECT_EQ(FirstNonDigitPosition("\xff" "1"), 1u);
  EXPECT_EQ(FirstNonDigitPosition(std::string("12\0", 3)), 3u);
  EXPECT_EQ(CharactersText(1), "1 character");
  EXPECT_EQ(CharactersText(13), "13 characters");
}

}  // namespace
}  // namespace ndxp::connectors

namespace ndxp::connectors {
namespace {

TEST(TextTest, ValidatesUtf8) {
  EXPECT_TRUE(core::IsValidUtf8("Nguyễn Thị Hương"));
  EXPECT_TRUE(core::IsValidUtf8(""));
  EXPECT_FALSE(core::IsValidUtf8("\xC4"));          // truncated
  EXPECT_FALSE(core::IsValidUtf8("\xC0\xAF"));      // overlong
  EXPECT_FALSE(core::IsValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(core::IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(core::IsValidUtf8("\xFF"));
}

TEST(TextTest, FoldsForSearch) {
  EXPECT_EQ(SearchFolded("Thuế thu nhập cá nhân"), "thue thu nhap ca nhan");
  EXPECT_EQ(SearchFolded("ĐẤT ĐAI, đường bộ"), "dat dai duong bo");
  EXPECT_EQ(SearchFolded("13/2023/NĐ-CP"), "13 2023 nd cp");
  EXPECT_EQ(SearchFolded("\"NEAR(a* b)\" OR"), "near a b or");
  EXPECT_EQ(SearchFolded("Hòa\xCC\x80"), "hoa");  // a combining mark is dropped
  EXPECT_EQ(SearchFolded("  \xFF 中文 "), "");
}

}  // namespace
}  // namespace ndxp::connectors
