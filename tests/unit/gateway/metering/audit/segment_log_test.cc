// The segment log: records appended, synced and sealed verify; rotation by size and by age chains
// the segments; a torn tail after a crash is cut away (kept aside) and the segment sealed; and
// verify names what was done to the files: a changed byte, a removed record, two records
// swapped, a segment re-chained without the key, a missing segment, a foreign key.
#include "gateway/metering/audit/segment_log.h"

#include <sstream>

#include <gtest/gtest.h>

#include "gateway/metering/audit/audit_verify.h"
#include "tests/unit/gateway/metering/audit/audit_test_support.h"

namespace ndxp::metering::audit {
namespace {

namespace v1 = ::ndxp::gateway::v1;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

v1::AuditRecord Record(int n) {
  v1::AuditRecord record;
  record.set_kind(v1::AUDIT_RECORD_KIND_CALL);
  record.set_client("VN:PROV:79:ONESTOP");
  record.set_request_id("req-" + std::to_string(n));
  record.set_method("/ndxp.population.v1.PopulationService/GetCitizen");
  record.set_purpose("administrative-procedure");
  record.set_outcome("OK");
  return record;
}

// The frames' payloads of a segment file.
std::vector<std::string> Payloads(const std::string& bytes) {
  std::istringstream in(bytes);
  SegmentScanner scanner(in);
  std::vector<std::string> out;
  while (scanner.Next() == SegmentScanner::Result::kFrame) out.push_back(scanner.payload());
  return out;
}

// Frames again from payloads, every hash recomputed (what someone without the key can do).
std::string Rechain(const std::vector<std::string>& payloads) {
  v1::AuditFrame header;
  header.ParseFromString(payloads.front());
  Hash h{};
  const std::string& previous = header.header().previous_hash();
  std::copy(previous.begin(), previous.end(), h.begin());
  std::string out;
  for (const std::string& p : payloads) h = AppendFrame(out, h, p);
  return out;
}

class SegmentLogTest : public ::testing::Test {
 protected:
  SegmentLogTest() : keys_(testing::MakeKeys(dir_.path())) {}
  std::string AuditDir() const { return dir_.path() + "/audit"; }
  std::string SegmentPath(std::uint64_t n) const { return AuditDir() + "/" + SegmentFileName(n); }

  std::unique_ptr<SegmentLog> Open(std::uint64_t max_bytes = 1 << 20,
                                   SegmentLog::Recovery* recovery = nullptr) {
    auto log = SegmentLog::Open({.dir = AuditDir(), .max_bytes = max_bytes, .max_age = absl::Hours(1)},
                                *keys_.signer, recovery);
    EXPECT_TRUE(log.ok()) << log.status();
    return log.ok() ? *std::move(log) : nullptr;
  }
  void Write(SegmentLog& log, int from, int count) {
    for (int i = from; i < from + count; ++i) {
      v1::AuditRecord record = Record(i);
      ASSERT_TRUE(log.Append(record, absl::Now()).ok());
    }
    ASSERT_TRUE(log.Flush().ok());
  }
  VerifyReport Verify() { return VerifyAuditLog(AuditDir(), *keys_.verifier); }

  TempDir dir_;
  testing::Keys keys_;
};

TEST_F(SegmentLogTest, RecordsWrittenAndSealedVerify) {
  auto log = Open();
  Write(*log, 0, 10);
  ASSERT_TRUE(log->Close(absl::Now()).ok());
  VerifyReport report = Verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.records, 10u);
  ASSERT_EQ(report.segments.size(), 1u);
  EXPECT_NE(report.segments[0].find("sealed"), std::string::npos);
}

TEST_F(SegmentLogTest, AnOpenLastSegmentVerifiesAndIsReportedOpen) {
  auto log = Open();
  Write(*log, 0, 3);
  VerifyReport report = Verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_NE(report.segments[0].find("open"), std::string::npos);
}

TEST_F(SegmentLogTest, RotationBySizeCarriesTheLastHashIntoTheNextHeader) {
  auto log = Open(4096);
  Write(*log, 0, 200);
  ASSERT_TRUE(log->Close(absl::Now()).ok());
  VerifyReport report = Verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_GT(report.segments.size(), 3u);
  EXPECT_EQ(report.records, 200u);
  for (std::size_t n = 1; n <= report.segments.size(); ++n) {
    EXPECT_LE(ReadFile(SegmentPath(n)).size(), 4096u + 400u);  // the bound, plus the seal
  }
  v1::AuditFrame header;
  ASSERT_TRUE(header.ParseFromString(Payloads(ReadFile(SegmentPath(2))).front()));
  EXPECT_EQ(header.header().previous_segment(), "segment-00000001.log");
  EXPECT_EQ(header.header().sequence(), 2u);
}

TEST_F(SegmentLogTest, RotationByAgeSealsAQuietSegment) {
  auto log = SegmentLog::Open({.dir = AuditDir(), .max_bytes = 1 << 20, .max_age = absl::Seconds(1)},
                              *keys_.signer);
  ASSERT_TRUE(log.ok());
  v1::AuditRecord record = Record(1);
  const absl::Time start = absl::Now();
  ASSERT_TRUE((*log)->Append(record, start).ok());
  ASSERT_TRUE((*log)->Flush().ok());
  ASSERT_TRUE((*log)->SealIfOld(start + absl::Milliseconds(500)).ok());
  EXPECT_NE(Verify().segments[0].find("open"), std::string::npos);
  ASSERT_TRUE((*log)->SealIfOld(start + absl::Seconds(2)).ok());
  EXPECT_NE(Verify().segments[0].find("sealed"), std::string::npos);
  record = Record(2);
  ASSERT_TRUE((*log)->Append(record, start + absl::Seconds(3)).ok());
  ASSERT_TRUE((*log)->Flush().ok());
  VerifyReport report = Verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.segments.size(), 2u);
}

TEST_F(SegmentLogTest, ATornTailIsCutKeptAsideAndTheSegmentSealedAtTheNextOpen) {
  {
    auto log = Open();
    Write(*log, 0, 5);
    // A crash in the middle of the next write: half a frame at the end, never synced.
  }
  std::string bytes = ReadFile(SegmentPath(1));
  const std::size_t good = bytes.size();
  std::string extra;
  v1::AuditFrame frame;
  *frame.mutable_record() = Record(5);
  AppendFrame(extra, Hash{}, frame.SerializeAsString());
  WriteFile(SegmentPath(1), bytes + extra.substr(0, extra.size() / 2));
  EXPECT_FALSE(Verify().ok);  // the torn tail shows until recovery

  SegmentLog::Recovery recovery;
  auto log = Open(1 << 20, &recovery);
  EXPECT_EQ(recovery.sealed_segment, "segment-00000001.log");
  EXPECT_EQ(recovery.recovered_records, 5u);
  EXPECT_EQ(recovery.torn_bytes, extra.size() / 2);
  EXPECT_EQ(ReadFile(AuditDir() + "/segment-00000001.log.torn"), extra.substr(0, extra.size() / 2));
  EXPECT_GT(ReadFile(SegmentPath(1)).size(), good);  // the seal
  Write(*log, 5, 2);
  ASSERT_TRUE(log->Close(absl::Now()).ok());
  VerifyReport report = Verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.records, 7u);
  EXPECT_EQ(report.segments.size(), 2u);
}

TEST_F(SegmentLogTest, ASegmentWithoutAWholeHeaderIsSetAsideAtTheNextOpen) {
  {
    auto log = Open();
    Write(*log, 0, 2);
    ASSERT_TRUE(log->Close(absl::Now()).ok());
  }
  WriteFile(SegmentPath(2), std::string("\x10\x00", 2));  // created, then the crash
  auto log = Open();
  Write(*log, 2, 1);
  ASSERT_TRUE(log->Close(absl::Now()).ok());
  VerifyReport report = Verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.records, 3u);
}

class TamperTest : public SegmentLogTest {
 protected:
  // Three sealed segments of records, and an open fourth.
  void SetUp() override {
    auto log = Open(4096);
    Write(*log, 0, 150);
    ASSERT_TRUE(Verify().ok);
    ASSERT_GE(Verify().segments.size(), 3u);
  }
};

TEST_F(TamperTest, AChangedByteIsNamed) {
  std::string bytes = ReadFile(SegmentPath(2));
  const std::size_t at = bytes.find("req-");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 1] = 'E';
  WriteFile(SegmentPath(2), bytes);
  VerifyReport report = Verify();
  ASSERT_FALSE(report.ok);
  EXPECT_NE(report.problem.find("segment-00000002.log: record 1"), std::string::npos) << report.problem;
  EXPECT_NE(report.problem.find("hash mismatch"), std::string::npos) << report.problem;
}

TEST_F(TamperTest, ARemovedRecordIsNamed) {
  // The frame removed with its bytes: the next one no longer chains.
  std::string bytes = ReadFile(SegmentPath(2));
  std::istringstream in(bytes);
  SegmentScanner scanner(in);
  std::vector<std::uint64_t> offsets;
  while (scanner.Next() == SegmentScanner::Result::kFrame) offsets.push_back(scanner.offset());
  bytes.erase(offsets[3], offsets[4] - offsets[3]);
  WriteFile(SegmentPath(2), bytes);
  VerifyReport report = Verify();
  ASSERT_FALSE(report.ok);
  EXPECT_NE(report.problem.find("segment-00000002.log: record 3: holds record 4: records were removed or reordered"),
            std::string::npos)
      << report.problem;
}

TEST_F(TamperTest, TwoSwappedRecordsAreNamed) {
  std::string bytes = ReadFile(SegmentPath(1));
  std::istringstream in(bytes);
  SegmentScanner scanner(in);
  std::vector<std::uint64_t> offsets;
  while (scanner.Next() == SegmentScanner::Result::kFrame) offsets.push_back(scanner.offset());
  const std::string second = bytes.substr(offsets[2], offsets[3] - offsets[2]);
  const std::string first = bytes.substr(offsets[1], offsets[2] - offsets[1]);
  bytes.replace(offsets[1], first.size() + second.size(), second + first);
  WriteFile(SegmentPath(1), bytes);
  VerifyReport report = Verify();
  ASSERT_FALSE(report.ok);
  EXPECT_NE(report.problem.find("segment-00000001.log: record 1: holds record 2"), std::string::npos)
      << report.problem;
}

TEST_F(TamperTest, ARechainedSegmentFailsItsSeal) {
  std::vector<std::string> payloads = Payloads(ReadFile(SegmentPath(2)));
  v1::AuditFrame frame;
  ASSERT_TRUE(frame.ParseFromString(payloads[2]));
  frame.mutable_record()->set_client("someone-else");
  payloads[2] = frame.SerializeAsString();
  WriteFile(SegmentPath(2), Rechain(payloads));
  VerifyReport report = Verify();
  ASSERT_FALSE(report.ok);
  EXPECT_NE(report.problem.find("segment-00000002.log: bad seal"), std::string::npos) << report.problem;

  // The seal rewritten to the new last hash too: its signature fails.
  std::vector<std::string> again = Payloads(ReadFile(SegmentPath(2)));
  v1::AuditFrame seal;
  ASSERT_TRUE(seal.ParseFromString(again.back()));
  ASSERT_TRUE(seal.has_seal());
  std::string rebuilt = Rechain(std::vector<std::string>(again.begin(), again.end() - 1));
  std::istringstream in(rebuilt);
  SegmentScanner scanner(in);
  while (scanner.Next() == SegmentScanner::Result::kFrame) {
  }
  seal.mutable_seal()->set_last_hash(std::string(scanner.hash().begin(), scanner.hash().end()));
  again.back() = seal.SerializeAsString();
  WriteFile(SegmentPath(2), Rechain(again));
  report = Verify();
  ASSERT_FALSE(report.ok);
  EXPECT_NE(report.problem.find("segment-00000002.log: bad seal: the signature does not verify"),
            std::string::npos)
      << report.problem;
}

TEST_F(TamperTest, AMissingSegmentIsNamed) {
  ASSERT_EQ(::unlink(SegmentPath(2).c_str()), 0);
  VerifyReport report = Verify();
  ASSERT_FALSE(report.ok);
  EXPECT_NE(report.problem.find("segment-00000002.log: missing"), std::string::npos) << report.problem;
}

TEST_F(TamperTest, RenamedSegmentsAreNamed) {
  const std::string one = ReadFile(SegmentPath(1));
  WriteFile(SegmentPath(1), ReadFile(SegmentPath(2)));
  WriteFile(SegmentPath(2), one);
  VerifyReport report = Verify();
  ASSERT_FALSE(report.ok);
  EXPECT_NE(report.problem.find("segment-00000001.log: header: names itself segment 2"),
            std::string::npos)
      << report.problem;
}

TEST_F(TamperTest, SealsOfAnotherKeyAreNamed) {
  TempDir other;
  auto other_keys = testing::MakeKeys(other.path());
  VerifyReport report = VerifyAuditLog(AuditDir(), *other_keys.verifier);
  ASSERT_FALSE(report.ok);
  EXPECT_NE(report.problem.find("segment-00000001.log: bad seal: signed by key"), std::string::npos)
      << report.problem;
}

TEST_F(TamperTest, ARemovedSealedTailIsNamed) {
  // The last records and the seal of segment 1 cut away: segment 2's header no longer matches.
  std::string bytes = ReadFile(SegmentPath(1));
  std::istringstream in(bytes);
  SegmentScanner scanner(in);
  std::vector<std::uint64_t> offsets;
  while (scanner.Next() == SegmentScanner::Result::kFrame) offsets.push_back(scanner.offset());
  WriteFile(SegmentPath(1), bytes.substr(0, offsets[offsets.size() - 2]));
  VerifyReport report = Verify();
  ASSERT_FALSE(report.ok);
  EXPECT_NE(report.problem.find("segment-00000001.log: not sealed"), std::string::npos)
      << report.problem;
}

}  // namespace
}  // namespace ndxp::metering::audit
