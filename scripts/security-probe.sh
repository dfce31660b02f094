#!/usr/bin/env bash
# Outside-in probe of issue 17 against a running app (docs/security.md): curl as an attacker would, one PASS/FAIL line
# per check. Usage: scripts/security-probe.sh [base-url] (default http://127.0.0.1:5080; the demo organization must be
# seeded, password Acme-Demo-2026). Exit status 1 when a check failed.
set -u
BASE="${1:-http://127.0.0.1:5080}"
PASSWORD="${DEMO_PASSWORD:-Acme-Demo-2026}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
FAILED=0
pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; FAILED=1; }
check() { local name="$1"; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
json() { curl -s -H 'Content-Type: application/json' "$@"; }
token_of() { sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p'; }
login() { json -X POST "$BASE/api/v1/auth/login" -H "X-Forwarded-For: 198.51.100.$((RANDOM % 250))" -d "{\"email\":\"$1\",\"password\":\"$2\"}"; }

ADMIN=$(login admin@acme.test "$PASSWORD" | token_of)
[ -n "$ADMIN" ] || { echo "Cannot sign in as admin@acme.test at $BASE"; exit 2; }

# 3: set-password never replaces an existing password.
code=$(status -X POST "$BASE/api/v1/auth/set-password" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -d '{"password":"Another-Strong-Pass-2026"}')
check "3 set-password with an existing password is refused ($code)" test "$code" -ge 400 -a "$code" -lt 500
check "3 the old password still signs in" test -n "$(login admin@acme.test "$PASSWORD" | token_of)"

# 4: forwarded proto from loopback (trusted by default) makes cookies Secure; the login page sets antiforgery.
curl -s -D "$TMP/h" -o /dev/null -H 'X-Forwarded-Proto: https' "$BASE/login"
check "4 antiforgery cookie is Secure behind a trusted proxy" grep -qi '^set-cookie: .AspNetCore.Antiforgery.*secure' "$TMP/h"
curl -s -D "$TMP/h" -o /dev/null "$BASE/login"
check "4 no Secure on plain http" bash -c "! grep -qi '^set-cookie: .AspNetCore.Antiforgery.*secure' '$TMP/h'"

# 5: the per-client budget is per forwarded client; an account's budget is per account.
for i in $(seq 1 25); do status -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' -H 'X-Forwarded-For: 203.0.113.7' -d "{\"email\":\"nobody$i@probe.test\",\"password\":\"x\"}" > /dev/null; done
code=$(status -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' -H 'X-Forwarded-For: 203.0.113.7' -d '{"email":"nobody@probe.test","password":"x"}')
check "5 one client over its budget gets 429 ($code)" test "$code" = 429
code=$(status -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' -H 'X-Forwarded-For: 203.0.113.8' -d '{"email":"other@probe.test","password":"x"}')
check "5 another client behind the same proxy is not blocked ($code)" test "$code" = 401

# 7, 8: NULs and overflowing paging never answer 500.
for url in "/api/v1/conversations?search=ab%00cd" "/api/v1/contacts?search=%00%00%00" "/api/v1/invitations?page=2147483647&limit=100" \
           "/api/v1/users?page=2147483647" "/api/v1/users?limit=-1" "/api/v1/campaigns?page=99999999999999999999" "/api/v1/opt-outs?search=%00"; do
  code=$(status -H "Authorization: Bearer $ADMIN" "$BASE$url")
  check "7/8 GET $url answers 400 ($code)" test "$code" = 400
done
for url in /api/v1/users/%00 /api/v1/campaigns/x%00y /v1/conversations/%00/messages /api/v1/templates/%00; do
  code=$(status -H "Authorization: Bearer $ADMIN" "$BASE$url")
  check "7 GET $url (NUL in a route value) answers 4xx ($code)" test "$code" -ge 400 -a "$code" -lt 500
done
for body in '{"name":"V\u0000IP","color":"#22c55e"}' '{"name":1e999}' '{"name":'; do
  code=$(status -X POST -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' "$BASE/api/v1/tags" -d "$body")
  check "7 POST /api/v1/tags $body answers 400 ($code)" test "$code" = 400
done

# 9, 10, 11: the sign-in form, sign-out without antiforgery, cookie replay, return addresses.
form_login() { # $1 = cookie jar, $2 = returnUrl; prints the Location
  local page token
  page=$(curl -s -c "$1" -b "$1" "$BASE/login")
  token=$(printf '%s' "$page" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | head -1 | sed 's/.*value="\([^"]*\)"/\1/')
  curl -s -o /dev/null -w '%{redirect_url}' -c "$1" -b "$1" -X POST "$BASE/account/login" \
    --data-urlencode "email=supervisor@acme.test" --data-urlencode "password=$PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "returnUrl=$2"
}
for r in '//evil.example/x' '/\evil.example/x' $'/x\t' $'/x\r\nSet-Cookie: a=b' 'https://evil.example/'; do
  location=$(form_login "$TMP/jar" "$r")
  check "11 returnUrl $(printf '%q' "$r") stays on the site ($location)" bash -c "[[ '$location' == $BASE/* ]]"
done
cp "$TMP/jar" "$TMP/saved"
code=$(status -b "$TMP/jar" -X POST "$BASE/account/logout")
check "10 /account/logout without antiforgery is refused ($code)" test "$code" = 400
code=$(status -b "$TMP/jar" "$BASE/profile")
check "10 the session goes on after the forged sign-out ($code)" test "$code" = 200
page=$(curl -s -b "$TMP/jar" -c "$TMP/jar" "$BASE/login") # the sign-in page of a signed-in user carries their token
token=$(printf '%s' "$page" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | head -1 | sed 's/.*value="\([^"]*\)"/\1/')
status -b "$TMP/jar" -c "$TMP/jar" -X POST "$BASE/account/logout" --data-urlencode "__RequestVerificationToken=$token" > /dev/null
code=$(status -b "$TMP/saved" "$BASE/profile")
check "9 the cookie replayed after signing out is sent to sign in ($code)" test "$code" = 302

# 9: API logout revokes the refresh token.
tokens=$(login agent1@acme.test "$PASSWORD")
access=$(printf '%s' "$tokens" | token_of); refresh=$(printf '%s' "$tokens" | sed -n 's/.*"refreshToken":"\([^"]*\)".*/\1/p')
status -X POST -H "Authorization: Bearer $access" "$BASE/api/v1/auth/logout" > /dev/null
code=$(status -X POST -H 'Content-Type: application/json' "$BASE/api/v1/auth/refresh" -d "{\"refreshToken\":\"$refresh\"}")
check "9 a refresh token after API logout is refused ($code)" test "$code" = 401
code=$(status -H "Authorization: Bearer $access" "$BASE/api/v1/auth/me")
check "9 the access token after API logout is refused ($code)" test "$code" = 401

# 12: login timing, unknown vs known email (medians of 6, interleaved: the machine's load drifts).
known=""; unknown=""
for i in $(seq 1 6); do
  known+="$(curl -s -o /dev/null -w '%{time_total}' -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' -H "X-Forwarded-For: 192.0.2.$i" -d "{\"email\":\"agent2@acme.test\",\"password\":\"Wrong-Password-$i\"}")"$'\n'
  unknown+="$(curl -s -o /dev/null -w '%{time_total}' -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' -H "X-Forwarded-For: 192.0.2.$((i + 10))" -d "{\"email\":\"nobody-$RANDOM@acme.test\",\"password\":\"Wrong-Password-$i\"}")"$'\n'
done
known=$(printf '%s' "$known" | sort -n | sed -n 3p); unknown=$(printf '%s' "$unknown" | sort -n | sed -n 3p)
check "12 unknown email takes about as long as a known one (known ${known}s, unknown ${unknown}s)" awk -v k="$known" -v u="$unknown" 'BEGIN { exit !(u / k > 0.3) }'

# 13: an invitation with a spoofed Host does not carry it.
code=$(status -X POST -H "Authorization: Bearer $ADMIN" -H 'Host: evil.example' -H 'Content-Type: application/json' "$BASE/api/v1/invitations" -d "{\"email\":\"probe-$RANDOM@probe.test\",\"role\":\"AGENT\"}")
check "13 an invitation asked for with a spoofed Host is refused or links elsewhere ($code)" test "$code" != 500

# 14: headers on pages, the API reference and the OpenAPI document.
for path in /login /api-docs/ /openapi/v1.json /api/v1/auth/me; do
  curl -s -D "$TMP/h" -o /dev/null "$BASE$path"
  check "14 $path: nosniff" grep -qi '^x-content-type-options: nosniff' "$TMP/h"
  check "14 $path: no framing" grep -Eqi "^x-frame-options: deny|frame-ancestors 'none'" "$TMP/h"
  check "14 $path: referrer policy" grep -qi '^referrer-policy:' "$TMP/h"
done
curl -s -D "$TMP/h" -o /dev/null "$BASE/login"
check "14 pages carry script-src" grep -qi "^content-security-policy:.*script-src 'self'" "$TMP/h"

# 15: password policy.
for p in Password1 password123 Password123! Short-1; do
  code=$(status -X POST -H 'Content-Type: application/json' "$BASE/api/v1/auth/register" -H "X-Forwarded-For: 192.0.2.$((RANDOM % 250))" \
    -d "{\"email\":\"probe-$RANDOM@probe.test\",\"password\":\"$p\",\"name\":\"Probe\",\"organizationName\":\"Probe\"}")
  check "15 registering with $p is refused ($code)" test "$code" = 400
done

exit $FAILED
