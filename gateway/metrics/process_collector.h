#pragma once
// The standard process_* metrics, read from /proc/self at render time (Linux). On systems without
// /proc the collector renders nothing.

#include <optional>
#include <string_view>

#include "gateway/metrics/registry.h"

namespace ndxp::metrics {

struct ProcessStats {
  double resident_memory_bytes = 0;
  double virtual_memory_bytes = 0;
  double cpu_seconds = 0;
  double start_time_seconds = 0;  // Unix time
  double open_fds = 0;
  double max_fds = 0;
};

// The fields /proc/<pid>/stat gives us, already in base units except start_ticks (clock ticks
// since boot).
struct ProcStat {
  double cpu_ticks = 0;  // utime + stime
  double start_ticks = 0;
  double vsize_bytes = 0;
  double rss_pages = 0;
};

// Parses the text of /proc/<pid>/stat. The command name (field 2) may hold spaces and
// parentheses; fields are counted from the last ')'.
std::optional<ProcStat> ParseProcStat(std::string_view text);

// Reads /proc/self and the file-descriptor limit; nullopt when /proc/self/stat is unreadable.
std::optional<ProcessStats> ReadProcessStats();

// Registers a collector rendering process_resident_memory_bytes, process_virtual_memory_bytes,
// process_cpu_seconds_total, process_open_fds, process_max_fds and process_start_time_seconds.
void AddProcessCollector(Registry& registry);

}  // namespace ndxp::metrics
