#pragma once
// Parsing of YAML scalar text into protobuf scalar values, for the YAML mapper. Each error's
// message states the problem without a key path, e.g. `expected an unsigned integer, got "deep"`.

#include <cstdint>
#include <string>
#include <string_view>

#include <absl/status/statusor.h>
#include <google/protobuf/descriptor.h>

namespace ndxp::config {

// Decimal or 0x-hexadecimal, optionally signed, within [min, max].
absl::StatusOr<std::int64_t> ParseSignedScalar(std::string_view text, std::int64_t min,
                                               std::int64_t max);
// Decimal or 0x-hexadecimal, at most max.
absl::StatusOr<std::uint64_t> ParseUnsignedScalar(std::string_view text, std::uint64_t max);
// true/false (also True, TRUE, False, FALSE): YAML 1.2's core schema, not 1.1's yes/no/on/off.
absl::StatusOr<bool> ParseBoolScalar(std::string_view text);
// A decimal number, or .inf, -.inf, .nan. `single` limits finite values to float's range.
absl::StatusOr<double> ParseFloatingScalar(std::string_view text, bool single);
// The number of an enum value, written in YAML as its name without the enum's prefix, in lower
// case (`least_request` for BALANCING_LEAST_REQUEST); the full proto name is accepted too. The
// _UNSPECIFIED value has no short name and is not listed among the known values (users leave the
// key out), but its full name is read, so that whatever the emitter writes reads back.
absl::StatusOr<int> ParseEnumScalar(std::string_view text,
                                    const google::protobuf::EnumDescriptor& type);

// The YAML spelling of an enum value (see ParseEnumScalar): `least_request`, or the full name
// (`BALANCING_UNSPECIFIED`) for the _UNSPECIFIED value.
std::string EnumValueYamlName(const google::protobuf::EnumValueDescriptor& value);

// The text of a proto `string` field: UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
// past U+10FFFF), as protobuf requires of string fields; else INVALID_ARGUMENT naming the byte.
absl::StatusOr<std::string> ParseStringScalar(std::string_view text);

// `"text"`, cut short with "..." when long: how error messages show a value.
std::string QuoteForError(std::string_view text);

}  // namespace ndxp::config
