#include "gateway/metrics/exposition.h"

#include <charconv>
#include <cmath>

namespace ndxp::metrics {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53

void AppendLabel(std::string& out, std::string_view name, std::string_view value) {
  out.append(name);
  out.append("=\"");
  AppendEscapedLabelValue(out, value);
  out.push_back('"');
}

}  // namespace

bool IsValidMetricName(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = IsAlpha(c) || c == '_' || c == ':' || (i > 0 && IsDigit(c));
    if (!ok) return false;
  }
  return true;
}

bool IsValidLabelName(std::string_view name) {
  if (name.empty() || name.starts_with("__")) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = IsAlpha(c) || c == '_' || (i > 0 && IsDigit(c));
    if (!ok) return false;
  }
  return true;
}

namespace {

// The text format escapes backslash and newline everywhere, and double quotes in label values.
void AppendEscaped(std::string& out, std::string_view text, bool quotes) {
  for (char c : text) {
    if (c == '\\') {
      out.append("\\\\");
    } else if (c == '\n') {
      out.append("\\n");
    } else if (c == '"' && quotes) {
      out.append("\\\"");
    } else {
      out.push_back(c);
    }
  }
}

}  // namespace

void AppendEscapedLabelValue(std::string& out, std::string_view value) {
  AppendEscaped(out, value, /*quotes=*/true);
}

void AppendEscapedHelp(std::string& out, std::string_view help) {
  AppendEscaped(out, help, /*quotes=*/false);
}

void AppendNumber(std::string& out, double v) {
  if (std::isnan(v)) {
    out.append("NaN");
  } else if (std::isinf(v)) {
    out.append(v > 0 ? "+Inf" : "-Inf");
  } else if (std::trunc(v) == v && std::fabs(v) <= kMaxExactInteger) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(v));
    out.append(buf, end);
  } else {
    // As Go's strconv 'g' (which Prometheus clients use): plain decimals from 1e-4 up, exponent
    // below; both the shortest digits that read back exactly.
    bool fixed = std::fabs(v) >= 1e-4 && std::fabs(v) < kMaxExactInteger;
    char buf[40];
    auto [end, ec] = std::to_chars(
        buf, buf + sizeof buf, v, fixed ? std::chars_format::fixed : std::chars_format::scientific);
    out.append(buf, end);
  }
}

void AppendNumber(std::string& out, uint64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

void AppendHeader(std::string& out, std::string_view name, std::string_view help,
                  std::string_view type) {
  out.append("# HELP ").append(name).push_back(' ');
  AppendEscapedHelp(out, help);
  out.append("\n# TYPE ").append(name).push_back(' ');
  out.append(type).push_back('\n');
}

void AppendSeriesName(std::string& out, std::string_view name, std::span<const std::string> names,
                      std::span<const std::string> values, std::string_view extra_name,
                      std::string_view extra_value) {
  out.append(name);
  if (names.empty() && extra_name.empty()) return;
  out.push_back('{');
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendLabel(out, names[i], values[i]);
  }
  if (!extra_name.empty()) {
    if (!names.empty()) out.push_back(',');
    AppendLabel(out, extra_name, extra_value);
  }
  out.push_back('}');
}

void AppendSample(std::string& out, std::string_view name, double value) {
  out.append(name).push_back(' ');
  AppendNumber(out, value);
  out.push_back('\n');
}

}  // namespace ndxp::metrics
