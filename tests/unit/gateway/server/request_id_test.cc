// Request ids: which caller ids are kept, and generated ids.
#include "gateway/server/request_id.h"

#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace ndxp::server {
namespace {

TEST(RequestIdTest, AcceptsSafeTokensAndReplacesTheRest) {
  EXPECT_EQ(RequestIdFor("abc-123_x.y:z"), "abc-123_x.y:z");
  for (std::string bad : {std::string(""), std::string("has space"), std::string("a\nb"),
                          std::string("quote\""), std::string(129, 'a'), std::string("ü"),
                          std::string("a/b"), std::string("a\0b", 3)}) {
    std::string id = RequestIdFor(bad);
    EXPECT_NE(id, bad);
    EXPECT_EQ(id.size(), 32u);
    EXPECT_TRUE(IsAcceptableRequestId(id));
  }
  EXPECT_TRUE(IsAcceptableRequestId(std::string(128, 'a')));
  EXPECT_TRUE(IsAcceptableRequestId("req-20261123-ab"));
}

TEST(RequestIdTest, DigitRunsThatCouldBePersonalIdsAreRefused) {
  EXPECT_FALSE(IsAcceptableRequestId("079203001234"));      // a personal id
  EXPECT_FALSE(IsAcceptableRequestId("corr-123456789-x"));  // a 9-digit identity-card number
  EXPECT_TRUE(IsAcceptableRequestId("corr-12345678-x"));    // 8 digits
}

TEST(RequestIdTest, SeparatorsDoNotHideDigits) {
  EXPECT_FALSE(IsAcceptableRequestId("079-203-001-234"));
  EXPECT_FALSE(IsAcceptableRequestId("079.203.001.234"));
  EXPECT_FALSE(IsAcceptableRequestId("079_203_001_234"));
  EXPECT_FALSE(IsAcceptableRequestId("079:203:001:234"));
  EXPECT_FALSE(IsAcceptableRequestId("079-203.001_234"));   // mixed separators
  EXPECT_FALSE(IsAcceptableRequestId("id-0-7-9-2-0-3-0-0-1-2-3-4"));
  EXPECT_FALSE(IsAcceptableRequestId("x--123--456--789--y"));  // 9, however spaced
  EXPECT_FALSE(IsAcceptableRequestId("-123-456-789"));
  EXPECT_FALSE(IsAcceptableRequestId("req-20261123-1234"));  // 12 digits: could be a personal id
  EXPECT_TRUE(IsAcceptableRequestId("1234-5678"));           // 8 digits split
  EXPECT_TRUE(IsAcceptableRequestId("2026-11-23"));
  EXPECT_TRUE(IsAcceptableRequestId("2026.11.23T10:15"));    // 8 + 4: a letter ends a stretch
  EXPECT_FALSE(IsAcceptableRequestId("1234-5678-9"));        // 9 digits split
  EXPECT_FALSE(IsAcceptableRequestId("123.456.789"));
}

TEST(RequestIdTest, LettersEndAStretch) {
  // Documented choice: letters between digits are not treated as disguise (see request_id.h).
  EXPECT_TRUE(IsAcceptableRequestId("079a203b001c234"));
  EXPECT_TRUE(IsAcceptableRequestId("12345678x12345678"));
  EXPECT_FALSE(IsAcceptableRequestId("079a203-001-234"));  // the last stretch has 9 digits
}

TEST(RequestIdTest, UuidsAreJudgedByDigitsInARow) {
  EXPECT_TRUE(IsAcceptableRequestId("123e4567-e89b-12d3-a456-42661417ab00"));
  EXPECT_TRUE(IsAcceptableRequestId("12345678-1234-1234-1234-12345678abcd"));  // 8 in a row at most
  EXPECT_TRUE(IsAcceptableRequestId("123E4567-E89B-12D3-A456-42661417AB00"));
  EXPECT_FALSE(IsAcceptableRequestId("123e4567-e89b-12d3-a456-079203001234"));   // 12 in a row
  // Not UUID-shaped (a non-hex letter, one letter more): separators join again.
  EXPECT_FALSE(IsAcceptableRequestId("12345678-1234-1234-1234-12345678abcg"));
  EXPECT_FALSE(IsAcceptableRequestId("12345678-1234-1234-1234-12345678abcda"));
}

TEST(RequestIdTest, GeneratedIdsAreLettersAndDistinct) {
  std::set<std::string> ids;
  constexpr int kDraws = 100000;
  for (int i = 0; i < kDraws; ++i) {
    std::string id = GenerateRequestId();
    ASSERT_EQ(id.size(), 32u);
    for (char c : id) ASSERT_TRUE(c >= 'a' && c <= 'p') << id;
    ASSERT_TRUE(IsAcceptableRequestId(id)) << id;
    ids.insert(std::move(id));
  }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kDraws));
}

TEST(RequestIdTest, GeneratedIdsUseEveryLetterInEveryPlace) {
  // A generator stuck on some bits (or a short seed cycling) would leave letters unused.
  std::vector<std::set<char>> seen(32);
  for (int i = 0; i < 2000; ++i) {
    std::string id = GenerateRequestId();
    for (std::size_t p = 0; p < id.size(); ++p) seen[p].insert(id[p]);
  }
  for (std::size_t p = 0; p < seen.size(); ++p) EXPECT_EQ(seen[p].size(), 16u) << "place " << p;
}

TEST(RequestIdTest, ThreadsDrawDifferentIds) {
  // Each thread has its own generator; they must not start from the same seed.
  constexpr int kThreads = 8;
  std::vector<std::string> first(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&first, t] { first[t] = GenerateRequestId(); });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(std::set<std::string>(first.begin(), first.end()).size(),
            static_cast<std::size_t>(kThreads));
}

}  // namespace
}  // namespace ndxp::server
