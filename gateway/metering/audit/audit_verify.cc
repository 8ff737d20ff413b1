#include "gateway/metering/audit/audit_verify.h"

#include <dirent.h>

#include <algorithm>
#include <fstream>

#include "gateway/core/strings.h"
#include "gateway/metering/audit/segment_format.h"

namespace ndxp::metering::audit {
namespace {

namespace v1 = ::ndxp::gateway::v1;

std::vector<std::uint64_t> Segments(const std::string& dir, bool* listed) {
  std::vector<std::uint64_t> out;
  DIR* d = ::opendir(dir.c_str());
  *listed = d != nullptr;
  if (d == nullptr) return out;
  while (struct dirent* entry = ::readdir(d)) {
    if (auto seq = SegmentSequenceOf(entry->d_name)) out.push_back(*seq);
  }
  ::closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

bool ToHash(const std::string& bytes, Hash& out) {
  if (bytes.size() != out.size()) return false;
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return true;
}

// Checks one segment; "" when good. `previous_hash`/`previous_name` describe the segment
// before; on success `last_hash` is this one's.
std::string CheckSegment(const std::string& path, std::uint64_t sequence,
                         const std::string& previous_name, const Hash& previous_hash,
                         bool is_last, const SealVerifier& verifier, Hash& last_hash,
                         std::uint64_t& records, std::string& summary) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "cannot be read";
  SegmentScanner scanner(in);
  bool sealed = false;
  records = 0;
  for (;;) {
    const std::uint64_t position = scanner.frames();
    SegmentScanner::Result r = scanner.Next();
    if (r == SegmentScanner::Result::kEnd) break;
    const std::string where = position == 0 ? "header" : core::Cat("record ", position);
    if (r == SegmentScanner::Result::kTorn) {
      return core::Cat(where, " (byte ", scanner.offset(), "): ", scanner.problem(),
                       is_last ? " (a torn tail: the gateway recovers it at its next start)" : "");
    }
    const v1::AuditFrame& frame = scanner.frame();
    if (sealed) return core::Cat("frame ", position, ": found after the seal");
    if (r == SegmentScanner::Result::kBad) {
      if (scanner.parsed() && frame.has_record() && frame.record().index() != position) {
        return core::Cat(where, ": holds record ", frame.record().index(),
                         ": records were removed or reordered (", scanner.problem(), ")");
      }
      return core::Cat(where, " (byte ", scanner.offset(), "): ", scanner.problem());
    }
    if (position == 0) {
      const v1::AuditSegmentHeader& header = frame.header();
      if (header.format_version() != kFormatVersion) {
        return core::Cat("header: unknown format version ", header.format_version());
      }
      if (header.sequence() != sequence) {
        return core::Cat("header: names itself segment ", header.sequence(),
                         ": segments were renamed or reordered");
      }
      if (header.previous_segment() != previous_name) {
        return core::Cat("header: names \"", header.previous_segment(),
                         "\" as the segment before, expected \"", previous_name, "\"");
      }
      Hash declared{};
      ToHash(header.previous_hash(), declared);
      if (declared != previous_hash) {
        return core::Cat("header: the previous segment's last hash is ", HexOf(previous_hash),
                         ", this header carries ", HexOf(declared),
                         ": a segment before was rewritten, removed or reordered");
      }
      last_hash = scanner.hash();
      continue;
    }
    if (frame.has_header()) return core::Cat(where, ": a second header");
    if (frame.has_record()) {
      if (frame.record().index() != position) {
        return core::Cat(where, ": holds record ", frame.record().index(),
                         ": records were removed or reordered");
      }
      ++records;
      last_hash = scanner.hash();
      continue;
    }
    if (!frame.has_seal()) return core::Cat(where, ": an empty frame");
    const v1::AuditSeal& seal = frame.seal();
    Hash sealed_hash{};
    if (seal.record_count() != records) {
      return core::Cat("seal: says ", seal.record_count(), " records, the segment has ", records);
    }
    if (!ToHash(seal.last_hash(), sealed_hash) || sealed_hash != last_hash) {
      return "bad seal: the sealed last hash is not the chain's (the segment was rewritten)";
    }
    Hash key_id{};
    if (!ToHash(seal.key_id(), key_id) || key_id != verifier.key_id()) {
      return core::Cat("bad seal: signed by key ", HexOf(key_id), ", not by the key given (",
                       HexOf(verifier.key_id()), ")");
    }
    if (!verifier.Verify(SealMessage(sequence, records, last_hash), seal.signature())) {
      return "bad seal: the signature does not verify";
    }
    sealed = true;
  }
  if (scanner.frames() == 0) return "header: missing (empty file)";
  if (!sealed && !is_last) return "not sealed, and a later segment exists";
  summary = core::Cat(SegmentFileName(sequence), ": ", records, " records, ",
                      sealed ? "sealed" : "open (not sealed yet)");
  return "";
}

}  // namespace

VerifyReport VerifyAuditLog(const std::string& dir, const SealVerifier& verifier) {
  VerifyReport report;
  bool listed = false;
  std::vector<std::uint64_t> segments = Segments(dir, &listed);
  if (!listed) {
    report.ok = false;
    report.problem = core::Cat(dir, ": cannot be read");
    return report;
  }
  Hash previous{};
  std::string previous_name;
  std::uint64_t expected = 1;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::uint64_t sequence = segments[i];
    if (sequence != expected) {
      report.ok = false;
      report.problem = core::Cat(SegmentFileName(expected), ": missing (the next segment found is ",
                                 SegmentFileName(sequence), ")");
      return report;
    }
    const std::string name = SegmentFileName(sequence);
    Hash last{};
    std::uint64_t records = 0;
    std::string summary;
    std::string problem = CheckSegment(core::Cat(dir, "/", name), sequence, previous_name,
                                       previous, i + 1 == segments.size(), verifier, last,
                                       records, summary);
    if (!problem.empty()) {
      report.ok = false;
      report.problem = core::Cat(name, ": ", problem);
      return report;
    }
    report.records += records;
    report.segments.push_back(summary);
    previous = last;
    previous_name = name;
    expected = sequence + 1;
  }
  return report;
}

void ForEachAuditRecord(const std::string& dir,
                        const std::function<void(const v1::AuditRecord&)>& each,
                        const std::function<void(const std::string&)>& warn) {
  bool listed = false;
  for (std::uint64_t sequence : Segments(dir, &listed)) {
    const std::string name = SegmentFileName(sequence);
    std::ifstream in(core::Cat(dir, "/", name), std::ios::binary);
    if (!in) {
      warn(core::Cat(name, ": cannot be read"));
      continue;
    }
    SegmentScanner scanner(in);
    for (;;) {
      SegmentScanner::Result r = scanner.Next();
      if (r == SegmentScanner::Result::kEnd) break;
      if (r != SegmentScanner::Result::kFrame) {
        warn(core::Cat(name, ": read up to frame ", scanner.frames(), ": ", scanner.problem()));
        break;
      }
      if (scanner.frame().has_record()) each(scanner.frame().record());
    }
  }
  if (!listed) warn(core::Cat(dir, ": cannot be read"));
}

}  // namespace ndxp::metering::audit
