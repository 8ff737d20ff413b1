// The signed caller assertion: wire form, every way verification fails, keys from files.
#include "gateway/auth/caller_assertion.h"

#include <fstream>
#include <optional>
#include <string>

#include <absl/strings/escaping.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "gateway/core/strings.h"
#include "google/rpc/error_details.pb.h"
#include "ndxp/gateway/v1/caller_assertion.pb.h"

namespace ndxp::auth {
namespace {

constexpr std::string_view kMethod = "/ndxp.population.v1.PopulationService/GetCitizen";
const std::string kSecret = "0123456789abcdef0123456789abcdef";  // 32 bytes
const absl::Time kIssued = absl::FromUnixNanos(1'700'000'000'123'456'789);
const absl::Duration kMaxAge = absl::Seconds(30);

CallerAssertionKey Key(std::string secret = kSecret) {
  auto key = CallerAssertionKey::FromSecret(std::move(secret));
  EXPECT_TRUE(key.ok()) << key.status();
  return *std::move(key);
}

CallerClaims Claims() {
  return CallerClaims{.client_id = "VN:PROV:79:ONESTOP",
                      .method = std::string(kMethod),
                      .request_id = "req-1",
                      .purpose = "land registration",
                      .dossier_id = "HS-2026-0001",
                      .procedure_id = "1.004227",
                      .issued_at = kIssued};
}

std::string ReasonOf(const absl::Status& status) {
  auto payload = status.GetPayload("type.googleapis.com/google.rpc.ErrorInfo");
  google::rpc::ErrorInfo info;
  if (!payload || !info.ParseFromString(std::string(*payload))) return "";
  return info.reason();
}

// Verifies `assertion` for kMethod at kIssued; the reason of the failure, "" when it verified.
std::string FailureOf(std::string_view assertion, absl::Time now = kIssued,
                      std::string_view method = kMethod) {
  auto claims = Key().Verify(assertion, method, now, kMaxAge);
  if (claims.ok()) return "";
  EXPECT_EQ(claims.status().code(), absl::StatusCode::kUnauthenticated) << claims.status();
  // The message never echoes the value (nor any part of it longer than a few letters).
  const std::string_view message = core::ToStd(claims.status().message());
  if (assertion.size() > 8) {
    EXPECT_EQ(message.find(assertion.substr(3, 6)), std::string_view::npos) << message;
  }
  return ReasonOf(claims.status());
}

std::string Base64Url(std::string_view bytes) {
  return std::string(absl::WebSafeBase64Escape(core::ToAbsl(bytes)));
}

// `signed_text` "." its HMAC, computed independently of the code under test.
std::string SignText(std::string_view signed_text, std::string_view secret = kSecret) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(signed_text.data()), signed_text.size(), mac,
       &length);
  return core::Cat(signed_text, ".",
                   Base64Url(std::string_view(reinterpret_cast<const char*>(mac), length)));
}

// An assertion signed independently of the code under test: "v1." payload "." HMAC.
std::string SignRaw(std::string_view payload_bytes, std::string_view secret = kSecret) {
  return SignText(core::Cat("v1.", Base64Url(payload_bytes)), secret);
}

TEST(CallerAssertionTest, RoundTripKeepsEveryClaim) {
  const std::string assertion = Key().Sign(Claims());
  auto claims = Key().Verify(assertion, kMethod, kIssued + absl::Seconds(1), kMaxAge);
  ASSERT_TRUE(claims.ok()) << claims.status();
  EXPECT_EQ(claims->client_id, "VN:PROV:79:ONESTOP");
  EXPECT_EQ(claims->method, kMethod);
  EXPECT_EQ(claims->request_id, "req-1");
  EXPECT_EQ(claims->purpose, "land registration");
  EXPECT_EQ(claims->dossier_id, "HS-2026-0001");
  EXPECT_EQ(claims->procedure_id, "1.004227");
  EXPECT_EQ(claims->issued_at, kIssued);  // nanoseconds kept
}

TEST(CallerAssertionTest, WireFormIsVersionPayloadAndHmacOfTheSignedText) {
  const std::string assertion = Key().Sign(Claims());
  ASSERT_TRUE(assertion.starts_with("v1."));
  EXPECT_EQ(assertion.find('='), std::string::npos);  // no padding
  EXPECT_EQ(assertion.find('+'), std::string::npos);
  EXPECT_EQ(assertion.find('/'), std::string::npos);
  const std::size_t dot = assertion.find('.', 3);
  std::string payload;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(core::ToAbsl(assertion.substr(3, dot - 3)), &payload));
  gateway::v1::CallerAssertion proto;
  ASSERT_TRUE(proto.ParseFromString(payload));
  EXPECT_EQ(proto.client_id(), "VN:PROV:79:ONESTOP");
  EXPECT_EQ(proto.issued_at().seconds(), 1'700'000'000);
  EXPECT_EQ(proto.issued_at().nanos(), 123'456'789);
  EXPECT_EQ(SignRaw(payload), assertion);  // an independent HMAC agrees
}

TEST(CallerAssertionTest, SignatureIsCheckedFirstAndExactly) {
  const std::string good = Key().Sign(Claims());
  const std::size_t dot = good.find('.', 3);
  std::string payload_tampered = good;
  payload_tampered[5] = payload_tampered[5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(FailureOf(payload_tampered), kAssertionBadSignature);
  std::string signature_tampered = good;
  signature_tampered[dot + 1] = signature_tampered[dot + 1] == 'A' ? 'B' : 'A';
  EXPECT_EQ(FailureOf(signature_tampered), kAssertionBadSignature);
  EXPECT_EQ(FailureOf(Key("another secret of at least 32 bytes!").Sign(Claims())),
            kAssertionBadSignature);
  // Unsigned garbage claims are never parsed: the signature fails first.
  EXPECT_EQ(FailureOf(SignRaw("\xff\xff\xff", "some other secret, 32 bytes long")),
            kAssertionBadSignature);
}

TEST(CallerAssertionTest, SignedButUnusableClaimsAreMalformed) {
  EXPECT_EQ(FailureOf(SignRaw("\xff\xff\xff")), kAssertionMalformed);  // not a proto
  CallerClaims no_client = Claims();
  no_client.client_id.clear();
  EXPECT_EQ(FailureOf(Key().Sign(no_client)), kAssertionMalformed);
}

TEST(CallerAssertionTest, SignedNonCanonicalBase64IsMalformed) {
  // A payload of 4n letters plus one more "A" would decode (six zero bits, no byte) to the same
  // claims; only canonical encodings are accepted, even when signed.
  gateway::v1::CallerAssertion proto;
  proto.set_client_id("c");
  proto.set_method(std::string(kMethod));
  proto.mutable_issued_at()->set_seconds(absl::ToUnixSeconds(kIssued));
  while (Base64Url(proto.SerializeAsString()).size() % 4 != 0) {
    proto.mutable_request_id()->push_back('r');
  }
  const std::string payload = Base64Url(proto.SerializeAsString());
  EXPECT_EQ(FailureOf(SignText(core::Cat("v1.", payload))), "");
  EXPECT_EQ(FailureOf(SignText(core::Cat("v1.", payload, "A"))), kAssertionMalformed);
  // 4n + 2 letters: the last one carries 2 bits and 4 unused ones, which must be zero.
  proto.mutable_request_id()->push_back('r');
  std::string odd = Base64Url(proto.SerializeAsString());
  ASSERT_EQ(odd.size() % 4, 2u);
  EXPECT_EQ(FailureOf(SignText(core::Cat("v1.", odd))), "");
  const char* kLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const int last = static_cast<int>(std::string_view(kLetters).find(odd.back()));
  ASSERT_EQ(last % 16, 0);
  odd.back() = kLetters[last + 1];  // same bytes, one unused bit set
  EXPECT_EQ(FailureOf(SignText(core::Cat("v1.", odd))), kAssertionMalformed);
}

TEST(CallerAssertionTest, MethodMustMatchUnlessAnyMethodIsAsked) {
  const std::string assertion = Key().Sign(Claims());
  EXPECT_EQ(FailureOf(assertion, kIssued, "/ndxp.population.v1.PopulationService/ListCitizens"),
            kAssertionWrongMethod);
  EXPECT_EQ(FailureOf(assertion, kIssued, kAnyMethod), "");
}

TEST(CallerAssertionTest, IssuedAtMustBeWithinMaxAgeEitherWay) {
  const std::string assertion = Key().Sign(Claims());
  EXPECT_EQ(FailureOf(assertion, kIssued + kMaxAge), "");
  EXPECT_EQ(FailureOf(assertion, kIssued - kMaxAge), "");
  EXPECT_EQ(FailureOf(assertion, kIssued + kMaxAge + absl::Nanoseconds(1)), kAssertionExpired);
  EXPECT_EQ(FailureOf(assertion, kIssued - kMaxAge - absl::Nanoseconds(1)), kAssertionFromFuture);
  CallerClaims never_issued = Claims();
  never_issued.issued_at = absl::UnixEpoch();
  EXPECT_EQ(FailureOf(Key().Sign(never_issued)), kAssertionExpired);
}

TEST(CallerAssertionTest, MalformedShapesAreRefused) {
  const std::string good = Key().Sign(Claims());
  const std::size_t dot = good.find('.', 3);
  for (const std::string& bad : {
           std::string(),
           std::string("v1."),
           std::string("v1.."),
           good.substr(0, good.size() - 1),                    // truncated signature
           good.substr(0, good.size() - 4),                    // signature too short
           good.substr(0, dot),                                 // no signature
           good.substr(0, dot + 1),                             // empty signature
           core::Cat(good, ".x"),                               // extra dot
           core::Cat(good.substr(0, dot), "..", good.substr(dot + 1)),
           core::Cat("v2", good.substr(2)),                     // wrong version
           core::Cat("V1", good.substr(2)),
           core::Cat("v10", good.substr(2)),
           good.substr(3),                                      // no version
           core::Cat(good, "="),                                // padding
           core::Cat(good.substr(0, 5), "+", good.substr(6)),   // standard base64
           core::Cat(good.substr(0, 5), " ", good.substr(6)),
           core::Cat(good.substr(0, dot + 1), std::string(43, '_')),  // non-canonical last letter
           core::Cat("v1.", std::string(kMaxAssertionLength, 'A'), ".", good.substr(dot + 1)),
       }) {
    EXPECT_EQ(FailureOf(bad), kAssertionMalformed) << bad;
  }
}

TEST(CallerAssertionTest, LengthBoundIsExact) {
  // Unpadded base64url is never 1 mod 4 letters long, so the longest possible assertion within
  // the bound is 4095 characters: "v1." + 4048 letters (3036 bytes) + "." + 43 letters.
  gateway::v1::CallerAssertion proto;
  proto.set_client_id("c");
  proto.set_method(std::string(kMethod));
  proto.mutable_issued_at()->set_seconds(absl::ToUnixSeconds(kIssued));
  std::string request_id;
  while (proto.ByteSizeLong() < 3036) {
    request_id.push_back('r');
    proto.set_request_id(request_id);
  }
  ASSERT_EQ(proto.ByteSizeLong(), 3036u);
  const std::string longest = SignRaw(proto.SerializeAsString());
  ASSERT_EQ(longest.size(), kMaxAssertionLength - 1);
  EXPECT_EQ(FailureOf(longest), "");
  proto.mutable_request_id()->push_back('r');
  const std::string too_long = SignRaw(proto.SerializeAsString());
  ASSERT_EQ(too_long.size(), kMaxAssertionLength + 1);
  EXPECT_EQ(FailureOf(too_long), kAssertionMalformed);
}

TEST(CallerAssertionKeyTest, ShortSecretsAreRefused) {
  auto key = CallerAssertionKey::FromSecret(std::string(kMinAssertionKeyBytes - 1, 'k'));
  EXPECT_EQ(key.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(CallerAssertionKey::FromSecret(std::string(kMinAssertionKeyBytes, 'k')).ok());
}

std::string WriteFile(const std::string& name, const std::string& content) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
  return path;
}

TEST(CallerAssertionKeyTest, FromFileTrimsWhitespace) {
  const std::string path = WriteFile("assertion_key_trimmed", core::Cat(" \t", kSecret, "\r\n\n"));
  auto key = CallerAssertionKey::FromFile(path);
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(key->Sign(Claims()), Key().Sign(Claims()));
}

TEST(CallerAssertionKeyTest, FromFileErrorsNameThePathNotTheContent) {
  const std::string missing = ::testing::TempDir() + "/assertion_key_that_does_not_exist";
  auto key = CallerAssertionKey::FromFile(missing);
  EXPECT_EQ(key.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(key.status().message().find(missing), std::string_view::npos) << key.status();

  const std::string short_secret = "tooshort-secret-zq";
  const std::string path = WriteFile("assertion_key_short", core::Cat(short_secret, "\n"));
  key = CallerAssertionKey::FromFile(path);
  EXPECT_EQ(key.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(key.status().message().find(path), std::string_view::npos) << key.status();
  EXPECT_EQ(key.status().message().find("zq"), std::string_view::npos) << key.status();

  const std::string padded = WriteFile("assertion_key_whitespace", std::string(100, ' '));
  EXPECT_FALSE(CallerAssertionKey::FromFile(padded).ok());

  const std::string large = WriteFile("assertion_key_large",
                                      std::string(kMaxAssertionKeyFileBytes + 1, 'k'));
  key = CallerAssertionKey::FromFile(large);
  EXPECT_EQ(key.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(key.status().message().find(large), std::string_view::npos) << key.status();
  EXPECT_TRUE(CallerAssertionKey::FromFile(
                  WriteFile("assertion_key_largest", std::string(kMaxAssertionKeyFileBytes, 'k')))
                  .ok());

  EXPECT_FALSE(CallerAssertionKey::FromFile(::testing::TempDir()).ok());  // a directory
}

}  // namespace
}  // namespace ndxp::auth
