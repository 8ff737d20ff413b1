#!/usr/bin/env bash
# The HTTP listener with mutual TLS, through curl and openssl s_client: a registered client's
# certificate identifies it on REST and Connect calls and /healthz; no certificate, an unknown CA,
# an expired or revoked certificate and TLS 1.1 are refused in the handshake and counted by
# reason in /metrics; a replaced certificate serves new connections while a connection opened
# before keeps working.
source "$(dirname "$0")/../lib.sh"
PKI="$WORK/pki"
bash "$NDXP_SOURCE_DIR/scripts/dev-ca.sh" "$PKI" >/dev/null
mkdir "$WORK/gen1"
cp "$PKI/server.crt" "$PKI/server.key" "$WORK/gen1/"
ln -s "$WORK/gen1" "$WORK/live"
DIGEST=$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)
tls_section() {
  cat <<EOT
  tls:
    cert_file: "$WORK/live/server.crt"
    key_file: "$WORK/live/server.key"
    client_ca_file: "$PKI/ca.crt"
    crl_file: "$PKI/crl.pem"
EOT
}
{
  echo "clients:"
  echo "  - id: \"VN:PROV:79:ONESTOP\""
  echo "    api_key_sha256: [\"$DIGEST\"]"
  echo "    purposes: [administrative-procedure]"
  echo "    allow: [{method: \"*\"}]"
  echo "access_log:"
  echo "  path: \"$WORK/access.log\""
  echo "grpc:"
  tls_section
  echo "http:"
  tls_section
} >"$WORK/gateway.yaml"
start_gateway --config "$WORK/gateway.yaml"
BASE="https://localhost:$HTTP_PORT"
ID=$(sample_id population)

# curl_as CLIENT PATH [curl args...]: the HTTP status (000: no answer); the body in $WORK/body.
curl_as() {
  local client=$1 path=$2
  shift 2
  local cert=()
  [ -n "$client" ] && cert=(--cert "$PKI/$client.crt" --key "$PKI/$client.key")
  curl -s -o "$WORK/body" -w '%{http_code}' --max-time 20 --cacert "$PKI/ca.crt" "${cert[@]}" \
    -H 'x-ndxp-purpose: administrative-procedure' \
    "$@" "$BASE$path" || true
}
failures() {  # failures REASON: ndxp_gateway_tls_handshake_failures_total{listener="http",...}
  curl_as client-79 /metrics >/dev/null
  sed -n "s/^ndxp_gateway_tls_handshake_failures_total{listener=\"http\",reason=\"$1\"} //p" \
    "$WORK/body"
}
serial_of_new_connection() {
  openssl s_client -connect "127.0.0.1:$HTTP_PORT" -servername localhost -CAfile "$PKI/ca.crt" \
    -cert "$PKI/client-79.crt" -key "$PKI/client-79.key" </dev/null 2>/dev/null |
    openssl x509 -noout -serial | sed 's/^serial=//'
}

# A registered client's certificate: REST, Connect, /healthz; the access log names the client.
expect_eq "$(curl_as client-79 "/v1/citizens/$ID" -H 'x-request-id: tls-rest-1')" 200 "REST call with a client certificate"
expect_contains "$(cat "$WORK/body")" "\"personalId\":\"$ID\"" "REST body"
expect_eq "$(curl_as client-79 /ndxp.population.v1.PopulationService/GetCitizen \
  -H 'content-type: application/json' -d "{\"personal_id\":\"$ID\"}")" 200 "Connect call with a client certificate"
expect_eq "$(curl_as client-79 /healthz)" 200 "/healthz over mutual TLS"
wait_until 10 "the access log line of the REST call" grep -q '"request_id":"tls-rest-1"' "$WORK/access.log"
line=$(grep '"request_id":"tls-rest-1"' "$WORK/access.log")
expect_contains "$line" '"client":"VN:PROV:79:ONESTOP"' "access log names the certificate's client"
expect_contains "$line" '"credential":"certificate"' "access log names the credential"

# A valid certificate of a client that is not registered.
expect_eq "$(curl_as client-01 "/v1/citizens/$ID")" 401 "unregistered certificate client"
expect_contains "$(cat "$WORK/body")" "CERTIFICATE_CLIENT_UNKNOWN" "its reason"

# Refused in the handshake, each counted by reason.
check_refused() {  # check_refused CLIENT REASON WHAT [curl args...]
  local client=$1 reason=$2 what=$3
  shift 3
  local before after
  before=$(failures "$reason")
  [ -n "$before" ] || fail "no series for reason $reason"
  expect_eq "$(curl_as "$client" /healthz "$@")" 000 "$what is refused"
  after=$(failures "$reason")
  [ "${after%.*}" -gt "${before%.*}" ] && pass "$what counted as $reason" ||
    fail "$what: $reason went from $before to $after"
}
check_refused "" no_certificate "no client certificate"
check_refused other-client unknown_ca "a certificate of an unknown CA"
check_refused client-expired expired "an expired certificate"
check_refused client-revoked revoked "a revoked certificate"
check_refused client-79 protocol "TLS 1.1" --tls-max 1.1 --ciphers 'DEFAULT@SECLEVEL=0'
if openssl s_client -connect "127.0.0.1:$HTTP_PORT" -tls1_1 -cipher 'DEFAULT@SECLEVEL=0' \
  </dev/null >/dev/null 2>&1; then
  fail "openssl s_client -tls1_1 was accepted"
else
  pass "openssl s_client -tls1_1 is refused"
fi

# Certificate reload: a connection opened before keeps working; new ones see the new serial.
OLD_SERIAL=$(serial_of_new_connection)
[ -n "$OLD_SERIAL" ] || fail "no serial from the first connection"
coproc OLD {
  openssl s_client -quiet -connect "127.0.0.1:$HTTP_PORT" -servername localhost \
    -CAfile "$PKI/ca.crt" -cert "$PKI/client-79.crt" -key "$PKI/client-79.key" 2>/dev/null
}
ask_old() {  # one request on the connection opened before; its status line
  printf 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n' >&"${OLD[1]}"
  local status="" line
  while IFS= read -r -t 10 -u "${OLD[0]}" line; do
    line=${line%$'\r'}
    [ -z "$status" ] && status=$line
    [ "$line" = "ok" ] && break
  done
  echo "$status"
}
expect_contains "$(ask_old)" "200" "the long-lived connection answers before the reload"
bash "$NDXP_SOURCE_DIR/scripts/dev-ca.sh" "$PKI" reissue-server server-2 >/dev/null
NEW_SERIAL=$(openssl x509 -in "$PKI/server-2.crt" -noout -serial | sed 's/^serial=//')
mkdir "$WORK/gen2"
cp "$PKI/server-2.crt" "$WORK/gen2/server.crt"
cp "$PKI/server-2.key" "$WORK/gen2/server.key"
ln -s "$WORK/gen2" "$WORK/live.next"
mv -T "$WORK/live.next" "$WORK/live"  # both files change at once
wait_until 20 "the listener to log the new certificate" grep -q "serial $NEW_SERIAL in use" "$WORK/stderr"
expect_eq "$(serial_of_new_connection)" "$NEW_SERIAL" "a new connection gets the new certificate"
expect_contains "$(ask_old)" "200" "the connection opened before still works"
kill "$OLD_PID" 2>/dev/null || true
echo "all TLS curl checks passed"
