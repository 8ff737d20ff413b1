// The audit segment reader on arbitrary bytes (recovery and `ndxpctl audit verify` read files that
// are trusted in nothing), in two modes picked by the first byte: the rest as a segment file, or
// the rest with every frame's chain hash rewritten to the right one, so that the fuzzer reaches
// the payload checks behind the hashes. The scanner ends within the input (a frame is at least 36
// bytes), its offsets grow and stay inside the input, the frames it returns are whole, and in the
// second mode it never reports a hash mismatch.
#include <cstdint>
#include <sstream>
#include <string>

#include "gateway/metering/audit/segment_format.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using namespace ndxp::metering::audit;

std::uint32_t LengthAt(const std::string& bytes, std::size_t at) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + at);
  return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

// Rewrites each whole frame's hash as the writer would have computed it.
void Rehash(std::string& bytes) {
  Hash chain{};
  std::size_t at = 0;
  bool first = true;
  while (at + 4 <= bytes.size()) {
    const std::uint32_t n = LengthAt(bytes, at);
    if (n > kMaxFramePayload || at + kFrameOverhead + n > bytes.size()) return;
    const std::string_view payload(bytes.data() + at + 4, n);
    if (first) {
      ndxp::gateway::v1::AuditFrame frame;
      if (frame.ParseFromArray(payload.data(), static_cast<int>(n)) && frame.has_header() &&
          frame.header().previous_hash().size() == chain.size()) {
        std::copy(frame.header().previous_hash().begin(), frame.header().previous_hash().end(),
                  chain.begin());
      }
      first = false;
    }
    chain = ChainHash(chain, payload);
    std::copy(chain.begin(), chain.end(), bytes.begin() + static_cast<std::ptrdiff_t>(at + 4 + n));
    at += kFrameOverhead + n;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool rehash = (data[0] & 1) != 0;
  std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  if (rehash) Rehash(bytes);
  std::istringstream in(bytes);
  SegmentScanner scanner(in);
  std::uint64_t previous_end = 0;
  std::uint64_t frames = 0;
  for (std::size_t steps = 0;; ++steps) {
    NDXP_FUZZ_CHECK(steps <= bytes.size() / kFrameOverhead + 1);
    const SegmentScanner::Result result = scanner.Next();
    if (result == SegmentScanner::Result::kFrame) {
      NDXP_FUZZ_CHECK(scanner.offset() == previous_end);
      NDXP_FUZZ_CHECK(scanner.payload().size() <= kMaxFramePayload);
      previous_end = scanner.offset() + kFrameOverhead + scanner.payload().size();
      NDXP_FUZZ_CHECK(previous_end <= bytes.size());
      NDXP_FUZZ_CHECK(scanner.parsed());
      NDXP_FUZZ_CHECK(++frames == scanner.frames());
      if (frames == 1) NDXP_FUZZ_CHECK(scanner.frame().has_header());
      continue;
    }
    if (result == SegmentScanner::Result::kEnd) {
      NDXP_FUZZ_CHECK(previous_end == bytes.size());
    } else {
      NDXP_FUZZ_CHECK(scanner.offset() == previous_end && previous_end < bytes.size());
      NDXP_FUZZ_CHECK(!scanner.problem().empty());
      if (rehash) NDXP_FUZZ_CHECK(scanner.problem().find("hash mismatch") == std::string::npos);
    }
    NDXP_FUZZ_CHECK(scanner.Next() == SegmentScanner::Result::kEnd);  // it stays ended
    break;
  }
  return 0;
}
