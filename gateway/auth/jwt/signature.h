#pragma once
// JWS signature verification (RFC 7515 §5.2, RFC 7518 §3.3 and §3.4) with OpenSSL 3's
// EVP_DigestVerify: RS256 (RSASSA-PKCS1-v1_5 with SHA-256) and ES256 (ECDSA P-256 with SHA-256,
// the signature the 64-byte r || s that JWS uses, converted to DER for OpenSSL).

#include <optional>
#include <string>
#include <string_view>

#include "gateway/auth/jwt/key_set.h"

namespace ndxp::auth::jwt {

// ES256's fixed-size signature: r and s of 32 bytes each.
inline constexpr std::size_t kEs256SignatureBytes = 64;

// True when `signature` (decoded bytes) is `key`'s signature, with the key's algorithm, over
// `signing_input` (the ASCII "header.payload" of the compact JWS). A signature of the wrong length
// for the key (RSA: the modulus size; ES256: 64 bytes) is false. Safe from many threads at once.
bool VerifySignature(const PublicKey& key, std::string_view signing_input,
                     std::string_view signature);

// The DER ECDSA-Sig-Value (RFC 3279) of a JWS r || s signature; nullopt unless it is 64 bytes.
std::optional<std::string> EcdsaRawToDer(std::string_view raw);

}  // namespace ndxp::auth::jwt
