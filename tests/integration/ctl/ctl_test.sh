#!/usr/bin/env bash
# ndxpctl as an operator runs it: exit codes (0 ok, 1 check failed, 2 usage), messages naming the
# key, and output that other tools can use. One case per CTest test: ctl_test.sh CASE.
# Environment: NDXPCTL (the binary), NDXP_SOURCE_DIR, CTL_DATA (this directory's data/).
set -uo pipefail

: "${NDXPCTL:?}" "${NDXP_SOURCE_DIR:?}" "${CTL_DATA:?}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# run ARGS...: runs ndxpctl; sets RC, OUT, ERR.
run() {
  "$NDXPCTL" "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
  RC=$?
  OUT=$(cat "$WORK/out")
  ERR=$(cat "$WORK/err")
}

expect_rc() {
  [[ $RC -eq $1 ]] || fail "expected exit $1, got $RC; stdout: $OUT; stderr: $ERR"
}

expect_err_contains() {
  [[ $ERR == *"$1"* ]] || fail "stderr lacks \"$1\": $ERR"
}

# A bad configuration file: exit 1, one line on stderr starting "FILE: KEY: " (KEY is the key
# path and the start of the problem, e.g. 'upstreams[0].endpoints[1]: port 0').
check_bad() {
  local file=$CTL_DATA/$1 key=$2
  run config check "$file"
  expect_rc 1
  [[ $ERR == "$file: $key"* ]] || fail "stderr should start with \"$file: $key\": $ERR"
  [[ $ERR != *$'\n'* ]] || fail "stderr should be one line: $ERR"
  [[ -z $OUT ]] || fail "stdout should be empty: $OUT"
}

case_config_check_good() {
  run config check "$CTL_DATA/good.yaml"
  expect_rc 0
  [[ $OUT == "$CTL_DATA/good.yaml: ok" ]] || fail "unexpected output: $OUT"
  run config check "$CTL_DATA/empty.yaml"
  expect_rc 0
}

case_config_check_example() {
  local example=$NDXP_SOURCE_DIR/deploy/config/gateway.example.yaml
  run config check "$example"
  expect_rc 0
  [[ $OUT == "$example: ok" ]] || fail "unexpected output: $OUT"
  run config check "$example" --print
  expect_rc 0
  [[ $OUT == *'max_deadline: 5m'* ]] || fail "--print lacks the effective config: $OUT"
}

case_config_check_bad() {
  check_bad bad_unknown_key.yaml "grpc.reflektion: unknown key (known keys: address, reflection, health, keepalive_time, "
  check_bad bad_type.yaml 'limits.max_json_depth: expected an unsigned integer, got "deep" (line 3'
  check_bad bad_duration.yaml 'limits.default_deadline: expected a duration'
  check_bad bad_deadlines.yaml 'limits.max_deadline: 30s is shorter than limits.default_deadline'
  check_bad bad_digest.yaml 'clients[1].api_key_sha256[0]: expected a SHA-256 digest'
  check_bad bad_client_id.yaml 'clients[0].id: "VN PROV 79" contains'
  check_bad bad_connector.yaml 'connectors[0].name: unknown connector "populaton" (known: '
  check_bad bad_address.yaml 'http.address: port 80800 is out of range'
  check_bad bad_syntax.yaml 'YAML syntax error at line 3, column 2'
  check_bad bad_zero.yaml 'limits.max_json_depth: must be greater than 0'
  run config check "$WORK/missing.yaml"
  expect_rc 1
  expect_err_contains "$WORK/missing.yaml: cannot open: No such file or directory"
}

# Upstreams (services in other processes). Needs ndxpctl to pass the built-in connectors'
# services to config::LoadEffectiveConfig: without them population would need a descriptor_set.
case_config_check_upstreams() {
  local good=$CTL_DATA/good_upstreams.yaml
  run config check "$good"
  expect_rc 0
  [[ $OUT == "$good: ok" ]] || fail "unexpected output: $OUT"
  run config check "$good" --print
  expect_rc 0
  local want
  for want in '    balancing: least_request' '    balancing: round_robin' '    name: "population"' \
              '    name: "example.v1.LookupService"' '    timeout: 5s' '    keepalive_time: 30s' \
              '  max_connection_age: 0s' '  max_connection_idle: 15m' '  max_age: 1m'; do
    grep -qxF -- "$want" <<<"$OUT" || fail "--print lacks \"$want\": $OUT"
  done
  # Without `connectors:` the default leaves out the connectors routed upstream.
  grep -v -e '^connectors:' -e '^  - name: business' "$good" >"$WORK/no_connectors.yaml"
  run config check "$WORK/no_connectors.yaml" --print
  expect_rc 0
  # Every built-in connector but population (routed upstream) stays in-process.
  local in_process
  in_process=$(sed -n '/^connectors:/,/^[a-z]/p' <<<"$OUT")
  grep -qxF '  - name: "population"' <<<"$in_process" && fail "population is routed upstream: $OUT"
  grep -qxF '  - name: "business"' <<<"$in_process" || fail "business should run in-process: $OUT"

  check_bad bad_balancing.yaml \
    'upstreams[0].balancing: unknown value "fastest" (known values: round_robin, least_request) (line 4, column 16)'
  check_bad bad_endpoint.yaml 'upstreams[0].endpoints[1]: port 0 is out of range (1 to 65535)'
  check_bad bad_routed_twice.yaml \
    'upstreams[0].service: ndxp.population.v1.PopulationService is also served in-process by connectors[0] (population)'
  check_bad bad_descriptor_set.yaml \
    'upstreams[0].descriptor_set: example.v1.LookupService is not a built-in service: give its FileDescriptorSet'
}

case_config_default() {
  run config default
  expect_rc 0
  printf '%s\n' "$OUT" >"$WORK/default.yaml"
  run config check "$WORK/default.yaml"
  expect_rc 0
  grep -q '^  address: "127.0.0.1:50051"$' "$WORK/default.yaml" || fail "default lacks grpc address"
}

# docs/configuration.md shows the embedded default in full; it must be what the program prints.
case_config_default_matches_docs() {
  run config default
  expect_rc 0
  grep -v '^#' <<<"$OUT" >"$WORK/program.yaml"
  sed -n '/<!-- embedded-default:begin -->/,/<!-- embedded-default:end -->/p' \
    "$NDXP_SOURCE_DIR/docs/configuration.md" | grep -v -e '^<!--' -e '^```' >"$WORK/docs.yaml"
  diff -u "$WORK/docs.yaml" "$WORK/program.yaml" >&2 ||
    fail "docs/configuration.md's embedded default differs from \`ndxpctl config default\` (update the docs)"
}

# sample CONNECTOR COUNT REGEX [ARGS...]: N distinct lines, each matching REGEX.
sample() {
  local connector=$1 count=$2 regex=$3
  shift 3
  run data sample --connector "$connector" --count "$count" "$@"
  expect_rc 0
  local lines distinct bad
  lines=$(printf '%s\n' "$OUT" | wc -l)
  distinct=$(printf '%s\n' "$OUT" | sort -u | wc -l)
  bad=$(printf '%s\n' "$OUT" | grep -Evc "$regex")
  [[ $lines -eq $count ]] || fail "$connector: expected $count lines, got $lines"
  [[ $distinct -eq $count ]] || fail "$connector: $((count - distinct)) duplicate ids"
  [[ $bad -eq 0 ]] || fail "$connector: $bad malformed ids: $(printf '%s\n' "$OUT" | grep -Ev "$regex" | head -3)"
}

case_data_sample_population() {
  sample population 200 '^[0-9]{12}$'
  local first=$OUT
  sample population 200 '^[0-9]{12}$'
  [[ $OUT == "$first" ]] || fail "same seed and scale must give the same ids"
  sample population 50 '^[0-9]{12}$' --seed 7 --scale 1000
  sample population 20 '^[0-9]{12}$' --config "$CTL_DATA/good.yaml"
}

case_data_sample_business() {
  sample business 200 '^[0-9]{10}$'
  sample business 30 '^[0-9]{10}$' --seed 3 --scale 500
}

case_data_sample_kinds() {
  sample population 20 '^H[0-9]{11}$' --kind household_id
  sample business 20 '^DKKD-[0-9]{2}-20[0-9]{2}-[0-9]{6}$' --kind dossier_id
  sample business 5 '^[0-9]{10}$' --kind enterprise_code
  run data kinds --connector population
  expect_rc 0
  [[ $OUT == personal_id$'\t'PopulationService/GetCitizen.personal_id$'\t'* ]] ||
    fail "population's first kind must be personal_id: $OUT"
  [[ $OUT == *$'\n'household_id$'\t'* ]] || fail "population lists household_id: $OUT"
  run data sample --connector population --kind dossier_id --count 3
  expect_rc 2
  expect_err_contains '--kind: connector "population" has no kind "dossier_id" (its kinds: personal_id, household_id)'
}

case_data_sample_unknown_connector() {
  run data sample --connector nosuch --count 5
  expect_rc 2
  expect_err_contains 'unknown connector "nosuch" (known: '
  expect_err_contains 'population'
}

case_data_sample_bad_count() {
  for count in 0 100001 -3 many; do
    run data sample --connector population --count "$count"
    expect_rc 2
    expect_err_contains '--count'
  done
  run data sample --connector population
  expect_rc 2
  expect_err_contains '--count is required'
}

case_key_generate_hash() {
  run key generate --client VN:PROV:79:ONESTOP --display-name "Hệ thống một cửa"
  expect_rc 0
  local key digest hashed
  key=$(sed -n 's/^api_key: //p' <<<"$OUT")
  digest=$(sed -n 's/^api_key_sha256: //p' <<<"$OUT")
  [[ $key =~ ^ndxp_[A-Za-z0-9_-]{43}$ ]] || fail "malformed key: $key"
  [[ $digest =~ ^[0-9a-f]{64}$ ]] || fail "malformed digest: $digest"
  hashed=$(printf '%s\n' "$key" | "$NDXPCTL" key hash) || fail "key hash failed"
  [[ $hashed == "$digest" ]] || fail "key hash gave $hashed, generate said $digest"
  [[ $(printf '%s' "$key" | sha256sum | cut -d' ' -f1) == "$digest" ]] || fail "not SHA-256 of the key"
  # The printed YAML entry, pasted under clients:, is a valid configuration.
  { echo "clients:"; sed -n '/^- id:/,$p' <<<"$OUT" | sed 's/^/  /'; } >"$WORK/with_client.yaml"
  run config check "$WORK/with_client.yaml"
  expect_rc 0
  run key generate
  expect_rc 0
  [[ $(sed -n 's/^api_key: //p' <<<"$OUT") != "$key" ]] || fail "two generated keys are equal"
}

case_key_hash_errors() {
  "$NDXPCTL" key hash </dev/null >"$WORK/out" 2>"$WORK/err"
  RC=$? ERR=$(cat "$WORK/err") OUT=
  expect_rc 1
  expect_err_contains 'no API key on standard input'
  printf 'a\nb\n' | "$NDXPCTL" key hash >"$WORK/out" 2>"$WORK/err"
  RC=$? ERR=$(cat "$WORK/err")
  expect_rc 1
  run key generate --client 'bad id!'
  expect_rc 2
  expect_err_contains 'invalid client id'
}

case_usage_errors() {
  run
  expect_rc 2
  run bogus
  expect_rc 2
  run config check
  expect_rc 2
  expect_err_contains 'FILE is required'
  run config
  expect_rc 2
}

# ndxpctl usage: bad options are usage errors (exit 2) naming the option; a missing ledger is
# exit 1 naming the file.
usage_bad() {
  local want=$1
  shift
  run usage "$@"
  expect_rc 2
  expect_err_contains "$want"
  [[ -z $OUT ]] || fail "stdout should be empty: $OUT"
}

case_usage_report_errors() {
  usage_bad '--from: "2026-1-01": expected a date YYYY-MM-DD' report --from 2026-1-01 --to 2026-01-31
  usage_bad '--to: "2026-02-30": expected a date YYYY-MM-DD' report --from 2026-02-01 --to 2026-02-30
  usage_bad '--from 2026-03-01 is after --to 2026-02-28' report --from 2026-03-01 --to 2026-02-28
  usage_bad '--by: "region": expected client, connector, province or procedure' \
    report --from 2026-01-01 --to 2026-01-31 --by region
  usage_bad '--format: "xml": expected table, csv or json' \
    report --from 2026-01-01 --to 2026-01-31 --format xml
  usage_bad '--month: "2026-13": expected a month YYYY-MM' indicators --month 2026-13
  usage_bad '--province: "7": expected a two-digit province code' indicators --month 2026-01 --province 7
  run usage report --from 2026-01-01
  expect_rc 2
  expect_err_contains '--to is required'
  run usage
  expect_rc 2
}

case_usage_missing_ledger() {
  run usage report --from 2026-01-01 --to 2026-01-31 --data-dir "$WORK/nothing-here"
  expect_rc 1
  expect_err_contains "$WORK/nothing-here/usage.db: no usage ledger there"
  NDXP_DATA_DIR="$WORK/from-env" run usage indicators --month 2026-01
  expect_rc 1
  expect_err_contains "$WORK/from-env/usage.db"
  # --data-dir wins over the environment, as for the gateway.
  NDXP_DATA_DIR="$WORK/from-env" run usage indicators --month 2026-01 --data-dir "$WORK/flag"
  expect_err_contains "$WORK/flag/usage.db"
  run usage report --from 2026-01-01 --to 2026-01-31 --config "$CTL_DATA/bad_type.yaml"
  expect_rc 1
  expect_err_contains 'limits.max_json_depth'
}

case_help() {
  for args in "--help" "config --help" "config check --help" "config default --help" \
              "data sample --help" "data kinds --help" "key generate --help" "key hash --help" \
              "usage report --help" "usage indicators --help"; do
    # shellcheck disable=SC2086
    run $args
    expect_rc 0
    [[ $OUT == *Usage* || $OUT == *usage* ]] || fail "ndxpctl $args: no usage text: $OUT"
  done
  run --version
  expect_rc 0
}

name=${1:?case name}
"case_$name"
echo "ok: $name"
