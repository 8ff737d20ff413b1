// HMAC-SHA-256 with a key set once: RFC 4231 test vectors, several keys on one thread, many
// threads on one key.
#include "gateway/core/hmac_sha256.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace ndxp::core {
namespace {

std::string Hex(const HmacSha256::Digest& digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : digest) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return out;
}

// RFC 4231, test case 1: key 0x0b x 20, "Hi There".
constexpr char kCase1[] = "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7";
// RFC 4231, test case 2: key "Jefe", "what do ya want for nothing?".
constexpr char kCase2[] = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

TEST(HmacSha256Test, MatchesRfc4231) {
  const HmacSha256 case1(std::string(20, '\x0b'));
  EXPECT_EQ(Hex(case1.Of("Hi There")), kCase1);
  EXPECT_EQ(Hex(case1.Of("Hi There")), kCase1);  // the thread's context re-initialised
  const HmacSha256 case2("Jefe");
  EXPECT_EQ(Hex(case2.Of("what do ya want for nothing?")), kCase2);
  // Alternating instances on one thread: each message under its own key.
  EXPECT_EQ(Hex(case1.Of("Hi There")), kCase1);
  EXPECT_EQ(Hex(case2.Of("what do ya want for nothing?")), kCase2);
}

TEST(HmacSha256Test, AKeyLongerThanTheBlockIsHashedFirst) {
  // RFC 4231, test case 6: a 131-byte key of 0xaa.
  const HmacSha256 mac(std::string(131, '\xaa'));
  EXPECT_EQ(Hex(mac.Of("Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(HmacSha256Test, AnInstanceMadeWhereAnotherDiedHasItsOwnKey) {
  std::string first;
  {
    const HmacSha256 mac("Jefe");
    first = Hex(mac.Of("what do ya want for nothing?"));
  }
  const HmacSha256 other(std::string(20, '\x0b'));  // may reuse the freed memory
  EXPECT_EQ(first, kCase2);
  EXPECT_EQ(Hex(other.Of("Hi There")), kCase1);
}

TEST(HmacSha256Test, ThreadsShareOneKey) {
  const HmacSha256 mac("Jefe");
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        if (Hex(mac.Of("what do ya want for nothing?")) != kCase2) ++wrong[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(wrong[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace ndxp::core
