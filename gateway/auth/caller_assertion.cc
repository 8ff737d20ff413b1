#include "gateway/auth/caller_assertion.h"

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "gateway/core/status.h"
#include "gateway/core/base64url.h"
#include "gateway/core/strings.h"
#include "ndxp/gateway/v1/caller_assertion.pb.h"

namespace ndxp::auth {
namespace {

constexpr std::string_view kVersionPrefix = "v1.";
constexpr std::size_t kMacBytes = 32;  // HMAC-SHA256
using Mac = std::array<unsigned char, kMacBytes>;

// ---- HMAC, time, errors ------------------------------------------------------------------------

[[noreturn]] void Fatal(const char* what) {
  std::fprintf(stderr, "ndxp: fatal: %s\n", what);
  std::abort();
}

Mac HmacSha256(std::string_view key, std::string_view data) {
  Mac mac;
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac.data(),
           &length) == nullptr ||
      length != mac.size()) {
    Fatal("HMAC-SHA256 failed");
  }
  return mac;
}

void ToTimestamp(absl::Time t, google::protobuf::Timestamp& out) {
  const std::int64_t seconds = absl::ToUnixSeconds(t);  // rounds toward the infinite past
  out.set_seconds(seconds);
  out.set_nanos(static_cast<std::int32_t>(
      absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(seconds))));
}

absl::Time FromTimestamp(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

absl::Status Unauthenticated(std::string_view message, std::string_view reason) {
  return core::ErrorWithReason(absl::StatusCode::kUnauthenticated, message, reason);
}

absl::Status Malformed(std::string_view what) {
  return Unauthenticated(core::Cat("malformed caller assertion: ", what), kAssertionMalformed);
}

// The two base64url parts of "v1.<payload>.<signature>", and the signed text before the second
// dot.
struct Parts {
  std::string_view signed_text;
  std::string_view payload;
  std::string_view signature;
};

absl::StatusOr<Parts> Split(std::string_view assertion) {
  if (assertion.size() > kMaxAssertionLength) return Malformed("too long");
  if (!assertion.starts_with(kVersionPrefix)) return Malformed("not version v1");
  const std::size_t dot = assertion.find('.', kVersionPrefix.size());
  if (dot == std::string_view::npos || assertion.find('.', dot + 1) != std::string_view::npos) {
    return Malformed("not three dot-separated parts");
  }
  return Parts{.signed_text = assertion.substr(0, dot),
               .payload = assertion.substr(kVersionPrefix.size(), dot - kVersionPrefix.size()),
               .signature = assertion.substr(dot + 1)};
}

absl::Status CheckTime(absl::Time issued_at, absl::Time now, absl::Duration max_age) {
  if (issued_at < now - max_age) {
    return Unauthenticated("caller assertion has expired", kAssertionExpired);
  }
  if (issued_at > now + max_age) {
    return Unauthenticated("caller assertion is from the future", kAssertionFromFuture);
  }
  return absl::OkStatus();
}

CallerClaims ClaimsOf(gateway::v1::CallerAssertion& proto) {
  return CallerClaims{.client_id = std::move(*proto.mutable_client_id()),
                      .method = std::move(*proto.mutable_method()),
                      .request_id = std::move(*proto.mutable_request_id()),
                      .purpose = std::move(*proto.mutable_purpose()),
                      .dossier_id = std::move(*proto.mutable_dossier_id()),
                      .procedure_id = std::move(*proto.mutable_procedure_id()),
                      .issued_at = FromTimestamp(proto.issued_at())};
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

absl::Status KeyFileError(absl::StatusCode code, const std::string& path,
                          std::string_view problem) {
  return absl::Status(code,
                      core::ToAbsl(core::Cat("caller assertion key file ", path, " ", problem)));
}

// Reads at most `limit` + 1 bytes of `path` (so that a larger file is recognised).
absl::StatusOr<std::string> ReadBounded(const std::string& path, std::size_t limit) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    const int error = errno;
    if (error == ENOENT) return KeyFileError(absl::StatusCode::kNotFound, path, "does not exist");
    return KeyFileError(absl::StatusCode::kFailedPrecondition, path,
                        core::Cat("cannot be opened: ", std::strerror(error)));
  }
  std::string content(limit + 1, '\0');
  const std::size_t read = std::fread(content.data(), 1, content.size(), file);
  const bool failed = std::ferror(file) != 0;
  const int error = errno;
  std::fclose(file);
  if (failed) {
    OPENSSL_cleanse(content.data(), content.size());
    return KeyFileError(absl::StatusCode::kFailedPrecondition, path,
                        core::Cat("cannot be read: ", std::strerror(error)));
  }
  content.resize(read);
  return content;
}

}  // namespace

absl::StatusOr<CallerAssertionKey> CallerAssertionKey::FromSecret(std::string secret) {
  if (secret.size() < kMinAssertionKeyBytes) {
    return absl::InvalidArgumentError(core::Cat("caller assertion key has ", secret.size(),
                                                " bytes; at least ", kMinAssertionKeyBytes,
                                                " are required"));
  }
  return CallerAssertionKey(std::move(secret));
}

absl::StatusOr<CallerAssertionKey> CallerAssertionKey::FromFile(const std::string& path) {
  absl::StatusOr<std::string> content = ReadBounded(path, kMaxAssertionKeyFileBytes);
  if (!content.ok()) return content.status();
  if (content->size() > kMaxAssertionKeyFileBytes) {
    OPENSSL_cleanse(content->data(), content->size());
    return KeyFileError(absl::StatusCode::kInvalidArgument, path,
                        core::Cat("is larger than ", kMaxAssertionKeyFileBytes, " bytes"));
  }
  std::string_view trimmed = *content;
  while (!trimmed.empty() && IsSpace(trimmed.front())) trimmed.remove_prefix(1);
  while (!trimmed.empty() && IsSpace(trimmed.back())) trimmed.remove_suffix(1);
  std::string secret(trimmed);
  OPENSSL_cleanse(content->data(), content->size());
  if (secret.size() < kMinAssertionKeyBytes) {
    const std::size_t size = secret.size();
    OPENSSL_cleanse(secret.data(), secret.size());
    return KeyFileError(absl::StatusCode::kInvalidArgument, path,
                        core::Cat("holds a secret of ", size,
                                  " bytes (surrounding whitespace trimmed); at least ",
                                  kMinAssertionKeyBytes, " are required"));
  }
  return CallerAssertionKey(std::move(secret));
}

std::string CallerAssertionKey::Sign(const CallerClaims& claims) const {
  gateway::v1::CallerAssertion proto;
  proto.set_client_id(claims.client_id);
  proto.set_method(claims.method);
  proto.set_request_id(claims.request_id);
  proto.set_purpose(claims.purpose);
  proto.set_dossier_id(claims.dossier_id);
  proto.set_procedure_id(claims.procedure_id);
  ToTimestamp(claims.issued_at, *proto.mutable_issued_at());
  std::string out(kVersionPrefix);
  core::AppendBase64Url(out, proto.SerializeAsString());
  const Mac mac = HmacSha256(secret_, out);
  out.push_back('.');
  core::AppendBase64Url(out, std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
  return out;
}

absl::StatusOr<CallerClaims> CallerAssertionKey::Verify(std::string_view assertion,
                                                        std::string_view method, absl::Time now,
                                                        absl::Duration max_age) const {
  absl::StatusOr<Parts> parts = Split(assertion);
  if (!parts.ok()) return parts.status();
  std::optional<std::string> payload = core::DecodeBase64Url(parts->payload);
  std::optional<std::string> signature = core::DecodeBase64Url(parts->signature);
  if (!payload || !signature) return Malformed("not base64url");
  if (signature->size() != kMacBytes) return Malformed("signature has the wrong length");

  const Mac expected = HmacSha256(secret_, parts->signed_text);
  if (CRYPTO_memcmp(expected.data(), signature->data(), kMacBytes) != 0) {
    return Unauthenticated("caller assertion signature does not verify", kAssertionBadSignature);
  }

  gateway::v1::CallerAssertion proto;
  if (!proto.ParseFromString(*payload)) return Malformed("claims do not parse");
  if (proto.client_id().empty()) return Malformed("no client id");
  if (method != kAnyMethod && proto.method() != method) {
    return Unauthenticated("caller assertion is for another method", kAssertionWrongMethod);
  }
  if (absl::Status s = CheckTime(FromTimestamp(proto.issued_at()), now, max_age); !s.ok()) return s;
  return ClaimsOf(proto);
}

}  // namespace ndxp::auth
