#!/usr/bin/env bash
# A development PKI for TLS and mutual TLS, made with the openssl command line only (no prompts).
#
#   scripts/dev-ca.sh OUT_DIR                      everything below (idempotent: a complete
#                                                  OUT_DIR is left as it is)
#   scripts/dev-ca.sh OUT_DIR reissue-server NAME  one more server certificate from the same CA,
#                                                  OUT_DIR/NAME.crt and NAME.key (a rotation)
#
# OUT_DIR then holds (keys ECDSA P-256, PEM, mode 600):
#   ca.crt ca.key                   the development CA ("NDXP Dev CA")
#   server.crt server.key           the gateway's server certificate: SAN DNS localhost, IP 127.0.0.1
#   client-79.crt client-79.key     demo client, SAN URI urn:ndxp:client:VN:PROV:79:ONESTOP
#   client-01.crt client-01.key     demo client, SAN URI urn:ndxp:client:VN:PROV:01:ONESTOP
#   client-expired.crt .key         client 79, valid 2020-01-01 to 2020-01-02 only: expired
#   client-revoked.crt .key         client 79, revoked, listed in crl.pem
#   crl.pem                         the CA's certificate revocation list
#   other-ca.crt other-ca.key       a second, unrelated CA ("NDXP Other CA")
#   other-client.crt .key           client 79's identity, signed by the other CA (unknown CA)
#   gateway-client.crt .key         the gateway as a client of ndxp-connector, SAN URI urn:ndxp:gateway
#   ca/ other-ca/                   the CAs' openssl databases (index, serial, issued certificates)
set -euo pipefail

usage() {
  echo "usage: $0 OUT_DIR [reissue-server NAME]" >&2
  exit 2
}
[ $# -ge 1 ] || usage
OUT=$1
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
umask 077
# Every use of the configuration needs the variable, set per certificate by `issue`.
export NDXP_SAN="DNS:localhost"

# The openssl configuration of one CA: its database in $OUT/<name>/, extensions per kind of
# certificate; the SAN of a leaf comes from the environment (NDXP_SAN).
write_ca_config() {  # write_ca_config NAME
  local dir="$OUT/$1"
  mkdir -p "$dir/issued"
  [ -f "$dir/index.txt" ] || : >"$dir/index.txt"
  [ -f "$dir/serial" ] || openssl rand -hex 16 >"$dir/serial"
  [ -f "$dir/crlnumber" ] || echo 1000 >"$dir/crlnumber"
  cat >"$dir/openssl.cnf" <<EOF
[ ca ]
default_ca = dev_ca
[ dev_ca ]
dir = $dir
database = \$dir/index.txt
new_certs_dir = \$dir/issued
serial = \$dir/serial
crlnumber = \$dir/crlnumber
certificate = $OUT/$1.crt
private_key = $OUT/$1.key
default_md = sha256
default_days = 825
default_crl_days = 3650
policy = any_name
unique_subject = no
copy_extensions = none
[ any_name ]
commonName = supplied
organizationName = optional
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ ca_ext ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ server_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = \$ENV::NDXP_SAN
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ client_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = \$ENV::NDXP_SAN
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
}

new_key() {  # new_key FILE
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null
  chmod 600 "$1"
}

make_ca() {  # make_ca NAME "CN"
  write_ca_config "$1"
  new_key "$OUT/$1.key"
  openssl req -new -x509 -config "$OUT/$1/openssl.cnf" -extensions ca_ext -key "$OUT/$1.key" \
    -subj "/O=NDXP development/CN=$2" -days 3650 -sha256 -out "$OUT/$1.crt"
}

# issue CA NAME KIND "CN" SAN [openssl ca options...]: NAME.key and NAME.crt signed by CA.
issue() {
  local ca=$1 name=$2 kind=$3 cn=$4 san=$5
  shift 5
  new_key "$OUT/$name.key"
  openssl req -new -config "$OUT/$ca/openssl.cnf" -key "$OUT/$name.key" \
    -subj "/O=NDXP development/CN=$cn" -out "$OUT/$ca/$name.csr"
  NDXP_SAN=$san openssl ca -batch -notext -config "$OUT/$ca/openssl.cnf" -extensions "${kind}_ext" \
    -in "$OUT/$ca/$name.csr" -out "$OUT/$name.crt" "$@" 2>/dev/null
  rm -f "$OUT/$ca/$name.csr"
  chmod 644 "$OUT/$name.crt"
}

server_san="DNS:localhost,IP:127.0.0.1"

if [ "${2:-}" = reissue-server ]; then
  [ $# -eq 3 ] || usage
  [ -f "$OUT/.complete" ] || { echo "$0: $OUT is not a complete dev CA; run $0 $OUT first" >&2; exit 1; }
  write_ca_config ca
  issue ca "$3" server localhost "$server_san"
  echo "issued $OUT/$3.crt ($(openssl x509 -in "$OUT/$3.crt" -noout -serial))"
  exit 0
fi
[ $# -eq 1 ] || usage

files="ca.crt ca.key server.crt server.key client-79.crt client-79.key client-01.crt
  client-01.key client-expired.crt client-expired.key client-revoked.crt client-revoked.key crl.pem
  other-ca.crt other-ca.key other-client.crt other-client.key gateway-client.crt gateway-client.key"
complete=yes
for f in $files; do [ -f "$OUT/$f" ] || complete=no; done
if [ -f "$OUT/.complete" ] && [ $complete = yes ]; then
  echo "dev CA in $OUT is complete; nothing to do"
  exit 0
fi
# An interrupted earlier run: start again from nothing.
for f in $files .complete; do rm -f "$OUT/$f"; done
rm -rf "$OUT/ca" "$OUT/other-ca"

make_ca ca "NDXP Dev CA"
issue ca server server localhost "$server_san"
issue ca client-79 client "VN:PROV:79:ONESTOP" "URI:urn:ndxp:client:VN:PROV:79:ONESTOP"
issue ca client-01 client "VN:PROV:01:ONESTOP" "URI:urn:ndxp:client:VN:PROV:01:ONESTOP"
issue ca client-expired client "VN:PROV:79:ONESTOP" "URI:urn:ndxp:client:VN:PROV:79:ONESTOP" \
  -startdate 20200101000000Z -enddate 20200102000000Z
issue ca client-revoked client "VN:PROV:79:ONESTOP" "URI:urn:ndxp:client:VN:PROV:79:ONESTOP"
issue ca gateway-client client "ndxp-gateway" "URI:urn:ndxp:gateway"
openssl ca -batch -config "$OUT/ca/openssl.cnf" -revoke "$OUT/client-revoked.crt" \
  -crl_reason keyCompromise 2>/dev/null
openssl ca -batch -config "$OUT/ca/openssl.cnf" -gencrl -out "$OUT/crl.pem" 2>/dev/null
chmod 644 "$OUT/crl.pem" "$OUT/ca.crt"

make_ca other-ca "NDXP Other CA"
issue other-ca other-client client "VN:PROV:79:ONESTOP" "URI:urn:ndxp:client:VN:PROV:79:ONESTOP"
chmod 644 "$OUT/other-ca.crt"

touch "$OUT/.complete"
echo "dev CA written to $OUT"
