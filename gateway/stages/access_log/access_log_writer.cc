#include "gateway/stages/access_log/access_log_writer.h"

#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <string_view>
#include <system_error>
#include <utility>

#include "gateway/core/strings.h"

namespace ndxp::stages {

struct AccessLogWriter::ThreadBuffer {
  absl::Mutex mu;
  std::string data ABSL_GUARDED_BY(mu);
  std::uint64_t dropped ABSL_GUARDED_BY(mu) = 0;  // lines refused since the last Collect
  bool rang ABSL_GUARDED_BY(mu) = false;          // woke the flusher since the last Collect
  std::atomic<bool> thread_gone{false};           // its thread has exited: free it once drained
  std::atomic<bool> writer_gone{false};           // its writer is destroyed: the thread forgets it
  bool retire = false;                            // the flusher's, under buffers_mu_
};

struct AccessLogWriter::Output {
  enum Kind { kFile = 0, kStream = 1, kSocket = 2 };
  int fd = -1;
  bool owned = false;
  Kind kind = kFile;
  bool nonblocking = false;
  std::string target;
};

namespace {

constexpr std::size_t kFileChunkBytes = 1 << 20;
constexpr std::size_t kStreamChunkBytes = PIPE_BUF;  // what POLLOUT guarantees a pipe takes
constexpr absl::Duration kFlushGrace = absl::Milliseconds(100);
std::atomic<std::uint64_t> next_writer_id{1};

std::string ErrnoText(int error) {
  return std::error_code(error, std::generic_category()).message();
}

}  // namespace

int AccessLogWriter::KindOf(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return Output::kStream;  // written with care; errors are counted
  if (S_ISREG(st.st_mode) || S_ISBLK(st.st_mode)) return Output::kFile;
  if (S_ISSOCK(st.st_mode)) return Output::kSocket;
  if (S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3)) return Output::kFile;  // /dev/null
  return Output::kStream;
}

// Standard output as is, except a pipe or terminal: reopened as a description of our own that
// can be non-blocking without changing the one the shell and other processes share.
AccessLogWriter::Output AccessLogWriter::OpenStandardOutput() {
  Output out{.fd = STDOUT_FILENO, .target = "standard output"};
  out.kind = static_cast<Output::Kind>(KindOf(STDOUT_FILENO));
  out.nonblocking = out.kind == Output::kSocket;  // send(MSG_DONTWAIT)
  if (out.kind != Output::kStream) return out;
  int fd = ::open("/proc/self/fd/1", O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return out;  // poll() before every write of at most PIPE_BUF bytes instead
  out.fd = fd;
  out.owned = true;
  out.nonblocking = true;
  return out;
}

absl::StatusOr<AccessLogWriter::Output> AccessLogWriter::OpenPath(const std::string& path) {
  // O_NONBLOCK: no effect on a regular file; a FIFO or terminal never blocks the flusher, and a
  // FIFO with no reader fails here (ENXIO) rather than hanging the start.
  int fd =
      ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0640);
  if (fd < 0) {
    int error = errno;
    return absl::UnavailableError(core::Cat("access_log.path: cannot open ", path, ": ",
                                            ErrnoText(error),
                                            error == ENXIO ? " (a FIFO with no reader?)" : ""));
  }
  Output out{.fd = fd, .owned = true, .nonblocking = true, .target = path};
  out.kind = static_cast<Output::Kind>(KindOf(fd));
  return out;
}

namespace {

AccessLogWriterOptions Normalized(AccessLogWriterOptions o) {
  o.thread_buffer_bytes = std::max<std::size_t>(o.thread_buffer_bytes, 1);
  o.batch_bytes = std::max(o.batch_bytes, o.thread_buffer_bytes);
  o.flush_interval = std::max(o.flush_interval, absl::Milliseconds(1));
  o.close_wait = std::max(o.close_wait, absl::ZeroDuration());
  if (!o.clock) o.clock = [] { return absl::Now(); };
  return o;
}

// Appends, growing the capacity to at most `cap` (std::string would double past it).
void AppendBounded(std::string& to, std::string_view from, std::size_t cap) {
  std::size_t needed = to.size() + from.size();
  if (needed > to.capacity()) to.reserve(std::max(needed, std::min(2 * to.capacity(), cap)));
  to.append(from);
}

std::uint64_t LinesIn(std::string_view bytes) {
  return static_cast<std::uint64_t>(std::count(bytes.begin(), bytes.end(), '\n'));
}

int PollMillis(absl::Time deadline) {
  absl::Duration left = deadline - absl::Now();
  if (left <= absl::ZeroDuration()) return 0;
  return static_cast<int>(std::min<std::int64_t>(
      absl::ToInt64Milliseconds(absl::Ceil(left, absl::Milliseconds(1))), INT_MAX));
}

// SIGPIPE raised by a write goes to the writing thread: blocked on the flusher, it cannot kill
// the process whatever the process's disposition.
void BlockSigpipe() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void DiscardPendingSigpipe() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  timespec zero{};
  while (sigtimedwait(&set, nullptr, &zero) == SIGPIPE) {
  }
}

std::string_view Plural(std::uint64_t n, std::string_view one, std::string_view many) {
  return n == 1 ? one : many;
}

}  // namespace

absl::StatusOr<std::unique_ptr<AccessLogWriter>> AccessLogWriter::Open(const std::string& path,
                                                                       metrics::Registry& registry,
                                                                       Options options) {
  Output output;
  if (path == "-") {
    output = OpenStandardOutput();
  } else if (!path.empty()) {
    auto opened = OpenPath(path);
    if (!opened.ok()) return opened.status();
    output = std::move(*opened);
  }
  int wake_fd = -1;
  if (output.fd >= 0) {
    wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (wake_fd < 0) {
      int error = errno;
      if (output.owned) ::close(output.fd);
      return absl::UnavailableError(
          core::Cat("access_log: cannot create the writer's eventfd: ", ErrnoText(error)));
    }
  }
  return std::unique_ptr<AccessLogWriter>(
      new AccessLogWriter(output, wake_fd, registry, std::move(options)));
}

AccessLogWriter::AccessLogWriter(const Output& output, int wake_fd, metrics::Registry& registry,
                                 Options options)
    : fd_(output.fd),
      owns_fd_(output.owned),
      kind_(output.kind),
      nonblocking_(output.nonblocking),
      target_(output.target),
      wake_fd_(wake_fd),
      options_(Normalized(std::move(options))),
      id_(next_writer_id++),
      written_(registry
                   .AddCounter("ndxp_gateway_access_log_written_lines_total",
                               "Access-log lines written to the log's output.", {})
                   .WithLabels({})),
      buffered_(registry
                    .AddGauge("ndxp_gateway_access_log_buffered_bytes",
                              "Bytes of access-log lines waiting to be written (calling threads' "
                              "buffers and the writer's batch), as of the writer's last round.",
                              {})
                    .WithLabels({})) {
  auto& dropped = registry.AddCounter(
      "ndxp_gateway_access_log_dropped_lines_total",
      "Access-log lines lost, by reason: buffer_full (a calling thread's buffer was full: the "
      "output did not keep up), write_error (the output refused a write), flush_timeout (a flush "
      "or the shutdown gave up on a stalled output).",
      {"reason"});
  dropped_[static_cast<int>(Reason::kBufferFull)] = &dropped.WithLabels({"buffer_full"});
  dropped_[static_cast<int>(Reason::kWriteError)] = &dropped.WithLabels({"write_error"});
  dropped_[static_cast<int>(Reason::kFlushTimeout)] = &dropped.WithLabels({"flush_timeout"});
  {
    absl::MutexLock lock(&problem_mu_);
    last_round_at_ = ClockNow();
  }
  if (fd_ >= 0) flusher_ = std::thread([this] { Run(); });
}

AccessLogWriter::~AccessLogWriter() {
  if (flusher_.joinable()) {
    {
      absl::MutexLock lock(&mu_);
      stop_ = true;
    }
    Ring();
    flusher_.join();
  }
  {
    absl::MutexLock lock(&buffers_mu_);
    for (auto& buffer : buffers_) {
      buffer->writer_gone.store(true, std::memory_order_release);
      absl::MutexLock buffer_lock(&buffer->mu);
      std::string().swap(buffer->data);  // a living thread keeps the buffer until it next logs
    }
  }
  if (owns_fd_) ::close(fd_);
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

absl::Time AccessLogWriter::ClockNow() const { return options_.clock(); }

AccessLogWriter::ThreadBuffer& AccessLogWriter::LocalBuffer() {
  struct Entry {
    std::uint64_t writer;
    std::shared_ptr<ThreadBuffer> buffer;
  };
  struct Local {
    std::vector<Entry> entries;
    ~Local() {
      for (auto& e : entries) e.buffer->thread_gone.store(true, std::memory_order_release);
    }
  };
  thread_local Local local;
  for (const Entry& e : local.entries) {
    if (e.writer == id_) return *e.buffer;
  }
  std::erase_if(local.entries, [](const Entry& e) {
    return e.buffer->writer_gone.load(std::memory_order_acquire);
  });
  auto buffer = std::make_shared<ThreadBuffer>();
  {
    absl::MutexLock lock(&buffers_mu_);
    buffers_.push_back(buffer);
  }
  local.entries.push_back(Entry{id_, buffer});
  return *buffer;
}

void AccessLogWriter::Write(const AccessLogEntry& entry) {
  if (fd_ < 0) return;
  thread_local std::string line;
  line.clear();
  AppendAccessLogLine(line, entry);
  line.push_back('\n');
  ThreadBuffer& buffer = LocalBuffer();
  bool ring = false;
  {
    absl::MutexLock lock(&buffer.mu);
    if (buffer.data.size() + line.size() > options_.thread_buffer_bytes) {
      ++buffer.dropped;
      return;
    }
    AppendBounded(buffer.data, line, options_.thread_buffer_bytes);
    // A burst: the flusher should not wait for its round. Once per half buffer, not per line.
    if (!buffer.rang && buffer.data.size() >= options_.thread_buffer_bytes / 2) {
      buffer.rang = true;
      ring = true;
    }
  }
  if (ring) Ring();
}

void AccessLogWriter::Flush(absl::Duration max_wait) {
  if (fd_ < 0) return;
  absl::Time deadline = absl::Now() + std::max(max_wait, absl::ZeroDuration());
  std::uint64_t ticket;
  {
    absl::MutexLock lock(&mu_);
    ticket = ++flush_requested_;
    flush_deadline_ = std::max(flush_deadline_, deadline);
  }
  Ring();
  absl::MutexLock lock(&mu_);
  auto done = [this, ticket]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return flush_done_ >= ticket; };
  mu_.AwaitWithDeadline(absl::Condition(&done), deadline + kFlushGrace);
}

// ---- The flusher thread ----

void AccessLogWriter::Run() {
  BlockSigpipe();
  for (;;) {
    absl::Time round_start = absl::Now();
    DrainWake();
    bool stop;
    std::uint64_t flush_ticket = 0;
    absl::Time flush_deadline;
    {
      absl::MutexLock lock(&mu_);
      stop = stop_;
      if (flush_requested_ > flush_done_) {
        flush_ticket = flush_requested_;
        flush_deadline = std::exchange(flush_deadline_, absl::InfinitePast());
      }
    }
    if (stop) {
      FlushUntil(round_start + options_.close_wait);
      DropEverything(Reason::kFlushTimeout);
      Publish();
      return;
    }
    if (flush_ticket != 0) {
      FlushUntil(flush_deadline);
      Publish();
      absl::MutexLock lock(&mu_);
      flush_done_ = std::max(flush_done_, flush_ticket);
      continue;
    }
    RunRound(round_start + options_.flush_interval);
    Publish();
    WaitForWake(round_start + options_.flush_interval);
  }
}

// Writes what the threads hold, until the output stalls or a request comes (at most until
// `deadline`).
void AccessLogWriter::RunRound(absl::Time deadline) {
  for (;;) {
    bool more = Collect();
    if (batch_offset_ == batch_.size()) return;
    WriteBatch(deadline, /*interruptible=*/true);
    if (batch_offset_ < batch_.size() || !more || absl::Now() >= deadline) return;
  }
}

// Writes everything buffered now; if the output has not taken it by `deadline`, drops it all.
void AccessLogWriter::FlushUntil(absl::Time deadline) {
  for (;;) {
    bool more = Collect();
    if (batch_offset_ == batch_.size()) return;
    WriteBatch(deadline, /*interruptible=*/false);
    if (batch_offset_ < batch_.size()) {
      DropEverything(Reason::kFlushTimeout);
      return;
    }
    if (!more || absl::Now() >= deadline) return;
  }
}

// Moves threads' buffers into the batch while it has room; true when some were left. Folds the
// threads' drop counts into the metric and frees the buffers of threads that have exited.
bool AccessLogWriter::Collect() {
  if (batch_offset_ > 0) {
    batch_.erase(0, batch_offset_);
    batch_offset_ = 0;
  }
  const std::size_t batch_cap = options_.batch_bytes;
  bool more = false;
  std::size_t left = 0;
  std::uint64_t refused = 0;
  {
    absl::MutexLock lock(&buffers_mu_);
    const std::size_t n = buffers_.size();
    const std::size_t start = n == 0 ? 0 : rotation_++ % n;
    for (std::size_t i = 0; i < n; ++i) {
      ThreadBuffer& b = *buffers_[(start + i) % n];
      const bool gone = b.thread_gone.load(std::memory_order_acquire);
      {
        // Held for a swap, never for a copy: the calling thread waits on it for nothing longer.
        absl::MutexLock buffer_lock(&b.mu);
        refused += std::exchange(b.dropped, 0);
        if (!b.data.empty()) {
          if (batch_.empty() || batch_.size() + b.data.size() <= batch_cap) {
            b.data.swap(spare_);  // spare_ is empty; its capacity serves the thread next
            b.rang = false;
          } else {
            more = true;
            left += b.data.size();
          }
        }
        b.retire = gone && b.data.empty();
      }
      AppendBounded(batch_, spare_, batch_cap);
      spare_.clear();
    }
    std::erase_if(buffers_, [](const std::shared_ptr<ThreadBuffer>& b) { return b->retire; });
  }
  thread_bytes_ = left;
  CountDropped(refused, Reason::kBufferFull);
  return more;
}

void AccessLogWriter::WriteBatch(absl::Time deadline, bool interruptible) {
  while (batch_offset_ < batch_.size()) {
    if (!WriteChunk(deadline, interruptible)) break;
  }
  if (batch_offset_ == batch_.size()) {
    batch_.clear();
    batch_offset_ = 0;
  }
}

// One write: false when the output did not become writable in time, a request came, or the
// write failed (the batch is then dropped).
bool AccessLogWriter::WriteChunk(absl::Time deadline, bool interruptible) {
  const bool stream = kind_ != Output::kFile;
  if (must_poll_ || (stream && !nonblocking_)) {
    if (PollWritable(deadline, interruptible) != Wait::kReady) return false;
  }
  std::string_view rest(batch_.data() + batch_offset_, batch_.size() - batch_offset_);
  std::size_t length = std::min(rest.size(), kFileChunkBytes);
  if (stream && rest.size() > kStreamChunkBytes) {
    // Whole lines, so that they stay whole beside another writer to the same pipe.
    std::size_t last_newline = rest.rfind('\n', kStreamChunkBytes - 1);
    length = last_newline == std::string_view::npos ? kStreamChunkBytes : last_newline + 1;
  }
  ssize_t n = kind_ == Output::kSocket
                  ? ::send(fd_, rest.data(), length, MSG_DONTWAIT | MSG_NOSIGNAL)
                  : ::write(fd_, rest.data(), length);
  if (n > 0) {
    must_poll_ = false;
    progress_ = true;
    written_.Inc(static_cast<double>(LinesIn(rest.substr(0, static_cast<std::size_t>(n)))));
    batch_offset_ += static_cast<std::size_t>(n);
    return true;
  }
  int error = n < 0 ? errno : EIO;
  if (error == EINTR) return true;
  if (error == EAGAIN || error == EWOULDBLOCK) {
    must_poll_ = true;
    return true;
  }
  FailBatch(error);
  return false;
}

AccessLogWriter::Wait AccessLogWriter::PollWritable(absl::Time deadline, bool interruptible) {
  for (;;) {
    pollfd fds[2] = {{fd_, POLLOUT, 0}, {wake_fd_, POLLIN, 0}};
    int r = ::poll(fds, interruptible ? 2 : 1, PollMillis(deadline));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return Wait::kReady;  // let the write report what is wrong
    if (interruptible && (fds[1].revents & POLLIN) != 0) return Wait::kWoken;
    if (fds[0].revents != 0) return Wait::kReady;  // POLLOUT, or POLLERR/POLLHUP/POLLNVAL
    if (absl::Now() >= deadline) return Wait::kTimeout;
  }
}

void AccessLogWriter::WaitForWake(absl::Time deadline) {
  for (;;) {
    pollfd fd{wake_fd_, POLLIN, 0};
    int r = ::poll(&fd, 1, PollMillis(deadline));
    if (r < 0 && errno == EINTR) continue;
    if (r != 0 || absl::Now() >= deadline) return;
  }
}

void AccessLogWriter::DrainWake() {
  std::uint64_t value;
  while (::read(wake_fd_, &value, sizeof value) < 0 && errno == EINTR) {
  }
}

void AccessLogWriter::Ring() {
  if (wake_fd_ < 0) return;
  std::uint64_t one = 1;
  while (::write(wake_fd_, &one, sizeof one) < 0 && errno == EINTR) {
  }
}

void AccessLogWriter::FailBatch(int error) {
  std::uint64_t lines = LinesIn(std::string_view(batch_).substr(batch_offset_));
  batch_.clear();
  batch_offset_ = 0;
  must_poll_ = false;
  if (error == EPIPE) DiscardPendingSigpipe();
  CountDropped(lines, Reason::kWriteError);
  absl::MutexLock lock(&problem_mu_);
  last_error_at_ = ClockNow();
  last_error_ = ErrnoText(error);
}

void AccessLogWriter::DropEverything(Reason reason) {
  std::uint64_t lines = LinesIn(std::string_view(batch_).substr(batch_offset_));
  std::uint64_t refused = 0;
  batch_.clear();
  batch_offset_ = 0;
  {
    absl::MutexLock lock(&buffers_mu_);
    for (auto& b : buffers_) {
      absl::MutexLock buffer_lock(&b->mu);
      lines += LinesIn(b->data);
      b->data.clear();
      b->rang = false;
      refused += std::exchange(b->dropped, 0);
    }
  }
  thread_bytes_ = 0;
  CountDropped(refused, Reason::kBufferFull);
  CountDropped(lines, reason);
}

void AccessLogWriter::CountDropped(std::uint64_t lines, Reason reason) {
  if (lines == 0) return;
  dropped_[static_cast<int>(reason)]->Inc(static_cast<double>(lines));
  absl::Time now = ClockNow();
  absl::MutexLock lock(&problem_mu_);
  if (!losses_.empty() && now - losses_.back().at < absl::Seconds(1)) {
    losses_.back().lines += lines;
  } else {
    losses_.push_back(Loss{now, lines});
  }
}

// The gauge and what Problem() reads; then the after_round hook.
void AccessLogWriter::Publish() {
  const std::size_t pending = batch_.size() - batch_offset_;
  buffered_.Set(static_cast<double>(pending + thread_bytes_));
  const absl::Time now = ClockNow();
  {
    absl::MutexLock lock(&problem_mu_);
    while (!losses_.empty() && losses_.front().at <= now - options_.problem_window) {
      losses_.pop_front();
    }
    if (pending == 0) {
      waiting_ = false;
    } else {
      if (!waiting_ || progress_) waiting_since_ = now;
      waiting_ = true;
    }
    waiting_bytes_ = pending + thread_bytes_;
    last_round_at_ = now;
  }
  progress_ = false;
  if (options_.after_round) options_.after_round();
}

// ---- Readiness ----

std::string AccessLogWriter::Problem() const {
  if (fd_ < 0) return "";
  const absl::Time now = ClockNow();
  absl::MutexLock lock(&problem_mu_);
  const absl::Time since = now - options_.problem_window;
  std::uint64_t lost = 0;
  for (const Loss& loss : losses_) {
    if (loss.at > since) lost += loss.lines;
  }
  const bool failing = last_error_at_ > since;
  const bool stalled = waiting_ && now - waiting_since_ >= options_.stall_after;
  const bool stuck = now - last_round_at_ >= options_.stall_after + options_.flush_interval;
  const std::string not_taking = core::Cat(
      target_, kind_ == Output::kFile ? " is not accepting writes" : " is not being read");
  if (lost > 0 || failing) {
    std::string cause = failing   ? core::Cat("writes failing: ", last_error_)
                        : stalled ? not_taking
                                  : core::Cat(target_, " is not keeping up");
    if (lost == 0) return core::Cat("access log: ", cause);
    return core::Cat("access log: ", lost, Plural(lost, " line", " lines"), " dropped in the last ",
                     absl::ToInt64Seconds(options_.problem_window), "s (", cause, ")");
  }
  if (stuck) {
    return core::Cat("access log: the writer has been blocked writing to ", target_, " for ",
                     absl::ToInt64Seconds(now - last_round_at_), "s");
  }
  if (stalled) {
    return core::Cat("access log: ", not_taking, " (", waiting_bytes_, " bytes waiting for ",
                     absl::ToInt64Seconds(now - waiting_since_), "s)");
  }
  return "";
}

}  // namespace ndxp::stages
