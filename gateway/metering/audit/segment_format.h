#pragma once
// The audit log's segment files, byte for byte (proto/ndxp/gateway/v1/audit_log.proto and decision
// 0030): frames of [payload length: 4 bytes little-endian][payload: one AuditFrame][chain hash:
// 32 bytes], each hash SHA-256(previous hash || payload). Writing a frame, naming segment files,
// and reading frames back from bytes that are trusted in nothing: every length is bounded before
// anything is allocated, and a read never goes past the input.

#include <array>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

#include "ndxp/gateway/v1/audit_log.pb.h"

namespace ndxp::metering::audit {

using Hash = std::array<std::uint8_t, 32>;

inline constexpr std::uint32_t kFormatVersion = 1;
// A payload is at most this long (a record is a few hundred bytes; 64 subjects are 2 KiB).
inline constexpr std::uint32_t kMaxFramePayload = 256 * 1024;
inline constexpr std::size_t kFrameOverhead = 4 + 32;
// Subjects in one record at most; a stream's further subjects go in continuation records.
inline constexpr std::size_t kMaxSubjectsPerRecord = 64;

// SHA-256(previous || payload).
Hash ChainHash(const Hash& previous, std::string_view payload);
// Appends one frame to `out` and returns its hash.
Hash AppendFrame(std::string& out, const Hash& previous, std::string_view payload);

// "segment-00000042.log" for 42, and back (nullopt for any other name).
std::string SegmentFileName(std::uint64_t sequence);
std::optional<std::uint64_t> SegmentSequenceOf(std::string_view file_name);
// The quarantine of a segment's torn tail cut away at recovery: "segment-00000042.log.torn".
std::string TornTailFileName(std::uint64_t sequence);

std::string HexOf(const std::uint8_t* data, std::size_t size);
inline std::string HexOf(const Hash& hash) { return HexOf(hash.data(), hash.size()); }

// Reads the frames of one segment in order, checking each frame's hash against the chain: the
// first frame's against `header_previous` as its own payload declares it (the header's
// previous_hash), every other against the frame before.
class SegmentScanner {
 public:
  enum class Result {
    kFrame,  // frame(), payload(), hash() and offset() describe the frame read
    kEnd,    // the input ended after a whole frame (or was empty)
    kTorn,   // the input ends inside a frame: offset() is where that frame starts
    kBad,    // a whole frame that is wrong (length over the bound, hash, payload): problem()
  };
  explicit SegmentScanner(std::istream& in) : in_(in) {}

  Result Next();

  const ndxp::gateway::v1::AuditFrame& frame() const { return frame_; }
  const std::string& payload() const { return payload_; }
  // The last good frame's hash (the chain so far).
  const Hash& hash() const { return chain_; }
  // Where the frame read (or the torn or bad one) starts.
  std::uint64_t offset() const { return offset_; }
  // Frames read so far (the next frame's index).
  std::uint64_t frames() const { return frames_; }
  const std::string& problem() const { return problem_; }
  // Whether the frame read (or the bad one) parsed as an AuditFrame: frame() is meaningful.
  bool parsed() const { return parsed_; }

 private:
  std::istream& in_;
  ndxp::gateway::v1::AuditFrame frame_;
  std::string payload_;
  Hash chain_{};
  std::uint64_t offset_ = 0;
  std::uint64_t next_offset_ = 0;
  std::uint64_t frames_ = 0;
  std::string problem_;
  bool done_ = false;
  bool parsed_ = false;
};

}  // namespace ndxp::metering::audit
