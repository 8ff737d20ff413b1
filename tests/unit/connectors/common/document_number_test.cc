#include "connectors/common/document_number.h"

#include <gtest/gtest.h>

#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors {
namespace {

std::string Description(const absl::Status& status) {
  auto bad = testing::BadRequestOf(status);
  return bad && bad->field_violations_size() > 0 ? bad->field_violations(0).description() : "";
}

TEST(DocumentNumberTest, ParsesRealNumbers) {
  for (const char* text : {"13/2023/NĐ-CP", "19/2025/QĐ-TTg", "07/2016/TT-BCA", "105/2020/TT-BTC",
                           "45/2019/QH14", "202/2025/QH15", "03/2016/TTLT-BCA-BTC",
                           "01/2025/TT-BNNMT", "35/2023/UBTVQH15", "01/2021/NQ-CP"}) {
    auto n = ParseDocumentNumber(text);
    ASSERT_TRUE(n.ok()) << text << ": " << n.status();
    EXPECT_EQ(FormatDocumentNumber(*n), text);
    EXPECT_EQ(FromDocumentKey(DocumentKey(*n)), *n) << text;
  }
}

TEST(DocumentNumberTest, AcceptsDWithoutStrokeAndAnyCase) {
  auto canonical = ParseDocumentNumber("13/2023/NĐ-CP");
  for (const char* text : {"13/2023/ND-CP", "13/2023/nđ-cp", "13/2023/nd-cp"}) {
    auto n = ParseDocumentNumber(text);
    ASSERT_TRUE(n.ok()) << text << ": " << n.status();
    EXPECT_EQ(DocumentKey(*n), DocumentKey(*canonical)) << text;
  }
  auto seven = ParseDocumentNumber("7/2016/TT-BCA");
  ASSERT_TRUE(seven.ok());
  EXPECT_EQ(FormatDocumentNumber(*seven), "07/2016/TT-BCA");
}

TEST(DocumentNumberTest, SaysWhichPartIsWrong) {
  const struct {
    const char* text;
    const char* says;
  } cases[] = {
      {"", "is required"},
      {"13/NĐ-CP", "the year is missing"},
      {"13", "must be number/year/symbol"},
      {"1/2/3/4", "must be number/year/symbol"},
      {"abc/2023/NĐ-CP", "the number"},
      {"12345/2023/NĐ-CP", "1 to 4 digits"},
      {"0/2023/NĐ-CP", "must not be 0"},
      {"13/23/NĐ-CP", "four digits"},
      {"13/2030/NĐ-CP", "after 2025"},
      {"13/1900/NĐ-CP", "1945 or later"},
      {"13/2023/", "symbol (after the second /) is missing"},
      {"13/2023/XX-CP", "the type XX is not one of"},
      {"13/2023/NĐ-BTC", "issued by the Government"},
      {"13/2023/QĐ-BTC", "Prime Minister"},
      {"13/2023/TT-CP", "by a ministry"},
      {"13/2023/TT-BCA-BTC", "joint circular"},
      {"13/2023/TTLT-BCA", "two or three ministries"},
      {"13/2023/TTLT-BCA-BCA", "twice"},
      {"13/2023/TT-ABC", "not a known issuing body"},
      {"13/2024/TT-BNNMT", "only from 2025"},
      {"13/2026/TT-BTNMT", "after 2025"},
      {"45/2023/QH14", "sat from 2016 to 2021"},
      {"45/2023/QH9", "terms are 11 to 15"},
      {"45/2023/QH", "must end in the National Assembly term"},
      {"13/2023/NĐ--CP", "empty part"},
      {"13/2023/NĐ-C P", "only letters, digits and hyphens"},
      {"13/2023/CP", "must be TYPE-ISSUER"},
  };
  for (const auto& c : cases) {
    auto n = ParseDocumentNumber(c.text);
    ASSERT_FALSE(n.ok()) << c.text;
    EXPECT_EQ(n.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(testing::ViolationField(n.status()), "document_number") << c.text;
    EXPECT_NE(Description(n.status()).find(c.says), std::string::npos)
        << c.text << ": " << Description(n.status());
  }
  EXPECT_NE(Description(ParseDocumentNumber("13/2026/TT-BTNMT", "document_number", 2030).status())
                .find("only until 2025"),
            std::string::npos);
}

TEST(DocumentNumberTest, HostileInputIsInvalidNotACrash) {
  EXPECT_FALSE(ParseDocumentNumber(std::string(10'000, '/')).ok());
  EXPECT_FALSE(ParseDocumentNumber("13/2023/N\xC4").ok());
  EXPECT_FALSE(ParseDocumentNumber("13/2023/\xFF\xFE").ok());
  EXPECT_FALSE(ParseDocumentNumber(std::string("13/2023/N\0D-CP", 14)).ok());
  EXPECT_FALSE(ParseDocumentNumber("-1/2023/NĐ-CP").ok());
}

TEST(DocumentNumberTest, TermsAndIssuers) {
  EXPECT_EQ(AssemblyTermOf(2019), 14);
  EXPECT_EQ(AssemblyTermOf(2016), 14);
  EXPECT_EQ(AssemblyTermOf(2025), 15);
  EXPECT_EQ(FindIssuer("bgddt"), FindIssuer("BGDĐT"));
  EXPECT_GE(FindIssuer("TTg"), 0);
  EXPECT_EQ(FindIssuer("XYZ"), -1);
  EXPECT_LT(DocumentKey(*ParseDocumentNumber("12/2023/NĐ-CP")),
            DocumentKey(*ParseDocumentNumber("13/2023/NĐ-CP")));
}

}  // namespace
}  // namespace ndxp::connectors
