#pragma once
// The access log's writer: one JSON line per call (access_log_line.h) to standard output, a file,
// or nowhere. A stalled or closed output never stalls or kills a call; whatever is lost is counted
// and reported to readiness.
//
// A calling thread formats its line and appends it to a buffer of its own (a mutex that only the
// flusher ever contends: decision 0007 measured this against spdlog's queue). It never does I/O
// on the log and never waits on the writer: when its buffer is full the line is dropped and
// counted. When its buffer passes half full it wakes the flusher early, once per half buffer (an
// 8-byte write to a non-blocking eventfd, which cannot block), so that a burst is written rather
// than dropped. One flusher thread writes the buffers out every flush_interval, when woken so,
// and on Flush():
//   - regular files (and /dev/null) take big writes;
//   - pipes, FIFOs, terminals and sockets are written in chunks of whole lines of at most PIPE_BUF
//     bytes (what poll() guarantees a pipe accepts, and atomic against other writers such as
//     standard error on the same pipe), each after poll() says the output is writable, with a
//     timeout, so the flusher waits for a stalled reader no longer than a round and notices a stop
//     or a flush request at once (an eventfd is polled beside the output). Its own open file
//     descriptions are non-blocking: a FIFO or terminal path is opened O_NONBLOCK, and standard
//     output that is a pipe or terminal is reopened through /proc/self/fd/1 (its own description,
//     so setting O_NONBLOCK does not touch the one the shell shares); sockets are written with
//     send(MSG_DONTWAIT | MSG_NOSIGNAL);
//   - a failed write (EPIPE, EBADF, ENOSPC, EIO, ...) drops the batch and counts it; nothing is
//     fatal. SIGPIPE cannot kill the process even when it is not ignored: all writes happen on the
//     flusher thread, which blocks SIGPIPE (a SIGPIPE raised by write() is sent to the writing
//     thread) and discards one left pending.
//
// Metrics (registered in Open; one writer per registry):
//   ndxp_gateway_access_log_written_lines_total
//   ndxp_gateway_access_log_dropped_lines_total{reason="buffer_full"|"write_error"|"flush_timeout"}
//   ndxp_gateway_access_log_buffered_bytes  (threads' buffers and the batch, as of the last round)
//
// Memory: at most thread_buffer_bytes per thread that has logged (a thread's buffer is freed once
// the thread has exited and its lines are written), plus the flusher's batch of at most
// max(batch_bytes, thread_buffer_bytes) and one more thread buffer it swaps out, plus one
// formatted line per thread. With the defaults and 64 calling threads: 64 MiB + 5 MiB at worst,
// reached only while the output does not keep up.
//
// Lines of different threads may be out of time order within a round; each carries its time.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <absl/base/thread_annotations.h>
#include <absl/status/statusor.h>
#include <absl/synchronization/mutex.h>
#include <absl/time/time.h>

#include "gateway/metrics/registry.h"
#include "gateway/stages/access_log/access_log_line.h"

namespace ndxp::stages {

struct AccessLogWriterOptions {
  // A calling thread's buffer: a line that does not fit is dropped (reason buffer_full). At
  // 10,000 calls/s on one thread and 300-byte lines a round needs 600 KiB.
  std::size_t thread_buffer_bytes = 1 << 20;
  // The most the flusher takes from the threads' buffers before it has written what it holds.
  std::size_t batch_bytes = 4 << 20;
  absl::Duration flush_interval = absl::Milliseconds(200);
  // At destruction: how long the last write may wait on a stalled output (call Flush first at
  // shutdown). What is still buffered after it is dropped (reason flush_timeout).
  absl::Duration close_wait = absl::Milliseconds(100);
  // Problem(): the window over which losses are reported, and how long the output may take
  // nothing while lines wait before it is reported stalled.
  absl::Duration problem_window = absl::Seconds(10);
  absl::Duration stall_after = absl::Seconds(2);
  // The clock of Problem()'s bookkeeping (not of the flusher's schedule); absl::Now when empty.
  // Called from the flusher and from Problem()'s caller: it must be thread-safe.
  std::function<absl::Time()> clock;
  // Called on the flusher thread after each round and each flush (tests wait on it; it must not
  // block or call back into the writer).
  std::function<void()> after_round;
};

class AccessLogWriter {
 public:
  using Options = AccessLogWriterOptions;

  // path: "-" for standard output, "" for no log (enabled() is false), else a file appended to
  // (created with mode 0640, less the umask). A path that cannot be opened (a FIFO with no reader
  // included: it is opened non-blocking) is UNAVAILABLE naming access_log.path.
  static absl::StatusOr<std::unique_ptr<AccessLogWriter>> Open(const std::string& path,
                                                               metrics::Registry& registry,
                                                               Options options = {});
  // Stops the flusher promptly, writes what is buffered waiting at most close_wait, counts the
  // rest.
  ~AccessLogWriter();
  AccessLogWriter(const AccessLogWriter&) = delete;
  AccessLogWriter& operator=(const AccessLogWriter&) = delete;

  bool enabled() const { return fd_ >= 0; }

  // Any thread. Formats the line and appends it to the calling thread's buffer; no I/O, no wait.
  void Write(const AccessLogEntry& entry);

  // Has the flusher write everything buffered and returns when it is written, or after max_wait
  // (and a little) at the latest. When the output did not take it all by then, whatever is still
  // buffered is dropped and counted (reason flush_timeout). A write error drops what it failed to
  // write (reason write_error). For shutdown, once calls have stopped.
  void Flush(absl::Duration max_wait);

  // Empty while healthy; otherwise one line for /readyz, e.g.
  //   "access log: 1234 lines dropped in the last 10s (standard output is not being read)"
  //   "access log: 12 lines dropped in the last 10s (writes failing: Broken pipe)"
  //   "access log: standard output is not being read (8192 bytes waiting for 5s)"
  //   "access log: the writer has been blocked writing to /var/log/ndxp/access.log for 5s"
  // The rule: unhealthy while a line was dropped or a write failed within the last
  // problem_window, while lines have been waiting longer than stall_after with the output taking
  // nothing, or while the flusher has not finished a round for stall_after + flush_interval (a
  // write hung in the kernel: a dead disk or NFS server). Healthy again once a whole window has
  // passed with nothing lost, no write failing and the output taking what it is given. Times are
  // Options::clock's; the flusher brings the state up to date every round.
  std::string Problem() const;

 private:
  struct ThreadBuffer;
  struct Output;
  enum class Reason { kBufferFull = 0, kWriteError = 1, kFlushTimeout = 2 };
  enum class Wait { kReady, kTimeout, kWoken };
  // Losses within the problem window, merged by the second.
  struct Loss {
    absl::Time at;
    std::uint64_t lines = 0;
  };

  AccessLogWriter(const Output& output, int wake_fd, metrics::Registry& registry, Options options);
  static Output OpenStandardOutput();
  static absl::StatusOr<Output> OpenPath(const std::string& path);
  static int KindOf(int fd);
  ThreadBuffer& LocalBuffer();
  absl::Time ClockNow() const;

  // The flusher thread and its steps; the members they touch are the flusher's alone.
  void Run();
  void RunRound(absl::Time deadline);
  void FlushUntil(absl::Time deadline);
  bool Collect();
  void WriteBatch(absl::Time deadline, bool interruptible);
  bool WriteChunk(absl::Time deadline, bool interruptible);
  Wait PollWritable(absl::Time deadline, bool interruptible);
  void WaitForWake(absl::Time deadline);
  void DrainWake();
  void Ring();
  void FailBatch(int error);
  void DropEverything(Reason reason);
  void CountDropped(std::uint64_t lines, Reason reason);
  void Publish();

  const int fd_;  // -1 when disabled
  const bool owns_fd_;
  const int kind_;            // Output::Kind
  const bool nonblocking_;    // fd_'s description is O_NONBLOCK (ours alone)
  const std::string target_;  // "standard output" or the path, for Problem()
  const int wake_fd_;         // eventfd: flush and stop requests wake the flusher's poll()
  const Options options_;
  const std::uint64_t id_;  // tells this writer's thread buffers from another's

  metrics::Counter& written_;
  metrics::Counter* dropped_[3];  // by Reason
  metrics::Gauge& buffered_;

  absl::Mutex buffers_mu_;
  std::vector<std::shared_ptr<ThreadBuffer>> buffers_ ABSL_GUARDED_BY(buffers_mu_);

  // Flusher-only state.
  std::string batch_;
  std::string spare_;             // swapped with a thread's buffer in Collect; empty in between
  std::size_t batch_offset_ = 0;  // bytes of batch_ already written
  std::size_t thread_bytes_ = 0;  // left in threads' buffers at the last Collect
  std::size_t rotation_ = 0;      // where Collect starts, so that no buffer is always last
  bool must_poll_ = false;        // the last write met EAGAIN
  bool progress_ = false;         // a write took bytes since the last Publish

  // Requests to the flusher.
  absl::Mutex mu_;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::uint64_t flush_requested_ ABSL_GUARDED_BY(mu_) = 0;
  std::uint64_t flush_done_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Time flush_deadline_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();

  // What Problem() reads.
  mutable absl::Mutex problem_mu_;
  std::deque<Loss> losses_ ABSL_GUARDED_BY(problem_mu_);
  absl::Time last_error_at_ ABSL_GUARDED_BY(problem_mu_) = absl::InfinitePast();
  std::string last_error_ ABSL_GUARDED_BY(problem_mu_);
  bool waiting_ ABSL_GUARDED_BY(problem_mu_) = false;      // lines wait for the output
  absl::Time waiting_since_ ABSL_GUARDED_BY(problem_mu_);  // or its last progress
  std::size_t waiting_bytes_ ABSL_GUARDED_BY(problem_mu_) = 0;
  absl::Time last_round_at_ ABSL_GUARDED_BY(problem_mu_);  // the flusher's last Publish

  std::thread flusher_;
};

}  // namespace ndxp::stages
