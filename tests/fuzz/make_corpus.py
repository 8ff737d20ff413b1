#!/usr/bin/env python3
"""Writes the seed corpora of tests/fuzz (corpus/<target>/), from examples in the unit tests:
valid and invalid inputs of each function, a few hundred bytes each. Run it again after adding a
seed here; crash regressions found by fuzzing are added by hand as corpus/<target>/crash-*.
Deterministic: the same files every run (decision 0306)."""
import hashlib
import os
import shutil
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")


def write(target, seeds):
    out = os.path.join(CORPUS, target)
    if os.path.isdir(out):
        for name in os.listdir(out):
            if name.startswith("seed-"):
                os.remove(os.path.join(out, name))
    os.makedirs(out, exist_ok=True)
    for i, seed in enumerate(seeds):
        data = seed.encode() if isinstance(seed, str) else seed
        with open(os.path.join(out, "seed-%02d" % i), "wb") as f:
            f.write(data)


# connectors/common identifiers (tests/unit/connectors/common/*_test.cc)
write("personal_id", ["079203001234", "001190000001", "097190000001", "036187004321",
                      "079325000001", "098203001234", "099190000001", "000190000001",
                      "079 03001234", "07920300123", "0792030012345", "079900000001", ""])
write("enterprise_code", ["0100109106", "0100109106-001", "0100109106001", "0300588569-999",
                          "0100109107", "0100109106-000", "0100109106-01", "01001091060010",
                          "0312687878", "0100233488", "010010910", ""])
write("insurance_codes", ["7912345678", "0000000123", "DN4797912345678", "DN 4 79 7912345678",
                          "DN4-79-7912345678", "DN4--79-7912345678", "DN0797912345678",
                          "DN479-7912345678-", "HC4-01-0123456789", "XX4797912345678", "79123"])
write("budget_unit_code", ["1000000", "1000011", "5000016", "1000018", "2000015", "3000019",
                           "7000017", "8000013", "100001", "10000111", "1o00011", ""])
write("household_code", ["H26734000123", "H00004000001", "H26740000000", "H26740999999",
                         "H99999000123", "H123", "H", "h26734000123", "H2673400012X"])
# Four little-endian int32 fields: a year-ish number, month/day bytes, a working-day count.
write("dates", [struct.pack("<iii", y, m | (d << 8), n) for (y, m, d, n) in
                [(2025, 12, 1, 0), (2024, 2, 29, 5), (2023, 2, 29, -5), (1, 1, 1, 1),
                 (9999, 12, 31, -1), (1970, 1, 1, 30), (-4, 13, 32, 999)]])

# gateway/server/http (tests/unit/gateway/server/http/*_test.cc)
write("connect_protocol", ["application/json", "application/json; charset=utf-8",
                           "application/proto", "application/connect+json", "text/plain",
                           "1", "2", "identity", "gzip", "15000", "0", "12345678901", "-5",
                           "/ndxp.population.v1.PopulationService/GetCitizen", "/v1/citizens/1",
                           "/a/b", "/a.b/", "//x"])
write("url", ["/v1/citizens/079203001234", "/v1/citizens/07920%33001234?view=FULL&x=1",
              "/v1/enterprises/0100109106/units?page_size=10&page_token=abc%2Fdef",
              "/a%2Fb/c?q=a+b&&r=%ZZ", "/x?y", "/%", "/%4", "?only=query", "/p#frag?x=1",
              "/v1/x?a=%C3%A9&b.c=%20"])
write("path_template", ["/v1/citizens/{personal_id}\n/v1/citizens/079203001234",
                        "/v1/citizens/{personal_id}:verify\n/v1/citizens/079203001234:verify",
                        "/v1/{name=enterprises/*/units/*}\n/v1/enterprises/0100109106/units/001",
                        "/v1/{parent.name=shelves/*}/books\n/v1/shelves/a%2Fb/books",
                        "/v1/files/**\n/v1/files/a/b/c", "/v1/{x=**}\n/v1/a/b%2Fc",
                        "/v1/**/x\n/v1/a/x", "/v1/{a}/{a}\n/v1/1/2", "v1/nope\n/v1/nope",
                        "/v1/{a=b/{c}}\n/v1/b/c", "/v1/{a.}\n/v1/x", "/v1:\n/v1:"])
write("json_limits", ["{}", "[]", "0", "-0.5e+10", "1E5", "true", "null", "\"\"",
                      " \n\t{\"a\" : 1 }\r\n",
                      "{\"a\":[1,2,{\"b\":null}],\"c\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"}",
                      "\"Nguy\u1ec5n Th\u1ecb H\u01b0\u01a1ng\"", b"\"\xF0\x9F\x98\x80\"",
                      "[[[]],[]]", "{'personal_id':'079203001234'}", "{\"a\":1,}", "[1,2,]",
                      "{\"a\":1} {}", "{\"a\":1 /* c */}", "[01]", "[1.]", "[1e]", "[NaN]",
                      "\"\\ud83d\\ude00\"", "\"\\u12G4\"", b"\"\xC0\xAF\"", b"\"\xED\xA0\x80\"",
                      "{\"a\":1", "[" * 40 + "]" * 40])
write("json_body", ["{\"personal_id\":\"079203001234\",\"full_name\":\"Nguyen Van A\"}",
                    "{\"personalId\":\"079203001234\",\"dateOfBirth\":{\"year\":1990,\"month\":1,\"day\":2}}",
                    "{\"grpc\":{\"address\":\"127.0.0.1:50051\"},\"limits\":{\"maxJsonDepth\":32}}",
                    "{\"upstreams\":[{\"service\":\"a.b.C\",\"endpoints\":[\"h:1\"],\"timeout\":\"1.5s\"}]}",
                    "{\"clients\":[{\"id\":\"demo\",\"purposes\":[\"x\"],\"allow\":[{\"method\":\"*\"}]}]}",
                    "{\"unknown\":1}", "{'personal_id':'1'}", "   ", "", "[1]",
                    "{\"personal_id\":1}", "{\"limits\":{\"maxJsonDepth\":-1}}"])
REQUEST = ("POST /ndxp.population.v1.PopulationService/GetCitizen HTTP/1.1\r\n"
           "Host: gateway.example\r\ncontent-type: application/json\r\n"
           "Content-Length: 2\r\n\r\n{}")
write("request_framing", [
    "\x07" + REQUEST,
    "\x01GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n",
    "\x10\r\n\r\nGET /healthz HTTP/1.1\r\nHost: a\r\n\r\n",
    "\x03POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "\x05POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n",
    "\x05POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
    "\x05POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
    "\x02POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
    "\x09GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
    "\x09GET / HTTP/1.1\r\n\r\n",
    "\x09GET http://evil/ HTTP/1.1\r\nHost: a\r\n\r\n",
    "\x09GET / HTTP/1.2\r\nHost: a\r\n\r\n",
    "\x09OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
    "\x09GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n folded\r\n\r\n",
    "\x09GET / HTTP/1.1\nHost: a\n\n",
    "\x09GET / HTTP/1.1\r\nHost: a\rX: 1\r\n\r\n",
    "\x09POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"])

# gateway/config (tests/unit/gateway/config/*_test.cc, deploy/config/gateway.example.yaml)
write("config_yaml", [
    "",
    "grpc:\n  address: \"127.0.0.1:50051\"\nhttp:\n  address: \"127.0.0.1:8080\"\n",
    "limits:\n  max_json_depth: 32\n  max_request_bytes: 1048576\n",
    "limits:\n  max_json_depth: deep\n",
    "limits:\n  max_json_depth: 0\n",
    "clients:\n  - id: \"demo\"\n    api_key_sha256: [\"" + "ab" * 32 + "\"]\n"
    "    purposes: [administrative-procedure]\n    allow: [{method: \"*\"}]\n",
    "connectors:\n  - name: business\n    seed: 7\nupstreams:\n"
    "  - service: ndxp.population.v1.PopulationService\n    endpoints: [\"127.0.0.1:7001\"]\n"
    "    timeout: 1.5s\n    balancing: round_robin\n",
    "clients:\n  - id: VN:PROV:79:ONESTOP\n    limits: {rate: 10/s, burst: 0, quota_daily: 1000}\n",
    "shutdown:\n  drain_timeout: 30s\naccess_log:\n  enabled: true\n",
    "unknown_key: 1\n",
    "grpc: [1, 2]\n",
    "{a: [b, {c: d}], e: *x}\n",
    "- just\n- a list\n",
    "limits: {max_json_depth: 99999999999999999999}\n",
])

# gateway/core and gateway/auth (trace_context_test, base64url_test, api_key_test, jwt tests)
TP = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
write("trace_context", [TP, TP + "\nrojo=00f067aa0ba902b7,congo=t61rcWkgMzE",
                        TP[:-2] + "00", TP[:-2] + "ff", "01-" + TP[3:] + "-extra",
                        "ff-" + TP[3:], TP.upper(), "00-" + "0" * 32 + TP[35:],
                        TP[:-1], TP + "\n" + "x" * 600, "\n\x01bad", ""])
write("base64url", ["", "AA", "AAA", "AAAA", "eyJhbGciOiJFUzI1NiJ9", "A", "AB", "AAB=",
                    "ab+/", "a b", "_-_-", "QUJD"])
write("api_key", ["ndxp_abcdefghij12_" + "A" * 43, "ndxp_" + "B" * 43, "abcdefghij12",
                  "ab" * 32, "AB" * 32, "ab" * 31, "ndxp_ABCDEFGHIJ12_x", ""])
JWKS = ('{"keys":[{"kty":"EC","kid":"ec-1","use":"sig","alg":"ES256","crv":"P-256",'
        '"x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",'
        '"y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}')
write("jwks", [JWKS, '{"keys":[]}', '{"keys":[{"kty":"RSA","kid":"r","n":"AQAB","e":"AQAB"}]}',
               '{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}', '{"alg":"ES256","kid":"ec-1","typ":"JWT"}',
               '{"exp":1700000300,"nbf":1.5,"aud":["a","b"]}', '[1]', '{"a":{"b":{"c":{}}}}',
               '{"a":1,"a":2}', '{"a":1e400}'])
HEADER = '{"alg":"ES256","kid":"ec-1","typ":"JWT"}'
CLAIMS = ('{"iss":"https://idp.example","aud":["ndxp-gateway","other"],'
          '"client_id":"VN:PROV:79:ONESTOP","exp":1700000300,"scope":"citizen.read"}')
write("jwt_verify", [
    "\x01" + HEADER + "\n" + CLAIMS,
    "\x03" + HEADER.replace("ES256", "RS256").replace("ec-1", "rsa-1") + "\n" + CLAIMS,
    "\x01" + HEADER + "\n" + CLAIMS.replace("1700000300", "1600000000"),
    "\x01" + HEADER + "\n" + CLAIMS.replace(',"scope":"citizen.read"', ',"nbf":1800000000'),
    "\x01" + HEADER + "\n" + CLAIMS.replace("idp.example", "evil.example"),
    "\x01" + HEADER + "\n" + CLAIMS.replace('"ndxp-gateway",', ''),
    "\x01" + HEADER + "\n" + CLAIMS.replace('"client_id":"VN:PROV:79:ONESTOP",', ''),
    "\x01" + HEADER + "\n" + CLAIMS.replace('"citizen.read"', '["a","b"]'),
    "\x01" + '{"alg":"none","kid":"ec-1"}' + "\n" + CLAIMS,
    "\x01" + '{"alg":"ES256","kid":"ec-1","crit":["x"]}' + "\n" + CLAIMS,
    "\x01" + '{"alg":"ES256","kid":"other"}' + "\n" + CLAIMS,
    "\x00eyJhbGciOiJFUzI1NiIsImtpZCI6ImVjLTEifQ.eyJleHAiOjF9.AAAA",
    "\x00a.b.c", "\x00..", "\x00" + "A" * 9000])


# gateway/metering/audit (segment_format_test.cc): frames of [len][AuditFrame][hash]
def varint(n):
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def field(num, wire, payload):
    key = varint(num << 3 | wire)
    if wire == 0:
        return key + varint(payload)
    return key + varint(len(payload)) + payload


def header_frame(sequence, previous=b"\0" * 32, prev_name=b""):
    body = field(1, 0, 1) + field(2, 0, sequence) + field(4, 2, previous) + field(5, 0, 1700000000000000)
    if prev_name:
        body += field(3, 2, prev_name)
    return field(1, 2, body)


def segment(payloads, previous=b"\0" * 32):
    out, chain = b"", previous
    for p in payloads:
        chain = hashlib.sha256(chain + p).digest()
        out += struct.pack("<I", len(p)) + p + chain
    return out


HEAD = header_frame(1)
RECORD = field(2, 2, field(1, 2, b"VN:PROV:79:ONESTOP") + field(2, 2, b"/ndxp.population.v1.PopulationService/GetCitizen"))
SEAL = field(3, 2, field(1, 0, 2))
good = segment([HEAD, RECORD, RECORD, SEAL])
write("audit_segment", [
    b"\x00" + good, b"\x00" + segment([HEAD]), b"\x00" + good[:-5], b"\x00" + good[:3],
    b"\x00" + good[:40] + b"\xff" + good[41:], b"\x00" + segment([RECORD]),
    b"\x00" + struct.pack("<I", 300000) + b"x" * 40,
    b"\x00" + segment([header_frame(2, b"\x11" * 32, b"segment-00000001.log"), RECORD], b"\x11" * 32),
    b"\x01" + segment([HEAD, b"\x12\x03abc"]), b"\x01" + good, b""])
