#pragma once
// base64url without padding (RFC 4648 §5, as JWS uses it, RFC 7515 §2): the encoder, and the
// strict decoder for the parts of a compact JWS, the members of a JWK and the gateway's caller
// assertion.

#include <optional>
#include <string>
#include <string_view>

namespace ndxp::core {

// Decodes canonical unpadded base64url. Refuses (nullopt) anything else: '=' padding, '+', '/',
// whitespace or any other letter, a length of 1 mod 4, and unused trailing bits that are not zero
// (so that every byte string has exactly one accepted encoding).
std::optional<std::string> DecodeBase64Url(std::string_view text);

// Appends `bytes` as canonical unpadded base64url (what DecodeBase64Url takes back).
void AppendBase64Url(std::string& out, std::string_view bytes);

}  // namespace ndxp::core
