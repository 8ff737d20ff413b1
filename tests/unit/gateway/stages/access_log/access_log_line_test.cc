// The access log's line: field order, omitted members, escaping, UTF-8 repair, time and numbers.
#include "gateway/stages/access_log/access_log_line.h"

#include <cstdint>
#include <limits>
#include <string>

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

namespace ndxp::stages {
namespace {

// Decodes UTF-8 by hand (a second implementation, not the one under test): true when `s` is
// well-formed (shortest forms, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xe  ? 3
                    : (c >> 3) == 0x1e ? 4
                                       : 0;
    if (n == 0 || i + n > s.size()) return false;
    std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1f) : n == 3 ? (c & 0x0f) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += n;
  }
  return true;
}

// Parses the line as JSON (protobuf's parser): fails the test when it is not one JSON object.
google::protobuf::Struct Parse(const std::string& line) {
  google::protobuf::Struct parsed;
  auto status = google::protobuf::util::JsonStringToMessage(line, &parsed);
  EXPECT_TRUE(status.ok()) << status.ToString() << " in " << line;
  return parsed;
}

std::string StringMember(const google::protobuf::Struct& s, const std::string& name) {
  auto it = s.fields().find(name);
  return it == s.fields().end() ? "<absent>" : it->second.string_value();
}

std::string JsonString(std::string_view value) {
  std::string out;
  AppendJsonString(out, value);
  return out;
}

AccessLogEntry FullEntry() {
  return AccessLogEntry{.time = absl::FromUnixSeconds(1700000000),
                        .request_id = "r1",
                        .trace_id = "4bf92f3577b34da6a3ce929d0e0e4736",
                        .span_id = "00f067aa0ba902b7",
                        .protocol = "grpc",
                        .client = "VN:PROV:79:ONESTOP",
                        .credential = "api_key",
                        .method = "/ndxp.population.v1.PopulationService/GetCitizen",
                        .connector = "population",
                        .status = "OK",
                        .http_status = 200,
                        .duration_seconds = 0.0015,
                        .bytes_in = 14,
                        .bytes_out = 321};
}

TEST(AccessLogLineTest, EveryMemberInOrder) {
  EXPECT_EQ(FormatAccessLogLine(FullEntry()),
            "{\"time\":\"2023-11-14T22:13:20.000000Z\",\"request_id\":\"r1\","
            "\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"span_id\":\"00f067aa0ba902b7\","
            "\"protocol\":\"grpc\",\"client\":\"VN:PROV:79:ONESTOP\",\"credential\":\"api_key\","
            "\"method\":\"/ndxp.population.v1.PopulationService/GetCitizen\","
            "\"connector\":\"population\",\"status\":\"OK\",\"http_status\":200,"
            "\"duration_seconds\":0.001500,\"bytes_in\":14,\"bytes_out\":321}");
}

TEST(AccessLogLineTest, EmptyOptionalMembersAreLeftOut) {
  AccessLogEntry entry = FullEntry();
  entry.trace_id = "";
  entry.span_id = "";
  entry.credential = "";
  entry.connector = "";
  entry.http_status = 0;
  EXPECT_EQ(FormatAccessLogLine(entry),
            "{\"time\":\"2023-11-14T22:13:20.000000Z\",\"request_id\":\"r1\",\"protocol\":\"grpc\","
            "\"client\":\"VN:PROV:79:ONESTOP\",\"method\":\"/ndxp.population.v1.PopulationService/"
            "GetCitizen\",\"status\":\"OK\",\"duration_seconds\":0.001500,\"bytes_in\":14,"
            "\"bytes_out\":321}");
  // The members that are always there stay, even empty (an unidentified caller).
  entry.client = "";
  std::string line = FormatAccessLogLine(entry);
  EXPECT_NE(line.find("\"client\":\"\""), std::string::npos) << line;
}

TEST(AccessLogLineTest, QuotesBackslashesAndControlCharactersAreEscaped) {
  AccessLogEntry entry = FullEntry();
  entry.client = "a\"b\\c\n";
  entry.http_status = 404;
  std::string line = FormatAccessLogLine(entry);
  EXPECT_NE(line.find("\"client\":\"a\\\"b\\\\c\\u000a\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"http_status\":404"), std::string::npos) << line;
  EXPECT_EQ(StringMember(Parse(line), "client"), "a\"b\\c\n");

  EXPECT_EQ(JsonString(std::string("\0\x01\t\r\x1f\x7f", 6)),
            "\"\\u0000\\u0001\\u0009\\u000d\\u001f\\u007f\"");
  EXPECT_EQ(JsonString(""), "\"\"");
  EXPECT_EQ(JsonString("plain/text:1.2-3_4"), "\"plain/text:1.2-3_4\"");
}

TEST(AccessLogLineTest, WellFormedUtf8IsKept) {
  // Vietnamese (2- and 3-byte sequences), U+FFFF and U+10000/U+10FFFF (4 bytes) at the edges.
  std::string text = "Nguy\xe1\xbb\x85n V\xc4\x83n \xef\xbf\xbf \xf0\x90\x80\x80 \xf4\x8f\xbf\xbf";
  EXPECT_EQ(JsonString(text), "\"" + text + "\"");
}

// Decision: each byte that is not part of a well-formed sequence becomes one \ufffd and the scan
// goes on at the next byte, so the line stays valid JSON in valid UTF-8 and nothing else is lost.
TEST(AccessLogLineTest, InvalidUtf8BecomesReplacementCharacters) {
  struct Case {
    std::string in;
    std::string out;
  } cases[] = {
      {"a\x80z", "a\\ufffdz"},                               // a lone continuation byte
      {"a\xff\xfez", "a\\ufffd\\ufffdz"},                    // bytes that never occur in UTF-8
      {"\xc0\xaf", "\\ufffd\\ufffd"},                        // overlong '/'
      {"\xe0\x80\xaf", "\\ufffd\\ufffd\\ufffd"},             // overlong 3-byte form
      {"\xed\xa0\x80", "\\ufffd\\ufffd\\ufffd"},             // a surrogate, U+D800
      {"\xf4\x90\x80\x80", "\\ufffd\\ufffd\\ufffd\\ufffd"},  // above U+10FFFF
      {"ab\xe1\xbb", "ab\\ufffd\\ufffd"},                    // truncated at the end
      {"\xe1\xbbz", "\\ufffd\\ufffdz"},                      // truncated before ASCII
      {"\xc4\x83\x83", "\xc4\x83\\ufffd"},                   // valid, then a stray continuation
  };
  for (const Case& c : cases) {
    std::string json = JsonString(c.in);
    EXPECT_EQ(json, "\"" + c.out + "\"") << "input bytes: " << testing::PrintToString(c.in);
    EXPECT_TRUE(IsValidUtf8(json)) << json;
  }
  AccessLogEntry entry = FullEntry();
  entry.client = "\xff\x01\xc3";
  std::string line = FormatAccessLogLine(entry);
  EXPECT_TRUE(IsValidUtf8(line)) << line;
  EXPECT_EQ(StringMember(Parse(line), "client"), "\xef\xbf\xbd\x01\xef\xbf\xbd");
}

TEST(AccessLogLineTest, EveryByteValueYieldsValidJson) {
  // Each single byte, and every pair, as a value: the line always parses and is valid UTF-8.
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; b += (a < 0x80 ? 17 : 1)) {
      AccessLogEntry entry = FullEntry();
      std::string value{static_cast<char>(a), static_cast<char>(b)};
      entry.request_id = value;
      std::string line = FormatAccessLogLine(entry);
      ASSERT_TRUE(IsValidUtf8(line)) << a << " " << b;
      google::protobuf::Struct parsed;
      ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(line, &parsed).ok()) << line;
    }
  }
}

TEST(AccessLogLineTest, TimeIsRfc3339UtcWithMicroseconds) {
  auto time_of = [](absl::Time t) {
    std::string out;
    AppendRfc3339Micros(out, t);
    return out;
  };
  EXPECT_EQ(time_of(absl::FromUnixMicros(1700000000123456)), "2023-11-14T22:13:20.123456Z");
  EXPECT_EQ(time_of(absl::FromUnixMicros(1709164800000001)), "2024-02-29T00:00:00.000001Z");
  EXPECT_EQ(time_of(absl::UnixEpoch()), "1970-01-01T00:00:00.000000Z");
  EXPECT_EQ(time_of(absl::FromUnixMicros(-1)), "1969-12-31T23:59:59.999999Z");
  EXPECT_EQ(time_of(absl::FromUnixSeconds(951782400)), "2000-02-29T00:00:00.000000Z");
  EXPECT_EQ(time_of(absl::InfiniteFuture()), "9999-12-31T23:59:59.999999Z");
  EXPECT_EQ(time_of(absl::InfinitePast()), "0000-01-01T00:00:00.000000Z");
  // Sub-microsecond parts are cut, not rounded into the next second.
  EXPECT_EQ(time_of(absl::FromUnixSeconds(1) - absl::Nanoseconds(1)),
            "1970-01-01T00:00:00.999999Z");
  EXPECT_EQ(FormatAccessLogLine(AccessLogEntry{}).substr(0, 38),
            "{\"time\":\"1970-01-01T00:00:00.000000Z\",");
}

TEST(AccessLogLineTest, NumbersAreAlwaysValidJson) {
  AccessLogEntry entry = FullEntry();
  entry.bytes_in = std::numeric_limits<std::uint64_t>::max();
  entry.duration_seconds = 12345.6789999;
  std::string line = FormatAccessLogLine(entry);
  EXPECT_NE(line.find("\"bytes_in\":18446744073709551615,"), std::string::npos) << line;
  EXPECT_NE(line.find("\"duration_seconds\":12345.679000,"), std::string::npos) << line;
  for (double bad :
       {-1.0, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    entry.duration_seconds = bad;
    line = FormatAccessLogLine(entry);
    EXPECT_NE(line.find("\"duration_seconds\":0.000000,"), std::string::npos) << line;
    Parse(line);
  }
  entry.http_status = -1;  // nonsense, but still a JSON number
  Parse(FormatAccessLogLine(entry));
}

TEST(AccessLogLineTest, AppendAddsToWhatIsThere) {
  std::string out = "prefix ";
  AppendAccessLogLine(out, FullEntry());
  EXPECT_EQ(out, "prefix " + FormatAccessLogLine(FullEntry()));
}

}  // namespace
}  // namespace ndxp::stages
