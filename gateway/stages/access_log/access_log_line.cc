#include "gateway/stages/access_log/access_log_line.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstddef>

#include "gateway/core/strings.h"

namespace ndxp::stages {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Length of the well-formed UTF-8 sequence that starts at s[i] (Unicode table 3-7: no overlong
// forms, no surrogates, nothing above U+10FFFF), or 0 when the byte there starts none.
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) {
  const auto byte = [&s](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xbf;  // allowed range of the second byte
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) {
    n = 2;
  } else if (c >= 0xe0 && c <= 0xef) {
    n = 3;
    if (c == 0xe0) lo = 0xa0;  // overlong below U+0800
    if (c == 0xed) hi = 0x9f;  // surrogates U+D800..U+DFFF
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 4;
    if (c == 0xf0) lo = 0x90;  // overlong below U+10000
    if (c == 0xf4) hi = 0x8f;  // above U+10FFFF
  } else {
    return 0;  // a continuation byte, 0xc0, 0xc1, 0xf5..0xff
  }
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
  }
  return n;
}

bool NeedsEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\' || c >= 0x7f; }

void AppendDigits(std::string& out, std::int64_t value, int width) {
  char buf[20];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(buf, static_cast<std::size_t>(width));
}

void AppendMember(std::string& out, std::string_view name, std::string_view value) {
  core::Append(out, ",\"", name, "\":");
  AppendJsonString(out, value);
}

void AppendOptionalMember(std::string& out, std::string_view name, std::string_view value) {
  if (!value.empty()) AppendMember(out, name, value);
}

template <typename T>
void AppendNumberMember(std::string& out, std::string_view name, T value) {
  core::Append(out, ",\"", name, "\":", value);
}

void AppendDuration(std::string& out, double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) seconds = 0;
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, seconds, std::chars_format::fixed, 6);
  if (ec != std::errc()) {
    out += "0.000000";
    return;
  }
  out.append(buf, end);
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t run = i;  // a run of bytes copied as they are
    while (run < s.size() && !NeedsEscape(static_cast<unsigned char>(s[run]))) ++run;
    out.append(s.data() + i, run - i);
    i = run;
    if (i == s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
      ++i;
    } else if (c < 0x80) {  // a control character or DEL
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
      ++i;
    } else if (std::size_t n = Utf8SequenceLength(s, i); n > 0) {
      out.append(s.data() + i, n);
      i += n;
    } else {
      out += "\\ufffd";
      ++i;
    }
  }
  out.push_back('"');
}

void AppendRfc3339Micros(std::string& out, absl::Time time) {
  using std::chrono::days;
  using std::chrono::sys_days;
  constexpr std::int64_t kMicrosPerDay = 86'400'000'000;
  // 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z: what four year digits can hold.
  constexpr std::int64_t kFirstDay = -719'528;
  constexpr std::int64_t kLastDay = 2'932'896;
  std::int64_t micros = std::clamp(absl::ToUnixMicros(time), kFirstDay * kMicrosPerDay,
                                   (kLastDay + 1) * kMicrosPerDay - 1);
  std::int64_t day = micros / kMicrosPerDay;
  std::int64_t in_day = micros % kMicrosPerDay;
  if (in_day < 0) {  // floor, for times before 1970
    in_day += kMicrosPerDay;
    --day;
  }
  std::chrono::year_month_day date{sys_days{days{day}}};
  AppendDigits(out, static_cast<int>(date.year()), 4);
  out.push_back('-');
  AppendDigits(out, static_cast<unsigned>(date.month()), 2);
  out.push_back('-');
  AppendDigits(out, static_cast<unsigned>(date.day()), 2);
  out.push_back('T');
  std::int64_t seconds = in_day / 1'000'000;
  AppendDigits(out, seconds / 3600, 2);
  out.push_back(':');
  AppendDigits(out, seconds / 60 % 60, 2);
  out.push_back(':');
  AppendDigits(out, seconds % 60, 2);
  out.push_back('.');
  AppendDigits(out, in_day % 1'000'000, 6);
  out.push_back('Z');
}

void AppendAccessLogLine(std::string& out, const AccessLogEntry& e) {
  out += "{\"time\":\"";
  AppendRfc3339Micros(out, e.time);
  out.push_back('"');
  AppendMember(out, "request_id", e.request_id);
  AppendOptionalMember(out, "trace_id", e.trace_id);
  AppendOptionalMember(out, "span_id", e.span_id);
  AppendMember(out, "protocol", e.protocol);
  AppendMember(out, "client", e.client);
  AppendOptionalMember(out, "credential", e.credential);
  AppendMember(out, "method", e.method);
  AppendOptionalMember(out, "connector", e.connector);
  AppendMember(out, "status", e.status);
  if (e.http_status != 0) AppendNumberMember(out, "http_status", e.http_status);
  out += ",\"duration_seconds\":";
  AppendDuration(out, e.duration_seconds);
  AppendNumberMember(out, "bytes_in", e.bytes_in);
  AppendNumberMember(out, "bytes_out", e.bytes_out);
  out.push_back('}');
}

std::string FormatAccessLogLine(const AccessLogEntry& entry) {
  std::string out;
  out.reserve(320);
  AppendAccessLogLine(out, entry);
  return out;
}

}  // namespace ndxp::stages
