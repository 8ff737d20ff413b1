#pragma once
// base64url without padding (RFC 4648 §5, as JWS uses it, RFC 7515 §2): the strict decoder for
// the parts of a compact JWS and the members of a JWK.

#include <optional>
#include <string>
#include <string_view>

namespace ndxp::auth::jwt {

// Decodes canonical unpadded base64url. Refuses (nullopt) anything else: '=' padding, '+', '/',
// whitespace or any other letter, a length of 1 mod 4, and unused trailing bits that are not zero
// (so that every byte string has exactly one accepted encoding).
std::optional<std::string> DecodeBase64Url(std::string_view text);

}  // namespace ndxp::auth::jwt
