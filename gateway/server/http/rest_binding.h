#pragma once
// Binding text (REST path variables and query parameters) onto request message fields, as
// google.api.http transcoding does: dotted paths through singular message fields, scalars parsed
// from their text form, repeated fields appended to once per occurrence.

#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <string>
#include <string_view>
#include <vector>

namespace ndxp::server::http {

// The fields along "a.b.c" from `type`; each name matches a field's proto name or JSON name.
// Every field but the last must be a singular message. NOT_FOUND-free: INVALID_ARGUMENT naming
// `path` when a name is unknown.
absl::StatusOr<std::vector<const google::protobuf::FieldDescriptor*>> ResolveFieldPath(
    const google::protobuf::Descriptor& type, std::string_view path);

// "a.b.c" in proto field names for a resolved path (callers may have used JSON names).
std::string FieldPathName(const std::vector<const google::protobuf::FieldDescriptor*>& fields);

// Sets the field at `path` of `message` from `text`: strings as they are (valid UTF-8), bytes as
// base64 (standard or URL-safe, padding optional), numbers, booleans (true/false/1/0), enums by
// name or number, and the well-known types with a JSON string form (Timestamp, Duration,
// FieldMask) or a wrapper's value. Errors are INVALID_ARGUMENT field violations naming
// `parameter` (what the caller wrote); the value itself is never echoed.
absl::Status SetFieldFromText(google::protobuf::Message& message, std::string_view path,
                              std::string_view text, std::string_view parameter);

}  // namespace ndxp::server::http
