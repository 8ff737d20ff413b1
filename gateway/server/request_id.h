#pragma once
// Request ids: taken from the caller's x-request-id when it is a safe token, else generated.

#include <string>
#include <string_view>

namespace ndxp::server {

inline constexpr std::string_view kRequestIdHeader = "x-request-id";

// True for 1..128 characters of [A-Za-z0-9._:-] with no run of 9 or more digits (a personal id
// used as a correlation id must not reach the access log); anything else is replaced, never logged.
bool IsAcceptableRequestId(std::string_view id);

// A new id: 32 letters a-p (128 random bits) from a per-thread random generator.
std::string GenerateRequestId();

// The caller's id when acceptable, else a new one.
std::string RequestIdFor(std::string_view from_caller);

}  // namespace ndxp::server
