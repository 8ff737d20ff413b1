// The audit keys: the subject key made at first start (32 random bytes, mode 0600) or read, a
// configured one missing or too short is an error naming the key; the HMAC; the seal key made,
// its public key beside it, signatures that verify only with it.
#include "gateway/metering/audit/audit_keys.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "tests/unit/gateway/metering/audit/audit_test_support.h"

namespace ndxp::metering::audit {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

TEST(SubjectKeyTest, MadeAtFirstStartWithMode0600AndReadBackTheSame) {
  TempDir dir;
  const std::string path = dir.path() + "/audit-hmac.key";
  auto made = SubjectHasher::Open(path, true, "audit.subject_key_file");
  ASSERT_TRUE(made.ok()) << made.status();
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  EXPECT_EQ(st.st_size, 32);
  auto again = SubjectHasher::Open(path, true, "audit.subject_key_file");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(made->Of("079203001234"), again->Of("079203001234"));
  EXPECT_NE(made->Of("079203001234"), made->Of("079203001235"));
}

TEST(SubjectKeyTest, TheHmacIsHmacSha256) {
  // RFC 4231 test case 2 has a short key; ours must be 32 bytes, so: key = 32 x 0x0b.
  SubjectHasher hasher(std::string(32, '\x0b'));
  EXPECT_EQ(HexOf(hasher.Of("Hi There")),
            "198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7");
}

TEST(SubjectKeyTest, AConfiguredFileMissingOrShortIsAnErrorNamingTheKey) {
  TempDir dir;
  auto missing = SubjectHasher::Open(dir.path() + "/nope.key", false, "audit.subject_key_file");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(std::string(missing.status().message()).find("audit.subject_key_file: "), std::string::npos);
  EXPECT_NE(std::string(missing.status().message()).find("does not exist"), std::string::npos);
  WriteFile(dir.path() + "/short.key", std::string(31, 'x'));
  auto short_key = SubjectHasher::Open(dir.path() + "/short.key", false, "audit.subject_key_file");
  ASSERT_FALSE(short_key.ok());
  EXPECT_NE(std::string(short_key.status().message()).find("holds 31 bytes"), std::string::npos);
  // Even the default file, when present, must be long enough.
  auto short_default = SubjectHasher::Open(dir.path() + "/short.key", true, "audit.subject_key_file");
  EXPECT_FALSE(short_default.ok());
}

TEST(SealKeyTest, MadeWithItsPublicKeyAndSignaturesVerifyOnlyWithIt) {
  TempDir dir;
  auto keys = testing::MakeKeys(dir.path());
  struct stat st;
  ASSERT_EQ(::stat((dir.path() + "/audit-ec.pem").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  EXPECT_NE(ReadFile(dir.path() + "/audit-ec.pub.pem").find("BEGIN PUBLIC KEY"), std::string::npos);
  Hash last{};
  last[5] = 7;
  const std::string message = SealMessage(3, 10, last);
  const std::string signature = keys.signer->Sign(message);
  ASSERT_FALSE(signature.empty());
  EXPECT_TRUE(keys.verifier->Verify(message, signature));
  EXPECT_FALSE(keys.verifier->Verify(SealMessage(3, 11, last), signature));
  EXPECT_FALSE(keys.verifier->Verify(SealMessage(4, 10, last), signature));
  EXPECT_EQ(keys.signer->key_id(), keys.verifier->key_id());

  TempDir other;
  auto other_keys = testing::MakeKeys(other.path());
  EXPECT_FALSE(other_keys.verifier->Verify(message, signature));
  EXPECT_NE(other_keys.verifier->key_id(), keys.signer->key_id());
  // The private key file also serves to verify.
  auto from_private = SealVerifier::Open(dir.path() + "/audit-ec.pem");
  ASSERT_TRUE(from_private.ok());
  EXPECT_TRUE((*from_private)->Verify(message, signature));
}

TEST(SealKeyTest, AConfiguredKeyThatIsNotP256IsRefused) {
  TempDir dir;
  WriteFile(dir.path() + "/bad.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
  auto bad = SealSigner::Open(dir.path() + "/bad.pem", dir.path() + "/bad.pub.pem", false,
                              "audit.signing_key_file");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(std::string(bad.status().message()).find("audit.signing_key_file: "), std::string::npos);
  auto missing = SealSigner::Open(dir.path() + "/none.pem", dir.path() + "/none.pub.pem", false,
                                  "audit.signing_key_file");
  EXPECT_FALSE(missing.ok());
}

TEST(KeyPathTest, RelativePathsAreInTheDataDirectory) {
  EXPECT_EQ(KeyPath("", "/var/lib/ndxp", "audit-hmac.key"), "/var/lib/ndxp/audit-hmac.key");
  EXPECT_EQ(KeyPath("k.key", "/var/lib/ndxp", "audit-hmac.key"), "/var/lib/ndxp/k.key");
  EXPECT_EQ(KeyPath("/etc/k.key", "/var/lib/ndxp", "audit-hmac.key"), "/etc/k.key");
  EXPECT_EQ(PublicKeyPathFor("/d/audit-ec.pem"), "/d/audit-ec.pub.pem");
  EXPECT_EQ(PublicKeyPathFor("/d/key"), "/d/key.pub.pem");
}

}  // namespace
}  // namespace ndxp::metering::audit
