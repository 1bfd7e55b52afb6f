#!/usr/bin/env bash
# serve_nginx.sh — README's nginx configuration ("Publishing the campaign"),
# taken from README itself, run in front of `sightline serve --host NAME`
# with a self-signed certificate on loopback ports (skipped without nginx
# and openssl): a signer signs over https as a browser does (Origin with
# the port she sees), gets the mail through a local SMTP sink, its link
# names https://NAME/ and confirms through the proxy; nginx's access log
# holds no query string, token, email or visitor's address; a forged Host
# gets 421, a forged X-Forwarded-For does not dodge the form limit, /admin
# is refused from outside and a huge body is refused; it answers over
# HTTP/2 and IPv6 (where ::1 exists), and a serve too slow to answer
# gets a page saying the form may have arrived.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
NGINX=${SL_NGINX-$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null)} # SL_NGINX= (empty): as without nginx
[ -n "$NGINX" ] || { echo "SKIPPED: needs nginx (Debian's nginx)" >&2; exit 77; }
command -v openssl >/dev/null || { echo "SKIPPED: needs openssl" >&2; exit 77; }
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
PY=/usr/bin/python3
$PY -c 'import aiosmtpd' 2>/dev/null || { echo "SKIPPED: needs python3-aiosmtpd (Debian)" >&2; exit 77; }
FX=$SL_FIXTURES/campaign
NAME=campaign.example.org
cd "$WORK" || exit 1
mkdir -p nginx/tmp
free_port() { $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
TLS=$(free_port); PLAIN=$(free_port)

db=$(store s)
"$SL" demo -s $db >/dev/null
"$SL" import areas "$FX/counties.geojson" --set counties --id id --name name -s $db >/dev/null
"$SL" campaign init --config "$FX/campaign.conf" --base-url "https://$NAME/" -s $db >/dev/null
serve_start $db --host $NAME --rate-forms 3 || exit 1

# README's block, as an organiser copies it, on this test's loopback ports and files
sed -n '/^    log_format campaign/,/^$/p' "$SL_SOURCE/README.md" | sed 's/^    //' >site.conf
check "README has an nginx configuration for the campaign" grep -q 'proxy_pass http://127.0.0.1:8787;' site.conf
check "README's site answers over IPv6 too (listen [::]:443, [::]:80)" bash -c \
  "grep -q 'listen \[::\]:443 ssl' site.conf && grep -q 'listen \[::\]:80;' site.conf"
check "... and over HTTP/2, a page's files on one connection (listen 443 ssl http2)" grep -q 'listen 443 ssl http2;' site.conf
# IPv6 on ::1 where this machine has it; a machine without IPv6 drops those lines
if $PY -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1", 0))' 2>/dev/null; then
  TLS6=$($PY -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1", 0)); print(s.getsockname()[1])')
  sed -i -e "s|listen \[::\]:443 |listen [::1]:$TLS6 |; s|listen \[::\]:80;|listen [::1]:$($PY -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1", 0)); print(s.getsockname()[1])');|" site.conf
else
  TLS6=""; sed -i '/listen \[::\]/d' site.conf
fi
# a minute's proxy_read_timeout is 3 s here, for the slow page's check
sed -i -e "s|listen 443 ssl|listen 127.0.0.1:$TLS ssl|; s|listen 80;|listen 127.0.0.1:$PLAIN;|" \
  -e "s|^\(\s*\)proxy_pass \(.*\)$|&\n\1proxy_read_timeout 3s;|" \
  -e "s|/etc/ssl/certs/campaign.pem|$WORK/cert.pem|; s|/etc/ssl/private/campaign.key|$WORK/key.pem|" \
  -e "s|/var/log/nginx/campaign.log|$WORK/nginx/campaign.log|; s|http://127.0.0.1:8787|http://127.0.0.1:$PORT|" \
  -e "s|/var/log/nginx/campaign-error.log|$WORK/nginx/campaign-error.log|" site.conf
# nothing may listen beyond loopback: every listen line was rewritten, or nginx does not start
if grep -E '^\s*listen' site.conf | grep -qvE 'listen (127\.0\.0\.1|\[::1\]):'; then
  not_ok "README's listen lines are the ones this test rewrites (listen 443 ssl http2; listen 80; and their [::] twins)"
  finish; exit
fi
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$NAME" -keyout key.pem -out cert.pem 2>/dev/null
{
  [ "$(id -u)" = 0 ] && echo "user root root;"
  echo "worker_processes 1; pid $WORK/nginx/nginx.pid; error_log $WORK/nginx/error.log;"
  echo "events { worker_connections 64; }"
  echo "http { access_log $WORK/nginx/default.log;"
  for t in client_body proxy fastcgi uwsgi scgi; do echo "${t}_temp_path $WORK/nginx/tmp/$t;"; done
  cat site.conf
  echo "}"
} >nginx.conf
"$NGINX" -e "$WORK/nginx/error.log" -t -c "$WORK/nginx.conf" >nginx-t.txt 2>&1
check "nginx takes README's configuration" grep -q 'test is successful' nginx-t.txt || { cat nginx-t.txt; finish; exit; }
"$NGINX" -e "$WORK/nginx/error.log" -c "$WORK/nginx.conf"
trap 'rc=$?; [ -f "$WORK/nginx/nginx.pid" ] && kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null; for p in "${SERVE_PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done; lib_cleanup $rc' EXIT
for _ in $(seq 50); do [ -s nginx/nginx.pid ] && break; sleep 0.1; done
P=(-s --max-time 20 -k --resolve "$NAME:$TLS:127.0.0.1" --resolve "$NAME:$PLAIN:127.0.0.1")
PU="https://$NAME:$TLS"

# a signer on a phone: the page, her pledge (her browser's Origin has the port she sees)
curl "${P[@]}" -A 'Mozilla/5.0 (iPhone)' -D page.h -o page.html -w '%{http_code}' "$PU/campaign" >code.txt
check "the campaign's page through nginx over https ($(cat code.txt))" bash -c "[ $(cat code.txt) = 200 ] && grep -q 'name=\"csrf\"' page.html"
check "... with Strict-Transport-Security, so her browser keeps to https" grep -qi '^Strict-Transport-Security: max-age=' page.h
ver=$(curl "${P[@]}" --http2 -o /dev/null -w '%{http_version}' "$PU/campaign")
check "... over HTTP/2 ($ver)" test "$ver" = 2
if [ -n "$TLS6" ]; then
  code=$(curl -s --max-time 20 -k -o /dev/null -w '%{http_code}' --resolve "$NAME:$TLS6:[::1]" "https://$NAME:$TLS6/campaign")
  check "... and over IPv6 ($code)" test "$code" = 200
fi
csrf=$(grep -o 'name="csrf" value="[^"]*"' page.html | head -1 | sed 's/.*value="//; s/"$//')
code=$(curl "${P[@]}" -o reply.html -w '%{http_code}' -H "Origin: $PU" -H 'Sec-Fetch-Site: same-origin' -H "Referer: $PU/campaign" \
  --data-binary "email=dana%40example.net&name=Dana+Signer&state=NY&county=36061&commitment=cancel-ring&consent=on&listed=on&csrf=$csrf" \
  "$PU/campaign/pledge")
check "her pledge through nginx is taken ($code)" bash -c "[ $code = 200 ] && grep -q 'Check your email' reply.html"
smtp_sink_start 60
"$SL" campaign send --smtp-config smtp.conf -s $db >/dev/null
kill $SINK; wait $SINK 2>/dev/null # (it holds the test's output open)
link=$(cat mail/*.eml 2>/dev/null | grep -o 'https\?://[^ ]*confirm?token=[A-Za-z0-9_-]*' | head -1)
check "the mail's link names the public name over https ($link)" bash -c "[[ '$link' == https://$NAME/campaign/confirm?token=* ]]"
tok=${link##*token=}
curl "${P[@]}" -o confirm.html "$PU/campaign/confirm?token=$tok"
ctok=$(grep -o 'name="csrf" value="[^"]*"' confirm.html | sed 's/.*value="//; s/"$//')
code=$(curl "${P[@]}" -o confirmed.html -w '%{http_code}' -H "Origin: $PU" -H "Referer: $PU/" \
  --data-binary "token=$tok&csrf=$ctok" "$PU/campaign/confirm")
check "her link's button confirms through nginx ($code)" bash -c "[ $code = 200 ] && grep -q 'your pledge is confirmed' confirmed.html"
code=$(curl "${P[@]}" -o /dev/null -w '%{http_code} %{redirect_url}' "http://$NAME:$PLAIN/campaign/confirm?token=$tok")
check "plain http is sent to https ($code)" bash -c "[[ '$code' == '301 https://$NAME/campaign/confirm?token='* ]]"
curl "${P[@]}" -o /dev/null "$PU/directory?lat=40.7128&lon=-74.0060"

# a hostile visitor at the proxy
code=$(curl "${P[@]}" -o /dev/null -w '%{http_code}' -H 'Host: evil.example' "$PU/campaign")
check "a forged Host through nginx gets 421 ($code)" test "$code" = 421
codes=""; for i in 1 2 3 4 5 6; do
  codes+="$(curl "${P[@]}" -o /dev/null -w '%{http_code}' -H "X-Forwarded-For: 198.51.100.$i" -H "Origin: $PU" \
    --data-binary "email=x$i%40example.net&csrf=bad" "$PU/campaign/pledge") "; done
check "a forged X-Forwarded-For does not dodge --rate-forms 3 ($codes)" bash -c "[[ '$codes' == *429* ]]"
codes="$(curl "${P[@]}" -o /dev/null -w '%{http_code}' "$PU/admin/login") $(curl "${P[@]}" -o /dev/null -w '%{http_code}' -H 'X-Forwarded-For: 127.0.0.1' "$PU/admin")"
check "/admin through nginx is refused, also claiming to be this machine ($codes)" test "$codes" = "403 403"
head -c 3000000 /dev/zero | tr '\0' a >big.txt
code=$(curl "${P[@]}" -o /dev/null -w '%{http_code}' -H "Origin: $PU" --data-binary @big.txt "$PU/campaign/pledge")
check "a huge body is refused ($code)" test "$code" = 413

# serve too slow to answer (stopped by SIGSTOP: nginx connects and waits):
# her form may have been stored, so the page does not tell her it was not
kill -STOP "$SPID"
code=$(curl "${P[@]}" -o slow.html -w '%{http_code}' -H "Origin: $PU" --data-binary "email=fay%40example.net&csrf=$csrf" \
  "$PU/campaign/pledge")
kill -CONT "$SPID"
check "serve slower than nginx waits: 'Slow just now', not 'did not arrive' ($code)" bash -c "
  [ $code = 503 ] && grep -q 'Slow just now' slow.html && grep -q 'may have arrived' slow.html && ! grep -q 'did not arrive' slow.html"

# serve restarting (stopped): a signer's link and her form meet a page that
# says to send again, and no log of nginx keeps the link's token
serve_stop
code=$(curl "${P[@]}" -D down.h -o down.html -w '%{http_code}' "$PU/campaign/confirm?token=$tok")
pcode=$(curl "${P[@]}" -o /dev/null -w '%{http_code}' -H "Origin: $PU" --data-binary "email=eve%40example.net&csrf=$csrf" \
  "$PU/campaign/pledge")
check "while serve restarts: 'Back in a minute', send it again, not a bare 502 ($code, $pcode)" bash -c "
  [ $code = 503 ] && [ $pcode = 503 ] && grep -q 'Back in a minute' down.html && grep -q 'send it again' down.html &&
  grep -qi '^Strict-Transport-Security: max-age=' down.h"
check "... and no log of nginx keeps the link's token or the form's address" bash -c "
  ! grep -rqE '$tok|eve%40' nginx/"
"$NGINX" -e "$WORK/nginx/error.log" -c "$WORK/nginx.conf" -s stop
for _ in $(seq 50); do [ -f nginx/nginx.pid ] || break; sleep 0.1; done
check "nginx's access log has a line per request" bash -c "[ \$(wc -l <nginx/campaign.log) -ge 10 ] && grep -q ' GET /campaign/confirm 200 ' nginx/campaign.log"
check "... and no query string, token, email, name or visitor's address in it" bash -c "
  ! grep -E '\\?|$tok|example\\.net|Dana|127\\.0\\.0\\.1|198\\.51|40\\.71' nginx/campaign.log"
check "serve's log neither" bash -c "! grep -E '\\?|$tok|example\\.net|Dana|198\\.51' '$SLOG'"
finish
