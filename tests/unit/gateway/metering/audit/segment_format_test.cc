// The segment format: chain hashes, frames written and read back, file names, and the scanner on
// bytes that are not a segment (truncated, over-long, random, a changed byte).
#include "gateway/metering/audit/segment_format.h"

#include <random>
#include <sstream>

#include <gtest/gtest.h>

namespace ndxp::metering::audit {
namespace {

namespace v1 = ::ndxp::gateway::v1;

std::string HeaderPayload(const Hash& previous) {
  v1::AuditFrame frame;
  frame.mutable_header()->set_format_version(kFormatVersion);
  frame.mutable_header()->set_sequence(1);
  frame.mutable_header()->set_previous_hash(std::string(previous.begin(), previous.end()));
  return frame.SerializeAsString();
}

std::string RecordPayload(std::uint64_t index, const std::string& client) {
  v1::AuditFrame frame;
  frame.mutable_record()->set_index(index);
  frame.mutable_record()->set_client(client);
  return frame.SerializeAsString();
}

std::string ThreeFrames() {
  std::string bytes;
  Hash zero{};
  Hash h = AppendFrame(bytes, zero, HeaderPayload(zero));
  h = AppendFrame(bytes, h, RecordPayload(1, "alpha"));
  AppendFrame(bytes, h, RecordPayload(2, "beta"));
  return bytes;
}

TEST(SegmentFormatTest, ChainHashDependsOnThePreviousHashAndThePayload) {
  Hash zero{};
  Hash one{};
  one[0] = 1;
  EXPECT_NE(ChainHash(zero, "a"), ChainHash(one, "a"));
  EXPECT_NE(ChainHash(zero, "a"), ChainHash(zero, "b"));
  EXPECT_EQ(ChainHash(zero, "a"), ChainHash(zero, "a"));
  // SHA-256 of 32 zero bytes (the first header's previous hash) and nothing else.
  EXPECT_EQ(HexOf(ChainHash(zero, "")), "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925");
}

TEST(SegmentFormatTest, FramesReadBackInOrderWithTheirHashes) {
  std::istringstream in(ThreeFrames());
  SegmentScanner scanner(in);
  ASSERT_EQ(scanner.Next(), SegmentScanner::Result::kFrame);
  EXPECT_TRUE(scanner.frame().has_header());
  ASSERT_EQ(scanner.Next(), SegmentScanner::Result::kFrame);
  EXPECT_EQ(scanner.frame().record().client(), "alpha");
  ASSERT_EQ(scanner.Next(), SegmentScanner::Result::kFrame);
  EXPECT_EQ(scanner.frame().record().client(), "beta");
  EXPECT_EQ(scanner.Next(), SegmentScanner::Result::kEnd);
  EXPECT_EQ(scanner.frames(), 3u);
}

TEST(SegmentFormatTest, EveryTruncationIsATornTailAtTheFrameItCuts) {
  const std::string bytes = ThreeFrames();
  for (std::size_t cut = 1; cut < bytes.size(); ++cut) {
    std::istringstream in(bytes.substr(0, cut));
    SegmentScanner scanner(in);
    SegmentScanner::Result r;
    while ((r = scanner.Next()) == SegmentScanner::Result::kFrame) {
    }
    if (r == SegmentScanner::Result::kEnd) continue;  // cut between frames
    EXPECT_EQ(r, SegmentScanner::Result::kTorn) << "cut at " << cut;
    EXPECT_LE(scanner.offset(), cut);
  }
}

TEST(SegmentFormatTest, AChangedByteIsABadFrame) {
  const std::string bytes = ThreeFrames();
  std::size_t bad = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string changed = bytes;
    changed[i] = static_cast<char>(changed[i] ^ 0x20);
    std::istringstream in(changed);
    SegmentScanner scanner(in);
    SegmentScanner::Result r;
    while ((r = scanner.Next()) == SegmentScanner::Result::kFrame) {
    }
    EXPECT_NE(r, SegmentScanner::Result::kEnd) << "byte " << i << " changed unnoticed";
    bad += r == SegmentScanner::Result::kBad;
  }
  EXPECT_GT(bad, 0u);
}

TEST(SegmentFormatTest, ALengthOverTheBoundIsRefusedBeforeAnythingIsRead) {
  std::string bytes = "\xff\xff\xff\x7f";
  std::istringstream in(bytes);
  SegmentScanner scanner(in);
  EXPECT_EQ(scanner.Next(), SegmentScanner::Result::kBad);
  EXPECT_NE(scanner.problem().find("over the bound"), std::string::npos);
}

TEST(SegmentFormatTest, RandomBytesNeverCrashTheScanner) {
  std::mt19937 random(42);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(random() % 300, '\0');
    for (char& c : bytes) c = static_cast<char>(random());
    if (round % 3 == 0 && bytes.size() >= 4) {
      bytes[0] = static_cast<char>(random() % 64);  // a plausible length
      bytes[1] = bytes[2] = bytes[3] = 0;
    }
    std::istringstream in(bytes);
    SegmentScanner scanner(in);
    int frames = 0;
    while (scanner.Next() == SegmentScanner::Result::kFrame) ++frames;
    EXPECT_EQ(frames, 0);  // no random frame has a matching chain hash
  }
}

TEST(SegmentFormatTest, SegmentFileNames) {
  EXPECT_EQ(SegmentFileName(42), "segment-00000042.log");
  EXPECT_EQ(SegmentSequenceOf("segment-00000042.log"), 42u);
  EXPECT_EQ(SegmentSequenceOf("segment-00000000.log"), std::nullopt);
  EXPECT_EQ(SegmentSequenceOf("segment-0000004x.log"), std::nullopt);
  EXPECT_EQ(SegmentSequenceOf("segment-00000042.log.torn"), std::nullopt);
  EXPECT_EQ(SegmentSequenceOf("LOCK"), std::nullopt);
}

}  // namespace
}  // namespace ndxp::metering::audit
