// The access-log writer: every line reaches a file, Flush, disabled and unopenable logs, and the
// defect it exists for: a stalled or closed output must never stall or kill the calling threads,
// and every lost line is counted and reported.
#include "gateway/stages/access_log/access_log_writer.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <functional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <absl/synchronization/mutex.h>
#include <absl/synchronization/notification.h>
#include <gtest/gtest.h>

#include "gateway/metrics/registry.h"

namespace ndxp::stages {
namespace {

using Options = AccessLogWriter::Options;

constexpr std::string_view kWritten = "ndxp_gateway_access_log_written_lines_total";
constexpr std::string_view kBufferFull =
    "ndxp_gateway_access_log_dropped_lines_total{reason=\"buffer_full\"}";
constexpr std::string_view kWriteError =
    "ndxp_gateway_access_log_dropped_lines_total{reason=\"write_error\"}";
constexpr std::string_view kFlushTimeout =
    "ndxp_gateway_access_log_dropped_lines_total{reason=\"flush_timeout\"}";
constexpr std::string_view kBuffered = "ndxp_gateway_access_log_buffered_bytes";

double Sample(const metrics::Registry& registry, std::string_view series) {
  std::string text = registry.Render();
  std::string key = "\n" + std::string(series) + " ";
  std::size_t at = text.find(key);
  if (at == std::string::npos) {
    ADD_FAILURE() << "no sample " << series << " in\n" << text;
    return -1;
  }
  return std::stod(text.substr(at + key.size()));
}

std::string TempPath(std::string_view name) {
  std::string path = ::testing::TempDir() + "/access-" + std::to_string(::getpid()) + "-" +
                     std::string(name) + ".log";
  std::remove(path.c_str());
  return path;
}

std::string ReadFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "r");
  std::string out;
  if (f == nullptr) return out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
  std::fclose(f);
  return out;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(text.substr(start, nl - start));
  }
  return lines;
}

bool IsWholeLine(const std::string& line) {
  return line.starts_with("{\"time\":\"") && line.ends_with("}");
}

AccessLogEntry EntryWithId(std::string_view id) {
  AccessLogEntry entry;
  entry.time = absl::Now();
  entry.request_id = id;
  entry.protocol = "grpc";
  entry.client = "VN:PROV:79:ONESTOP";
  entry.method = "/ndxp.population.v1.PopulationService/GetCitizen";
  entry.status = "OK";
  entry.duration_seconds = 0.001;
  entry.bytes_in = 14;
  entry.bytes_out = 321;
  return entry;
}

// The time Problem() reads, moved by hand.
class FakeClock {
 public:
  std::function<absl::Time()> Fn() {
    return [this] { return absl::FromUnixMicros(micros_.load()); };
  }
  void Advance(absl::Duration d) { micros_ += absl::ToInt64Microseconds(d); }

 private:
  std::atomic<std::int64_t> micros_{1'700'000'000'000'000};
};

// Counts the writer's rounds (its after_round hook) so that a test can wait for one.
class Rounds {
 public:
  std::function<void()> Hook() {
    return [this] {
      absl::MutexLock lock(&mu_);
      ++count_;
    };
  }
  // Waits until `n` more rounds have ended: the last of them started after this call.
  bool WaitFor(int n, absl::Duration bound = absl::Seconds(10)) {
    absl::MutexLock lock(&mu_);
    const std::uint64_t target = count_ + static_cast<std::uint64_t>(n);
    auto reached = [this, target] { return count_ >= target; };
    return mu_.AwaitWithTimeout(absl::Condition(&reached), bound);
  }

 private:
  absl::Mutex mu_;
  std::uint64_t count_ = 0;
};

// A pipe whose write end the writer opens as /dev/fd/N.
class Pipe {
 public:
  explicit Pipe(int capacity = 0) {
    int fds[2];
    EXPECT_EQ(::pipe2(fds, O_CLOEXEC), 0);
    read_fd_ = fds[0];
    write_fd_ = fds[1];
    if (capacity > 0) {
      EXPECT_GE(::fcntl(write_fd_, F_SETPIPE_SZ, capacity), capacity);
    }
  }
  ~Pipe() {
    CloseReadEnd();
    CloseWriteEnd();
  }
  std::string path() const { return "/dev/fd/" + std::to_string(write_fd_); }
  int write_fd() const { return write_fd_; }
  void CloseReadEnd() {
    if (read_fd_ >= 0) ::close(read_fd_);
    read_fd_ = -1;
  }
  void CloseWriteEnd() {
    if (write_fd_ >= 0) ::close(write_fd_);
    write_fd_ = -1;
  }
  // Reads until `done(text)`, end of file, or `bound`; returns what was read.
  std::string ReadUntil(const std::function<bool(const std::string&)>& done, absl::Duration bound) {
    std::string text;
    absl::Time deadline = absl::Now() + bound;
    while (!done(text) && absl::Now() < deadline) {
      pollfd fd{read_fd_, POLLIN, 0};
      int ms = static_cast<int>(absl::ToInt64Milliseconds(deadline - absl::Now())) + 1;
      if (::poll(&fd, 1, ms) <= 0) continue;
      char buf[65536];
      ssize_t n = ::read(read_fd_, buf, sizeof buf);
      if (n <= 0) break;
      text.append(buf, static_cast<std::size_t>(n));
    }
    return text;
  }

 private:
  int read_fd_ = -1;
  int write_fd_ = -1;
};

// Runs `work` on a thread and waits for it at most `bound`. On timeout, `unblock` runs so that
// the thread can finish (the test fails either way); never a bare sleep.
bool FinishesWithin(absl::Duration bound, const std::function<void()>& work,
                    const std::function<void()>& unblock) {
  absl::Notification done;
  std::thread worker([&] {
    work();
    done.Notify();
  });
  bool in_time = done.WaitForNotificationWithTimeout(bound);
  if (!in_time) unblock();
  worker.join();
  return in_time;
}

// Closing the read end turns a blocked write into EPIPE; SIGPIPE is ignored so that the failing
// test reports instead of dying.
void UnblockByClosing(Pipe& pipe) {
  ::signal(SIGPIPE, SIG_IGN);
  pipe.CloseReadEnd();
}

// Every line, once, whole. The threads write in a tight loop (some 100,000 lines/s each, far past
// any thread's call rate), and on a loaded machine the flusher may not run for tens of
// milliseconds, so the buffers are sized to hold a thread's burst: this test is about lines
// arriving intact; what happens when a buffer is full is the stalled-pipe test's subject.
TEST(AccessLogWriterTest, EveryLineFromFourThreadsReachesTheFile) {
  std::string path = TempPath("threads");
  metrics::Registry registry;
  {
    Options options;
    options.thread_buffer_bytes = 4 << 20;
    auto writer = AccessLogWriter::Open(path, registry, options);
    ASSERT_TRUE(writer.ok()) << writer.status();
    EXPECT_TRUE((*writer)->enabled());
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&writer, t] {
        for (int i = 0; i < 5000; ++i) {
          std::string id = "t" + std::to_string(t) + "-" + std::to_string(i);
          (*writer)->Write(EntryWithId(id));
        }
      });
    }
    for (auto& t : threads) t.join();
  }  // destruction flushes
  std::vector<std::string> lines = Lines(ReadFile(path));
  ASSERT_EQ(lines.size(), 20000u);
  std::set<std::string> ids;
  for (const std::string& line : lines) {
    ASSERT_TRUE(IsWholeLine(line)) << line;
    std::size_t at = line.find("\"request_id\":\"") + 14;
    ids.insert(line.substr(at, line.find('"', at) - at));
  }
  EXPECT_EQ(ids.size(), 20000u);
  EXPECT_TRUE(ids.count("t0-0") && ids.count("t3-4999"));
  EXPECT_EQ(Sample(registry, kWritten), 20000);
  EXPECT_EQ(Sample(registry, kBufferFull), 0);
  EXPECT_EQ(Sample(registry, kWriteError), 0);
  EXPECT_EQ(Sample(registry, kFlushTimeout), 0);
  std::remove(path.c_str());
}

TEST(AccessLogWriterTest, FlushWritesWhatWasLoggedSoFar) {
  std::string path = TempPath("flush");
  metrics::Registry registry;
  Options options;
  options.flush_interval = absl::Hours(1);  // only Flush writes
  auto writer = AccessLogWriter::Open(path, registry, options);
  ASSERT_TRUE(writer.ok());
  (*writer)->Write(EntryWithId("first"));
  EXPECT_EQ(ReadFile(path), "");
  (*writer)->Flush(absl::Seconds(10));
  EXPECT_NE(ReadFile(path).find("\"request_id\":\"first\""), std::string::npos);
  EXPECT_EQ(Sample(registry, kWritten), 1);
  EXPECT_EQ(Sample(registry, kBuffered), 0);
  EXPECT_EQ((*writer)->Problem(), "");
  std::remove(path.c_str());
}

TEST(AccessLogWriterTest, AFileIsCreated0640OrAppendedTo) {
  std::string path = TempPath("append");
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    std::fputs("existing\n", f);
    std::fclose(f);
  }
  metrics::Registry registry;
  auto writer = AccessLogWriter::Open(path, registry);
  ASSERT_TRUE(writer.ok());
  (*writer)->Write(EntryWithId("appended"));
  (*writer)->Flush(absl::Seconds(10));
  std::string text = ReadFile(path);
  EXPECT_TRUE(text.starts_with("existing\n{\"time\":")) << text;

  std::string fresh = TempPath("fresh");
  metrics::Registry other;
  ASSERT_TRUE(AccessLogWriter::Open(fresh, other).ok());
  struct stat st {};
  ASSERT_EQ(::stat(fresh.c_str(), &st), 0);
  mode_t mask = ::umask(0);
  ::umask(mask);
  EXPECT_EQ(st.st_mode & 0777, 0640 & ~mask);
  std::remove(path.c_str());
  std::remove(fresh.c_str());
}

TEST(AccessLogWriterTest, DisabledLogDoesNothing) {
  metrics::Registry registry;
  auto disabled = AccessLogWriter::Open("", registry);
  ASSERT_TRUE(disabled.ok());
  EXPECT_FALSE((*disabled)->enabled());
  (*disabled)->Write(EntryWithId("x"));  // a no-op, not a crash
  (*disabled)->Flush(absl::Seconds(1));
  EXPECT_EQ((*disabled)->Problem(), "");
  EXPECT_EQ(Sample(registry, kWritten), 0);  // the metrics exist all the same
}

TEST(AccessLogWriterTest, UnopenablePathIsUnavailableNamingTheKey) {
  metrics::Registry registry;
  auto bad = AccessLogWriter::Open("/nonexistent-dir/x/access.log", registry);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(std::string(bad.status().message()).find("access_log.path"), std::string::npos)
      << bad.status();
  EXPECT_NE(std::string(bad.status().message()).find("/nonexistent-dir/x/access.log"),
            std::string::npos);
}

TEST(AccessLogWriterTest, StopIsPromptAndWritesWhatIsLeft) {
  std::string path = TempPath("stop");
  metrics::Registry registry;
  Options options;
  options.flush_interval = absl::Hours(1);  // the flusher sleeps: only the stop can wake it
  auto writer = AccessLogWriter::Open(path, registry, options);
  ASSERT_TRUE(writer.ok());
  (*writer)->Write(EntryWithId("last"));
  EXPECT_TRUE(FinishesWithin(
      absl::Seconds(10), [&] { writer->reset(); }, [] {}));
  EXPECT_NE(ReadFile(path).find("\"request_id\":\"last\""), std::string::npos);
  std::remove(path.c_str());
}

TEST(AccessLogWriterTest, TwoWritersOnOneThreadKeepTheirLinesApart) {
  std::string path_a = TempPath("a"), path_b = TempPath("b");
  metrics::Registry registry_a, registry_b;
  {
    auto a = AccessLogWriter::Open(path_a, registry_a);
    auto b = AccessLogWriter::Open(path_b, registry_b);
    ASSERT_TRUE(a.ok() && b.ok());
    for (int i = 0; i < 100; ++i) {
      (*a)->Write(EntryWithId("a" + std::to_string(i)));
      (*b)->Write(EntryWithId("b" + std::to_string(i)));
    }
  }
  std::string text_a = ReadFile(path_a), text_b = ReadFile(path_b);
  EXPECT_EQ(Lines(text_a).size(), 100u);
  EXPECT_EQ(Lines(text_b).size(), 100u);
  EXPECT_EQ(text_a.find("\"request_id\":\"b"), std::string::npos);
  EXPECT_EQ(text_b.find("\"request_id\":\"a"), std::string::npos);
  std::remove(path_a.c_str());
  std::remove(path_b.c_str());
}

TEST(AccessLogWriterTest, LinesReachAPipeWithoutFlush) {
  Pipe pipe;
  metrics::Registry registry;
  auto writer = AccessLogWriter::Open(pipe.path(), registry);
  ASSERT_TRUE(writer.ok()) << writer.status();
  (*writer)->Write(EntryWithId("periodic"));
  std::string text = pipe.ReadUntil(
      [](const std::string& t) { return t.find('\n') != std::string::npos; }, absl::Seconds(10));
  EXPECT_NE(text.find("\"request_id\":\"periodic\""), std::string::npos) << text;
}

// The defect: with the output a pipe nobody reads, calls went to 0/s. Writes must go on at full
// speed (100,000 of them complete while the pipe is full, which deadlocks a writer that blocks),
// the losses be counted and reported, and lines flow again once the pipe is read.
TEST(AccessLogWriterTest, AStalledPipeNeverBlocksWritersAndLossesAreCounted) {
  Pipe pipe(4096);
  FakeClock clock;
  Rounds rounds;
  metrics::Registry registry;
  Options options;
  options.thread_buffer_bytes = 64 << 10;
  options.batch_bytes = 64 << 10;
  options.flush_interval = absl::Milliseconds(20);
  options.clock = clock.Fn();
  options.after_round = rounds.Hook();
  auto writer = AccessLogWriter::Open(pipe.path(), registry, options);
  ASSERT_TRUE(writer.ok()) << writer.status();
  EXPECT_EQ((*writer)->Problem(), "");

  bool finished = FinishesWithin(
      absl::Seconds(30),
      [&] {
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
          threads.emplace_back([&, t] {
            for (int i = 0; i < 25000; ++i) {
              (*writer)->Write(EntryWithId("s" + std::to_string(t) + "-" + std::to_string(i)));
            }
          });
        }
        for (auto& t : threads) t.join();
      },
      [&] { UnblockByClosing(pipe); });
  ASSERT_TRUE(finished) << "Write blocked on a pipe nobody reads";

  ASSERT_TRUE(rounds.WaitFor(2));  // the flusher has counted the threads' losses
  const double written = Sample(registry, kWritten);
  const double dropped = Sample(registry, kBufferFull);
  // The pipe (4 KiB), the batch and four thread buffers (64 KiB each) hold ~1,300 lines at most.
  EXPECT_GT(dropped, 98000);
  EXPECT_LE(written + dropped, 100000);
  EXPECT_GT(Sample(registry, kBuffered), 0);
  std::string problem = (*writer)->Problem();
  EXPECT_TRUE(problem.starts_with("access log: ")) << problem;
  EXPECT_NE(problem.find(" lines dropped in the last 10s ("), std::string::npos) << problem;
  clock.Advance(absl::Seconds(3));  // past stall_after with nothing taken
  ASSERT_TRUE(rounds.WaitFor(1));
  problem = (*writer)->Problem();
  EXPECT_NE(problem.find("(" + pipe.path() + " is not being read)"), std::string::npos) << problem;

  // The reader comes back (and reads to the end of the file): what was buffered, and new lines,
  // flow again.
  std::string text;
  std::thread reader(
      [&] { text = pipe.ReadUntil([](const std::string&) { return false; }, absl::Seconds(60)); });
  for (int i = 0; i < 10; ++i) (*writer)->Write(EntryWithId("after-" + std::to_string(i)));
  (*writer)->Flush(absl::Seconds(30));
  EXPECT_GE(Sample(registry, kWritten), written + 10);
  EXPECT_EQ(Sample(registry, kFlushTimeout), 0);
  EXPECT_EQ(Sample(registry, kBuffered), 0);
  EXPECT_NE((*writer)->Problem(), "");  // the losses are still within the window
  clock.Advance(options.problem_window + absl::Seconds(1));
  ASSERT_TRUE(rounds.WaitFor(1));
  EXPECT_EQ((*writer)->Problem(), "");
  const double written_at_end = Sample(registry, kWritten);
  writer->reset();
  pipe.CloseWriteEnd();  // end of file for the reader
  reader.join();
  EXPECT_NE(text.find("\"request_id\":\"after-9\""), std::string::npos);
  std::vector<std::string> lines = Lines(text);
  EXPECT_EQ(lines.size(), static_cast<std::size_t>(written_at_end));
  for (const std::string& line : lines) ASSERT_TRUE(IsWholeLine(line)) << line;
}

TEST(AccessLogWriterTest, FlushAndStopGiveUpOnAStalledPipeWithinTheirBound) {
  Pipe pipe(4096);
  metrics::Registry registry;
  Options options;
  options.flush_interval = absl::Hours(1);  // only Flush and the stop write
  options.close_wait = absl::Milliseconds(100);
  auto writer = AccessLogWriter::Open(pipe.path(), registry, options);
  ASSERT_TRUE(writer.ok()) << writer.status();
  for (int i = 0; i < 1000; ++i) (*writer)->Write(EntryWithId("f" + std::to_string(i)));

  absl::Duration took;
  ASSERT_TRUE(FinishesWithin(
      absl::Seconds(30),
      [&] {
        absl::Time start = absl::Now();
        (*writer)->Flush(absl::Milliseconds(300));
        took = absl::Now() - start;
      },
      [&] { UnblockByClosing(pipe); }));
  EXPECT_LT(took, absl::Milliseconds(300) + absl::Seconds(1));
  const double written = Sample(registry, kWritten);
  EXPECT_GT(written, 0);  // what the pipe could hold
  EXPECT_GT(Sample(registry, kFlushTimeout), 0);
  EXPECT_EQ(written + Sample(registry, kFlushTimeout), 1000);  // every line accounted for
  EXPECT_EQ(Sample(registry, kBuffered), 0);

  for (int i = 0; i < 100; ++i) (*writer)->Write(EntryWithId("g" + std::to_string(i)));
  ASSERT_TRUE(FinishesWithin(
      absl::Seconds(30), [&] { writer->reset(); }, [&] { UnblockByClosing(pipe); }));
  EXPECT_EQ(Sample(registry, kWritten) + Sample(registry, kFlushTimeout), 1100);
}

// The reader has gone: writes fail with EPIPE. SIGPIPE is left at its default (terminate) on
// purpose: the writer must survive without the process ignoring it.
TEST(AccessLogWriterTest, AClosedPipeCountsWriteErrorsAndNeverRaisesSigpipe) {
  auto previous = ::signal(SIGPIPE, SIG_DFL);
  {
    Pipe pipe;
    FakeClock clock;
    metrics::Registry registry;
    Options options;
    options.clock = clock.Fn();
    auto writer = AccessLogWriter::Open(pipe.path(), registry, options);
    ASSERT_TRUE(writer.ok()) << writer.status();
    pipe.CloseReadEnd();
    for (int i = 0; i < 1000; ++i) (*writer)->Write(EntryWithId("c" + std::to_string(i)));
    (*writer)->Flush(absl::Seconds(10));
    EXPECT_EQ(Sample(registry, kWritten), 0);
    EXPECT_EQ(Sample(registry, kWriteError), 1000);
    EXPECT_EQ((*writer)->Problem(),
              "access log: 1000 lines dropped in the last 10s (writes failing: Broken pipe)");
    for (int i = 0; i < 10; ++i) (*writer)->Write(EntryWithId("d" + std::to_string(i)));
    (*writer)->Flush(absl::Seconds(10));
    EXPECT_EQ(Sample(registry, kWriteError), 1010);
    sigset_t pending;
    sigpending(&pending);
    EXPECT_FALSE(sigismember(&pending, SIGPIPE));
  }
  ::signal(SIGPIPE, previous);
}

TEST(AccessLogWriterTest, AFullDeviceCountsWriteErrorsAndRecovers) {
  FakeClock clock;
  Rounds rounds;
  metrics::Registry registry;
  Options options;
  options.clock = clock.Fn();
  options.after_round = rounds.Hook();
  auto writer = AccessLogWriter::Open("/dev/full", registry, options);
  ASSERT_TRUE(writer.ok()) << writer.status();
  for (int i = 0; i < 10; ++i) (*writer)->Write(EntryWithId("full" + std::to_string(i)));
  (*writer)->Flush(absl::Seconds(10));
  EXPECT_EQ(Sample(registry, kWriteError), 10);
  EXPECT_EQ(
      (*writer)->Problem(),
      "access log: 10 lines dropped in the last 10s (writes failing: No space left on device)");
  clock.Advance(absl::Seconds(11));  // a whole window without a failure
  ASSERT_TRUE(rounds.WaitFor(1));
  EXPECT_EQ((*writer)->Problem(), "");
}

// Standard output that is a pipe is reopened as the writer's own non-blocking description: the
// lines reach the pipe even after fd 1 points elsewhere again.
TEST(AccessLogWriterTest, StandardOutputPipeIsWrittenThroughItsOwnDescription) {
  Pipe pipe;
  metrics::Registry registry;
  std::fflush(stdout);
  int saved = ::dup(STDOUT_FILENO);
  ASSERT_GE(saved, 0);
  ASSERT_EQ(::dup2(pipe.write_fd(), STDOUT_FILENO), STDOUT_FILENO);
  auto writer = AccessLogWriter::Open("-", registry);
  ::dup2(saved, STDOUT_FILENO);
  ::close(saved);
  ASSERT_TRUE(writer.ok()) << writer.status();
  (*writer)->Write(EntryWithId("stdout"));
  (*writer)->Flush(absl::Seconds(10));
  std::string text = pipe.ReadUntil(
      [](const std::string& t) { return t.find('\n') != std::string::npos; }, absl::Seconds(10));
  EXPECT_NE(text.find("\"request_id\":\"stdout\""), std::string::npos) << text;

  auto previous = ::signal(SIGPIPE, SIG_DFL);
  pipe.CloseReadEnd();
  (*writer)->Write(EntryWithId("gone"));
  (*writer)->Flush(absl::Seconds(10));
  EXPECT_EQ(Sample(registry, kWriteError), 1);
  EXPECT_EQ((*writer)->Problem(),
            "access log: 1 line dropped in the last 10s (writes failing: Broken pipe)");
  writer->reset();
  ::signal(SIGPIPE, previous);
}

// Chunks written to a pipe end at line boundaries and stay within PIPE_BUF, so lines stay whole
// beside another process writing to the same pipe (standard error sent there too, `2>&1`).
TEST(AccessLogWriterTest, LinesStayWholeBesideAnotherWriterOnThePipe) {
  Pipe pipe;
  metrics::Registry registry;
  Options options;
  options.thread_buffer_bytes = 16 << 20;
  options.batch_bytes = 16 << 20;
  auto writer = AccessLogWriter::Open(pipe.path(), registry, options);
  ASSERT_TRUE(writer.ok()) << writer.status();
  std::string text;
  std::thread reader(
      [&] { text = pipe.ReadUntil([](const std::string&) { return false; }, absl::Seconds(60)); });
  std::thread ours([&] {
    for (int i = 0; i < 20000; ++i) (*writer)->Write(EntryWithId("ours-" + std::to_string(i)));
  });
  std::thread theirs([&] {
    const std::string line = "OTHER " + std::string(100, 'x') + "\n";
    for (int i = 0; i < 20000; ++i) {
      ASSERT_EQ(::write(pipe.write_fd(), line.data(), line.size()),
                static_cast<ssize_t>(line.size()));
    }
  });
  ours.join();
  theirs.join();
  (*writer)->Flush(absl::Seconds(30));
  writer->reset();       // closes its descriptor
  pipe.CloseWriteEnd();  // the reader sees the end of the file
  reader.join();
  std::size_t ours_count = 0, theirs_count = 0;
  for (const std::string& line : Lines(text)) {
    if (line.starts_with("OTHER ")) {
      ASSERT_EQ(line.size(), 106u) << line;
      ++theirs_count;
    } else {
      ASSERT_TRUE(IsWholeLine(line)) << line;
      ++ours_count;
    }
  }
  EXPECT_EQ(theirs_count, 20000u);
  EXPECT_EQ(ours_count, static_cast<std::size_t>(Sample(registry, kWritten)));
  EXPECT_EQ(ours_count + Sample(registry, kBufferFull) + Sample(registry, kFlushTimeout), 20000);
}

}  // namespace
}  // namespace ndxp::stages
