#pragma once
// Pieces of the Prometheus text exposition format 0.0.4, shared by families and by collectors
// (AddCollector callbacks write whole families with these).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ndxp::metrics {

// [a-zA-Z_:][a-zA-Z0-9_:]*
bool IsValidMetricName(std::string_view name);
// [a-zA-Z_][a-zA-Z0-9_]* and not starting with "__" (reserved for Prometheus itself).
bool IsValidLabelName(std::string_view name);

// Label values: backslash, double quote and newline are escaped; other bytes (UTF-8) pass through.
void AppendEscapedLabelValue(std::string& out, std::string_view value);
// HELP text: backslash and newline are escaped.
void AppendEscapedHelp(std::string& out, std::string_view help);

// Integers up to 2^53 without exponent or decimals ("1000000"); others with the fewest digits that
// read back exactly, without exponent from 1e-4 up ("0.0001", "1234.5", "2.5e-07", "1e+300");
// "+Inf", "-Inf", "NaN".
void AppendNumber(std::string& out, double v);
void AppendNumber(std::string& out, uint64_t v);

// "# HELP name help\n# TYPE name type\n"
void AppendHeader(std::string& out, std::string_view name, std::string_view help,
                  std::string_view type);

// name{n1="v1",n2="v2",extra_name="extra_value"} — braces only when there is a label. The extra
// label (e.g. le) is left out when extra_name is empty. names and values have the same size.
void AppendSeriesName(std::string& out, std::string_view name, std::span<const std::string> names,
                      std::span<const std::string> values, std::string_view extra_name = {},
                      std::string_view extra_value = {});

// "name value\n" for a series without labels.
void AppendSample(std::string& out, std::string_view name, double value);

}  // namespace ndxp::metrics
