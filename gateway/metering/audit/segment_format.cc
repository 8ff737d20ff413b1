#include "gateway/metering/audit/segment_format.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>

namespace ndxp::metering::audit {
namespace {

constexpr std::string_view kSegmentPrefix = "segment-";
constexpr std::string_view kSegmentSuffix = ".log";
constexpr std::size_t kSequenceDigits = 8;

// Reads exactly `n` bytes; the count actually read otherwise.
std::size_t ReadFully(std::istream& in, char* into, std::size_t n) {
  in.read(into, static_cast<std::streamsize>(n));
  return static_cast<std::size_t>(in.gcount());
}

}  // namespace

Hash ChainHash(const Hash& previous, std::string_view payload) {
  // SHA-256 fetched once and a context per thread, kept: OpenSSL 3 would otherwise look the
  // digest up and allocate a context for every record.
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  struct Context {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(ctx); }
  };
  thread_local Context context;
  EVP_MD_CTX* ctx = context.ctx;
  Hash out;
  unsigned int size = 0;
  if (sha256 == nullptr || ctx == nullptr || EVP_DigestInit_ex(ctx, sha256, nullptr) != 1 ||
      EVP_DigestUpdate(ctx, previous.data(), previous.size()) != 1 ||
      EVP_DigestUpdate(ctx, payload.data(), payload.size()) != 1 ||
      EVP_DigestFinal_ex(ctx, out.data(), &size) != 1) {
    out.fill(0);  // out of memory: a hash that matches nothing
  }
  return out;
}

Hash AppendFrame(std::string& out, const Hash& previous, std::string_view payload) {
  const auto n = static_cast<std::uint32_t>(payload.size());
  const char length[4] = {static_cast<char>(n & 0xff), static_cast<char>((n >> 8) & 0xff),
                          static_cast<char>((n >> 16) & 0xff), static_cast<char>((n >> 24) & 0xff)};
  out.append(length, 4);
  out.append(payload);
  Hash hash = ChainHash(previous, payload);
  out.append(reinterpret_cast<const char*>(hash.data()), hash.size());
  return hash;
}

std::string SegmentFileName(std::uint64_t sequence) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%0*llu", static_cast<int>(kSequenceDigits),
                static_cast<unsigned long long>(sequence));
  return std::string(kSegmentPrefix) + digits + std::string(kSegmentSuffix);
}

std::string TornTailFileName(std::uint64_t sequence) { return SegmentFileName(sequence) + ".torn"; }

std::optional<std::uint64_t> SegmentSequenceOf(std::string_view name) {
  if (name.size() != kSegmentPrefix.size() + kSequenceDigits + kSegmentSuffix.size()) {
    return std::nullopt;
  }
  if (name.substr(0, kSegmentPrefix.size()) != kSegmentPrefix ||
      name.substr(name.size() - kSegmentSuffix.size()) != kSegmentSuffix) {
    return std::nullopt;
  }
  std::uint64_t value = 0;
  for (char c : name.substr(kSegmentPrefix.size(), kSequenceDigits)) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (value == 0) return std::nullopt;
  return value;
}

std::string HexOf(const std::uint8_t* data, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 0xf]);
  }
  return out;
}

SegmentScanner::Result SegmentScanner::Next() {
  if (done_) return Result::kEnd;
  offset_ = next_offset_;
  parsed_ = false;
  unsigned char length[4];
  const std::size_t got = ReadFully(in_, reinterpret_cast<char*>(length), 4);
  if (got == 0) {
    done_ = true;
    return Result::kEnd;
  }
  if (got < 4) {
    done_ = true;
    problem_ = "the file ends inside a frame's length";
    return Result::kTorn;
  }
  const std::uint32_t n = length[0] | (length[1] << 8) | (length[2] << 16) |
                          (static_cast<std::uint32_t>(length[3]) << 24);
  if (n > kMaxFramePayload) {
    done_ = true;
    problem_ = "frame length " + std::to_string(n) + " is over the bound of " +
               std::to_string(kMaxFramePayload);
    return Result::kBad;
  }
  payload_.resize(n);
  Hash stored;
  if (ReadFully(in_, payload_.data(), n) < n ||
      ReadFully(in_, reinterpret_cast<char*>(stored.data()), stored.size()) < stored.size()) {
    done_ = true;
    problem_ = "the file ends inside a frame";
    return Result::kTorn;
  }
  done_ = true;  // until the frame proves good
  parsed_ = frame_.ParseFromString(payload_);
  if (!parsed_) {
    problem_ = "the frame's payload is not an AuditFrame";
    return Result::kBad;
  }
  Hash previous = chain_;
  if (frames_ == 0) {
    if (!frame_.has_header()) {
      problem_ = "the first frame is not a segment header";
      return Result::kBad;
    }
    const std::string& declared = frame_.header().previous_hash();
    if (declared.size() != previous.size()) {
      problem_ = "the header's previous_hash is not 32 bytes";
      return Result::kBad;
    }
    std::copy(declared.begin(), declared.end(), previous.begin());
  }
  const Hash computed = ChainHash(previous, payload_);
  if (computed != stored) {
    problem_ = "hash mismatch (the frame was changed, or one before it was removed or moved)";
    return Result::kBad;
  }
  chain_ = computed;
  ++frames_;
  next_offset_ = offset_ + kFrameOverhead + n;
  done_ = false;
  return Result::kFrame;
}

}  // namespace ndxp::metering::audit
