#include "connectors/common/paging.h"

#include <absl/strings/escaping.h>

#include "connectors/common/rng.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors {
namespace {

constexpr char kVersion = 1;
constexpr std::size_t kTokenBytes = 1 + 8 + 8;  // version, position, tag

void PutU64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(v >> (8 * i) & 0xFF));
}

std::uint64_t GetU64(std::string_view in) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i)
    v = v << 8 | static_cast<unsigned char>(in[static_cast<std::size_t>(i)]);
  return v;
}

}  // namespace

absl::StatusOr<int> EffectivePageSize(int page_size, int default_size, int max_size) {
  if (page_size < 0) {
    return core::FieldViolation(
        "page_size", core::Cat("is ", page_size, ": it must not be negative (0 means ",
                               default_size, "; values above ", max_size, " are treated as ",
                               max_size, ")"));
  }
  if (page_size == 0) return default_size;
  return page_size > max_size ? max_size : page_size;
}

std::uint64_t PageTokenCodec::Tag(std::uint64_t filter_fingerprint, std::uint64_t position) const {
  return Mix(Mix(secret_, filter_fingerprint), position);
}

std::string PageTokenCodec::Encode(std::uint64_t filter_fingerprint, std::uint64_t position) const {
  std::string raw(1, kVersion);
  PutU64(raw, position);
  PutU64(raw, Tag(filter_fingerprint, position));
  std::string token;
  absl::WebSafeBase64Escape(core::ToAbsl(raw), &token);
  return token;
}

absl::StatusOr<std::uint64_t> PageTokenCodec::Decode(std::string_view token,
                                                     std::uint64_t filter_fingerprint) const {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(core::ToAbsl(token), &raw) || raw.size() != kTokenBytes ||
      raw[0] != kVersion) {
    return core::FieldViolation("page_token",
                                "is not a token returned by this method (it does not decode); "
                                "leave it empty for the first page");
  }
  const std::string_view view(raw);
  const std::uint64_t position = GetU64(view.substr(1, 8));
  if (GetU64(view.substr(9, 8)) != Tag(filter_fingerprint, position)) {
    return core::FieldViolation("page_token",
                                "was not returned by a previous call with the same filter: it was "
                                "altered, or the filter changed between pages");
  }
  return position;
}

}  // namespace ndxp::connectors
