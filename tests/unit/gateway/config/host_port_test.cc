#include "gateway/config/host_port.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ndxp::config {
namespace {

using ::testing::HasSubstr;

std::string Error(std::string_view address) {
  auto parsed = ParseHostPort(address);
  EXPECT_FALSE(parsed.ok()) << address;
  return std::string(parsed.status().message());
}

TEST(HostPortTest, AcceptsIpv4Ipv6AndHostNames) {
  auto v4 = ParseHostPort("127.0.0.1:50051");
  ASSERT_TRUE(v4.ok());
  EXPECT_EQ(v4->host, "127.0.0.1");
  EXPECT_EQ(v4->port, 50051);
  EXPECT_FALSE(v4->ipv6);
  auto v6 = ParseHostPort("[::1]:0");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 0);
  EXPECT_TRUE(v6->ipv6);
  for (const char* ok : {"0.0.0.0:8080", "[::]:65535", "localhost:1", "gateway-1.ndxp.gov.vn:443",
                         "[2001:db8::7]:50051", "LOCALHOST:00080"}) {
    EXPECT_TRUE(ParseHostPort(ok).ok()) << ok;
  }
}

TEST(HostPortTest, RejectsWithAReason) {
  EXPECT_THAT(Error(""), HasSubstr("expected HOST:PORT"));
  EXPECT_THAT(Error("localhost"),
              HasSubstr("expected HOST:PORT (e.g. 127.0.0.1:50051), got \"localhost\""));
  EXPECT_THAT(Error(":8080"), HasSubstr("missing host"));
  EXPECT_THAT(Error("127.0.0.1:"), HasSubstr("missing port"));
  EXPECT_THAT(Error("127.0.0.1:65536"), HasSubstr("port 65536 is out of range (0 to 65535)"));
  EXPECT_THAT(Error("127.0.0.1:99999999999"), HasSubstr("out of range"));
  EXPECT_THAT(Error("127.0.0.1:http"), HasSubstr("port \"http\" is not a number"));
  EXPECT_THAT(Error("127.0.0.1:-1"), HasSubstr("is not a number"));
  EXPECT_THAT(Error("256.1.1.1:80"), HasSubstr("\"256.1.1.1\" is not a valid IPv4 address"));
  EXPECT_THAT(Error("1.2.3:80"), HasSubstr("not a valid IPv4 address"));
  EXPECT_THAT(Error("::1:80"), HasSubstr("must be in brackets"));
  EXPECT_THAT(Error("[::g]:80"), HasSubstr("\"::g\" is not a valid IPv6 address"));
  EXPECT_THAT(Error("[::1]80"), HasSubstr("expected ':' and a port after ']'"));
  EXPECT_THAT(Error("[::1:80"), HasSubstr("missing ']'"));
  EXPECT_THAT(Error("bad_host:80"), HasSubstr("\"bad_host\" is not a valid host name"));
  EXPECT_THAT(Error("-lead.example:80"), HasSubstr("not a valid host name"));
  EXPECT_THAT(Error("a..b:80"), HasSubstr("not a valid host name"));
  EXPECT_THAT(Error(std::string(64, 'a') + ".example:80"), HasSubstr("not a valid host name"));
}

std::string EndpointError(std::string_view address) {
  auto parsed = ParseEndpoint(address);
  EXPECT_FALSE(parsed.ok()) << address;
  return std::string(parsed.status().message());
}

TEST(EndpointTest, AcceptsWhatAListenerDoesExceptPortZeroAndTheUnspecifiedAddress) {
  for (const char* ok : {"127.0.0.1:7001", "[::1]:1", "connector-1.ndxp.internal:65535",
                         "10.0.0.0:80", "[2001:db8::7]:50051", "LOCALHOST:00080"}) {
    EXPECT_TRUE(ParseEndpoint(ok).ok()) << ok;
  }
  auto parsed = ParseEndpoint("[::1]:7001");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->host, "::1");
  EXPECT_EQ(parsed->port, 7001);
  EXPECT_TRUE(parsed->ipv6);
  EXPECT_EQ(EndpointError("127.0.0.1:0"), "port 0 is out of range (1 to 65535)");
  EXPECT_EQ(EndpointError("127.0.0.1:65536"), "port 65536 is out of range (1 to 65535)");
  EXPECT_EQ(EndpointError(":7001"), "missing host before ':'");
  EXPECT_EQ(EndpointError("0.0.0.0:7001"),
            "\"0.0.0.0\" is the unspecified address, which only a listener takes: name the "
            "machine to connect to");
  EXPECT_THAT(EndpointError("[::]:7001"), HasSubstr("\"::\" is the unspecified address"));
  EXPECT_THAT(EndpointError("[0:0::0]:7001"), HasSubstr("is the unspecified address"));
  EXPECT_THAT(EndpointError("localhost"), HasSubstr("expected HOST:PORT"));
  EXPECT_THAT(EndpointError("bad_host:80"), HasSubstr("is not a valid host name"));
  // A listener still takes both.
  EXPECT_TRUE(ParseHostPort("0.0.0.0:0").ok());
  EXPECT_THAT(Error(":8080"), HasSubstr("(use 0.0.0.0 or [::] to listen on every interface)"));
}

}  // namespace
}  // namespace ndxp::config
