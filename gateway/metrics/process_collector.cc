#include "gateway/metrics/process_collector.h"

#include <sys/resource.h>
#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "gateway/metrics/exposition.h"

namespace ndxp::metrics {
namespace {

// Field numbers from proc(5), counted from 1 with field 2 the command name.
constexpr size_t kUtime = 14;
constexpr size_t kStime = 15;
constexpr size_t kStartTime = 22;
constexpr size_t kVsize = 23;
constexpr size_t kRss = 24;

std::optional<std::string> ReadFile(const char* path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<double> ParseNumber(std::string_view s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// Seconds since the epoch at boot, from the "btime" line of /proc/stat.
std::optional<double> BootTime() {
  std::optional<std::string> text = ReadFile("/proc/stat");
  if (!text) return std::nullopt;
  std::istringstream lines(*text);
  std::string key;
  double value = 0;
  while (lines >> key) {
    if (key == "btime" && lines >> value) return value;
    lines.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
  }
  return std::nullopt;
}

double OpenFds() {
  std::error_code ec;
  double n = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end;
       it.increment(ec)) {
    ++n;
  }
  return n;
}

// One family with a single series and no labels.
void AppendSingle(std::string& out, std::string_view name, std::string_view type,
                  std::string_view help, double v) {
  AppendHeader(out, name, help, type);
  AppendSample(out, name, v);
}

void RenderProcess(std::string& out) {
  std::optional<ProcessStats> s = ReadProcessStats();
  if (!s) return;
  AppendSingle(out, "process_cpu_seconds_total", "counter",
               "Total user and system CPU time spent in seconds.", s->cpu_seconds);
  AppendSingle(out, "process_open_fds", "gauge", "Number of open file descriptors.", s->open_fds);
  AppendSingle(out, "process_max_fds", "gauge", "Maximum number of open file descriptors.",
               s->max_fds);
  AppendSingle(out, "process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.",
               s->virtual_memory_bytes);
  AppendSingle(out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.",
               s->resident_memory_bytes);
  AppendSingle(out, "process_start_time_seconds", "gauge",
               "Start time of the process since unix epoch in seconds.", s->start_time_seconds);
}

}  // namespace

std::optional<ProcStat> ParseProcStat(std::string_view text) {
  size_t close = text.rfind(')');
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view rest = text.substr(close + 1);
  std::vector<std::string_view> fields = {"pid", "comm"};  // fields[i] is field i + 1
  while (!rest.empty()) {
    size_t start = rest.find_first_not_of(" \n");
    if (start == std::string_view::npos) break;
    size_t end = rest.find_first_of(" \n", start);
    if (end == std::string_view::npos) end = rest.size();
    fields.push_back(rest.substr(start, end - start));
    rest.remove_prefix(end);
  }
  if (fields.size() < kRss) return std::nullopt;
  auto field = [&](size_t n) { return ParseNumber(fields[n - 1]); };
  auto utime = field(kUtime), stime = field(kStime), start = field(kStartTime);
  auto vsize = field(kVsize), rss = field(kRss);
  if (!utime || !stime || !start || !vsize || !rss) return std::nullopt;
  return ProcStat{*utime + *stime, *start, *vsize, *rss};
}

std::optional<ProcessStats> ReadProcessStats() {
  std::optional<std::string> text = ReadFile("/proc/self/stat");
  if (!text) return std::nullopt;
  std::optional<ProcStat> stat = ParseProcStat(*text);
  if (!stat) return std::nullopt;
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  ProcessStats s;
  s.cpu_seconds = stat->cpu_ticks / ticks;
  s.virtual_memory_bytes = stat->vsize_bytes;
  s.resident_memory_bytes = stat->rss_pages * page;
  s.start_time_seconds = BootTime().value_or(0) + stat->start_ticks / ticks;
  s.open_fds = OpenFds();
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    s.max_fds = limit.rlim_cur == RLIM_INFINITY ? -1 : static_cast<double>(limit.rlim_cur);
  }
  return s;
}

void AddProcessCollector(Registry& registry) { registry.AddCollector(RenderProcess); }

}  // namespace ndxp::metrics
