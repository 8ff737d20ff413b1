#include "gateway/metering/audit/segment_log.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

#include "gateway/core/strings.h"

namespace ndxp::metering::audit {
namespace {

namespace v1 = ::ndxp::gateway::v1;

absl::Status IoError(std::string_view what, const std::string& path) {
  return absl::InternalError(
      core::ToAbsl(core::Cat("audit log: cannot ", what, " ", path, ": ", std::strerror(errno))));
}

std::int64_t UnixMicros(absl::Time t) { return absl::ToUnixMicros(t); }

// The segment numbers in `dir`, in order.
absl::StatusOr<std::vector<std::uint64_t>> ListSegments(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return IoError("list", dir);
  std::vector<std::uint64_t> out;
  while (struct dirent* entry = ::readdir(d)) {
    if (auto seq = SegmentSequenceOf(entry->d_name)) out.push_back(*seq);
  }
  ::closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

absl::Status SyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IoError("open", dir);
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok ? absl::OkStatus() : IoError("sync", dir);
}

absl::Status WriteAll(int fd, std::string_view bytes, const std::string& path) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return IoError("write", path);
    done += static_cast<std::size_t>(n);
  }
  return absl::OkStatus();
}

}  // namespace

std::string SegmentLog::PathOf(std::uint64_t sequence) const {
  return core::Cat(options_.dir, "/", SegmentFileName(sequence));
}

absl::StatusOr<std::unique_ptr<SegmentLog>> SegmentLog::Open(Options options,
                                                             const SealSigner& signer,
                                                             Recovery* recovery) {
  if (::mkdir(options.dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return IoError("make", options.dir);
  }
  std::unique_ptr<SegmentLog> log(new SegmentLog(std::move(options), signer));
  Recovery found;
  if (auto s = log->Recover(found); !s.ok()) return s;
  if (recovery != nullptr) *recovery = found;
  return log;
}

SegmentLog::~SegmentLog() {
  if (fd_ >= 0) ::close(fd_);
}

absl::Status SegmentLog::Recover(Recovery& recovery) {
  for (;;) {
    auto segments = ListSegments(options_.dir);
    if (!segments.ok()) return segments.status();
    recovery.segments = segments->size();
    if (segments->empty()) {
      sequence_ = 0;
      last_hash_.fill(0);
      return absl::OkStatus();
    }
    const std::uint64_t last = segments->back();
    const std::string path = PathOf(last);
    std::ifstream in(path, std::ios::binary);
    if (!in) return IoError("read", path);
    SegmentScanner scanner(in);
    bool sealed = false;
    bool cut = false;
    std::uint64_t records = 0;
    Hash sealed_hash{};
    for (;;) {
      SegmentScanner::Result r = scanner.Next();
      if (r == SegmentScanner::Result::kEnd) break;
      if (r != SegmentScanner::Result::kFrame) {
        cut = true;
        break;
      }
      if (scanner.frame().has_seal()) {
        const std::string& h = scanner.frame().seal().last_hash();
        if (h.size() == sealed_hash.size()) std::copy(h.begin(), h.end(), sealed_hash.begin());
        sealed = true;
        break;
      }
      if (scanner.frame().has_record()) ++records;
    }
    in.close();
    if (sealed) {
      // Sealed: nothing to recover (verify judges it); the next record opens the next segment.
      sequence_ = last;
      last_hash_ = sealed_hash;
      return absl::OkStatus();
    }
    const std::string torn = core::Cat(options_.dir, "/", TornTailFileName(last));
    if (scanner.frames() == 0) {
      // Made but never given a whole header (a crash right after it was created): no record
      // is in it. Kept aside; the segment before is the last.
      if (::rename(path.c_str(), torn.c_str()) != 0) return IoError("move aside", path);
      recovery.torn_bytes += scanner.offset();
      continue;
    }
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return IoError("stat", path);
    const std::uint64_t size = static_cast<std::uint64_t>(st.st_size);
    const std::uint64_t keep = cut ? scanner.offset() : size;
    if (keep < size) {
      // The torn tail: kept for inspection, then cut away.
      std::ifstream tail_in(path, std::ios::binary);
      tail_in.seekg(static_cast<std::streamoff>(keep));
      std::string tail((std::istreambuf_iterator<char>(tail_in)), std::istreambuf_iterator<char>());
      int tfd = ::open(torn.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      if (tfd < 0) return IoError("create", torn);
      absl::Status written = WriteAll(tfd, tail, torn);
      if (written.ok() && ::fsync(tfd) != 0) written = IoError("sync", torn);
      ::close(tfd);
      if (!written.ok()) return written;
      if (::truncate(path.c_str(), static_cast<off_t>(keep)) != 0) return IoError("truncate", path);
      recovery.torn_bytes += size - keep;
    }
    fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd_ < 0) return IoError("open", path);
    sequence_ = last;
    last_hash_ = scanner.hash();
    frames_ = scanner.frames();
    bytes_ = keep;
    opened_at_ = absl::Now();
    recovery.sealed_segment = SegmentFileName(last);
    recovery.recovered_records = records;
    return Seal(absl::Now());
  }
}

absl::Status SegmentLog::OpenNext(absl::Time now) {
  const std::uint64_t next = sequence_ + 1;
  const std::string path = PathOf(next);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("create", path);
  if (auto s = SyncDir(options_.dir); !s.ok()) {
    ::close(fd);
    return s;
  }
  v1::AuditFrame frame;
  v1::AuditSegmentHeader& header = *frame.mutable_header();
  header.set_format_version(kFormatVersion);
  header.set_sequence(next);
  if (next > 1) header.set_previous_segment(SegmentFileName(next - 1));
  header.set_previous_hash(reinterpret_cast<const char*>(last_hash_.data()), last_hash_.size());
  header.set_created_unix_micros(UnixMicros(now));
  std::string payload = frame.SerializeAsString();
  pending_.clear();
  last_hash_ = AppendFrame(pending_, last_hash_, payload);
  fd_ = fd;
  sequence_ = next;
  frames_ = 1;
  bytes_ = pending_.size();
  opened_at_ = now;
  return absl::OkStatus();
}

absl::Status SegmentLog::Append(v1::AuditRecord& record, absl::Time now) {
  const std::uint64_t estimate = record.ByteSizeLong() + 16 + kFrameOverhead;
  if (fd_ >= 0 && frames_ > 1 &&
      (bytes_ + estimate > options_.max_bytes || now - opened_at_ >= options_.max_age)) {
    if (auto s = Seal(now); !s.ok()) return s;
  }
  if (fd_ < 0) {
    if (auto s = OpenNext(now); !s.ok()) return s;
  }
  record.set_index(frames_);
  v1::AuditFrame frame;
  frame.mutable_record()->Swap(&record);
  std::string payload = frame.SerializeAsString();
  if (payload.size() > kMaxFramePayload) {
    return absl::InvalidArgumentError("audit log: a record is over the frame bound");
  }
  last_hash_ = AppendFrame(pending_, last_hash_, payload);
  ++frames_;
  bytes_ += kFrameOverhead + payload.size();
  return absl::OkStatus();
}

absl::Status SegmentLog::WritePending() {
  if (pending_.empty()) return absl::OkStatus();
  if (fd_ < 0) return absl::InternalError("audit log: no open segment");
  if (auto s = WriteAll(fd_, pending_, PathOf(sequence_)); !s.ok()) return s;
  pending_.clear();
  return absl::OkStatus();
}

absl::Status SegmentLog::Flush() {
  if (fd_ < 0) return absl::OkStatus();
  if (auto s = WritePending(); !s.ok()) return s;
  if (::fdatasync(fd_) != 0) return IoError("sync", PathOf(sequence_));
  return absl::OkStatus();
}

absl::Status SegmentLog::Seal(absl::Time now) {
  if (fd_ < 0) return absl::OkStatus();
  const std::uint64_t records = frames_ - 1;
  v1::AuditFrame frame;
  v1::AuditSeal& seal = *frame.mutable_seal();
  seal.set_record_count(records);
  seal.set_last_hash(reinterpret_cast<const char*>(last_hash_.data()), last_hash_.size());
  seal.set_key_id(reinterpret_cast<const char*>(signer_.key_id().data()), signer_.key_id().size());
  const std::string signature = signer_.Sign(SealMessage(sequence_, records, last_hash_));
  if (signature.empty()) return absl::InternalError("audit log: cannot sign the seal");
  seal.set_signature(signature);
  seal.set_sealed_unix_micros(UnixMicros(now));
  // The seal is chained like any frame, but the chain carried on is the last record's hash.
  AppendFrame(pending_, last_hash_, frame.SerializeAsString());
  if (auto s = WritePending(); !s.ok()) return s;
  if (::fsync(fd_) != 0) return IoError("sync", PathOf(sequence_));
  ::close(fd_);
  fd_ = -1;
  frames_ = 0;
  bytes_ = 0;
  return absl::OkStatus();
}

absl::Status SegmentLog::SealIfOld(absl::Time now) {
  if (fd_ < 0 || frames_ <= 1 || now - opened_at_ < options_.max_age) return absl::OkStatus();
  return Seal(now);
}

absl::Status SegmentLog::Close(absl::Time now) { return Seal(now); }

}  // namespace ndxp::metering::audit
