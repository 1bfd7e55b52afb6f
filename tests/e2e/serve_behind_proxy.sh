#!/usr/bin/env bash
# serve_behind_proxy.sh — `sightline serve --host NAME` published behind a
# reverse proxy with TLS, the headers of the proxy sent straight to serve
# with curl (no proxy needed; serve_nginx.sh runs README's nginx):
# a signer's pledge is taken whether the proxy sends Host 127.0.0.1:PORT
# (nginx's own) or the public name without the browser's port, while a page
# of another site is still refused; the organisers' login takes a POST from
# the public name too; asked under the public name, /admin is refused even
# when the proxy sends no X-Forwarded-For; an organisers' session made
# through the proxy has a Secure cookie.
# serve warns at start when the campaign's links name another server than
# --host, or without --host another port of this machine, and says how to
# fix it.
# The mail's link names https://NAME/, and its page sends no Referer
# holding its token (a proxy's access log keeps every Referer).
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
db=$(store s)
campaign_demo "$db"
NAME=campaign.example.org

"$SL" campaign edit --base-url http://127.0.0.1:8787/ -s $db >/dev/null
serve_start $db --host $NAME --rate-forms 1000 || exit 1
check "serve --host names the public name at start, and that its visitors are from outside" grep -qF \
  "sightline: published as $NAME (--host): the proxy in front answers for that name; its visitors are from outside (no /admin, no exact figures)" "$SLOG"
check "serve --host warns at start that the campaign's links name another server, and gives the command" grep -qF \
  "sightline: warning: the campaign's links (the confirmation mails) name http://127.0.0.1:8787/, not $NAME: a signer who opens hers does not reach this campaign; run \`sightline campaign edit --base-url https://$NAME/\`" "$SLOG"
serve_stop
"$SL" campaign edit --base-url "https://$NAME/" -s $db >/dev/null
serve_start $db --host $NAME --rate-forms 1000 || exit 1
check "... and says nothing once the base URL names it" bash -c "! grep -q 'warning' '$SLOG'"
serve_stop
serve_start $db --rate-forms 1000 || exit 1
check "... nor without --host (serve on this machine alone)" bash -c "! grep -q 'warning' '$SLOG'"
serve_stop
serve_start $db --host $NAME --rate-forms 1000 || exit 1

# what a proxy in front sends: the visitor's address, and Host as it is set
XFF=(-H 'X-Forwarded-For: 203.0.113.7')
csrf=$(curl -s --max-time 20 "${XFF[@]}" "$U/campaign" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
F="state=NY&county=36061&commitment=cancel-ring&consent=on&csrf=$csrf"
# sign EMAIL HOST ORIGIN: POST the pledge form as the proxy passes it on; the status in $code
sign() {
  code=$(curl -s -o reply.html -w '%{http_code}' --max-time 20 "${XFF[@]}" -H "Host: $2" -H "Origin: $3" \
    -H 'Sec-Fetch-Site: same-origin' --data-binary "email=$1&name=Ann+Proxied&$F" "$U/campaign/pledge")
}
pledges() { store_sql $db "SELECT count(*) FROM pledges WHERE email = '$1'"; }
link=""
sign ann%40example.org "127.0.0.1:$PORT" "https://$NAME"
check "a pledge through a proxy sending Host 127.0.0.1:PORT (nginx's own), Origin the public name: taken ($code)" \
  bash -c "[ $code = 200 ] && grep -q 'Check your email' reply.html && [ $(pledges ann@example.org) = 1 ]"
sign bea%40example.org "$NAME" "https://$NAME:8443"
check "... through one sending Host NAME without the port the browser's Origin has: taken ($code)" \
  bash -c "[ $code = 200 ] && [ $(pledges bea@example.org) = 1 ]"
sign cy%40example.org "$NAME" "https://$NAME"
check "... and Host and Origin the same name, as ever ($code)" bash -c "[ $code = 200 ] && [ $(pledges cy@example.org) = 1 ]"
for o in "https://evil.example" "https://$NAME.evil.example" "null" "https://evil.example:443"; do
  sign eve%40example.org "127.0.0.1:$PORT" "$o"; c1=$code
  sign eve%40example.org "$NAME" "$o"; c2=$code
  check "a POST from another site's page (Origin $o) is still refused ($c1, $c2)" \
    bash -c "[ $c1 = 403 ] && [ $c2 = 403 ] && [ $(pledges eve@example.org) = 0 ]"
done
link=$(store_sql $db "SELECT o.body FROM outbox o JOIN pledges p ON p.id = o.pledge_id WHERE p.email = 'ann@example.org'" |
  grep -o 'https\?://[^ ]*confirm?token=[A-Za-z0-9_-]*')
check "the mail's link names the public https name ($link)" bash -c "[[ '$link' == https://$NAME/campaign/confirm?token=* ]]"

# the link's page, as the proxy passes it on: its requests name the site only
curl -s -D confirm.h -o confirm.html --max-time 20 "${XFF[@]}" -H "Host: $NAME" "$U/campaign/confirm?token=${link##*token=}"
check "the confirmation link's page asks browsers for no Referer beyond the site (strict-origin): its token stays out of a proxy's log" \
  bash -c "grep -q 'Confirm my pledge' confirm.html && tr -d '\r' <confirm.h | grep -qix 'Referrer-Policy: strict-origin'"
curl -s -D page.h -o /dev/null --max-time 20 "${XFF[@]}" -H "Host: $NAME" "$U/campaign"
check "... while the campaign's page keeps same-origin (nothing to another site)" grep -qi '^Referrer-Policy: same-origin' page.h
# the button's POST, as a browser sends it under strict-origin: the Origin, and the site alone as Referer
ctok=$(grep -o 'name="csrf" value="[^"]*"' confirm.html | sed 's/.*value="//; s/"$//')
code=$(curl -s -o confirmed.html -w '%{http_code}' --max-time 20 "${XFF[@]}" -H "Host: 127.0.0.1:$PORT" \
  -H "Origin: https://$NAME" -H "Referer: https://$NAME/" --data-binary "token=${link##*token=}&csrf=$ctok" "$U/campaign/confirm")
confirmed=$(store_sql $db "SELECT count(*) FROM pledges WHERE email = 'ann@example.org' AND confirmed IS NOT NULL")
check "... and its button confirms through the proxy ($code, $confirmed)" bash -c "
  [ $code = 200 ] && grep -q 'your pledge is confirmed' confirmed.html && [ '$confirmed' = 1 ]"
check "serve's log holds no address, name or token of the signers" bash -c "
  ! grep -E 'example\\.org|Proxied|token=${link:+|${link##*token=}}' '$SLOG' | grep -Ev '^sightline: (serving|published as)'"
serve_stop

# a proxy told to send no forwarding header (nginx's own way) still passes on
# the public name: asked under it, /admin and the exact figures are refused
serve_start $db --host $NAME || exit 1
codes="$(status /admin/login -H "Host: $NAME") $(status /admin -H "Host: $NAME:443") $(status '/api/near?radius=200' -H "Host: $NAME")"
check "asked under the --host name without X-Forwarded-For, /admin and the exact figures are refused ($codes)" \
  test "$codes" = "403 403 403"
codes="$(status /admin/login) $(status /admin/login -H "Host: localhost:$PORT") $(status /api/info -H "Host: $NAME")"
check "... while this machine's own names still open /admin, and the public name the rest ($codes)" test "$codes" = "200 200 200"
serve_stop

# the organisers' login through the proxy (--admin-bind): a POST from the public name's page is read
admin_token=$("$SL" campaign token -s $db 2>/dev/null)
serve_start $db --host $NAME --admin-bind || exit 1
# login HOST ORIGIN [HEADERS...]: the right token posted from ORIGIN's page; the answer's headers in login.h
login() {
  local h=$1 o=$2; shift 2
  curl -s -o /dev/null -D login.h --max-time 20 -H "Host: $h" -H "Origin: $o" "$@" \
    --data-binary "token=$admin_token" "$U/admin/login"
}
login "$NAME" "https://$NAME" "${XFF[@]}"
check "logged in through the proxy, the session cookie is Secure: never sent to the proxy's plain http port" \
  bash -c "grep -qi '^Set-Cookie: sl_admin=.*; Secure' login.h"
login "$NAME" "https://$NAME"
check "... also through a proxy that sends no X-Forwarded-For" bash -c "grep -qi '^Set-Cookie: sl_admin=.*; Secure' login.h"
login "127.0.0.1:$PORT" "http://127.0.0.1:$PORT"
check "... while on this machine (http://127.0.0.1) it is not, or no browser would keep it" \
  bash -c "grep -qi '^Set-Cookie: sl_admin=' login.h && ! grep -qi 'Secure' login.h"
code=$(curl -s -o login.html -w '%{http_code}' --max-time 20 "${XFF[@]}" -H "Host: 127.0.0.1:$PORT" \
  -H "Origin: https://$NAME" --data-binary 'token=not-the-token' "$U/admin/login")
check "with --admin-bind the login form posted from the public name is read (a wrong token is named so, $code)" \
  bash -c "[ $code = 403 ] && grep -q 'This token is not the admin token' login.html"
code=$(curl -s -o login.html -w '%{http_code}' --max-time 20 "${XFF[@]}" -H "Host: 127.0.0.1:$PORT" \
  -H "Origin: https://evil.example" --data-binary 'token=not-the-token' "$U/admin/login")
check "... and one from another site is refused before ($code)" \
  bash -c "[ $code = 403 ] && grep -q 'only accepted from this site' login.html"
serve_stop

# On this machine alone (no --host): a base URL of this machine's other
# port (an organiser trying her campaign at http://localhost:8000/ served on
# 8787) mails links that reach nothing; said at start. The demo's own base
# URL is not: its links follow the port serve listens on.
P=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$SL" campaign edit --base-url http://localhost:8000/ -s $db >/dev/null
serve_start $db --port "$P" || exit 1
check "serve on this machine warns that the links name another port of it, with the command" grep -qF \
  "sightline: warning: the campaign's links (the confirmation mails) name http://localhost:8000/, not port $P of this machine: a signer who opens hers reaches no campaign; run \`sightline campaign edit --base-url http://127.0.0.1:$P/\`, or serve on port 8000" "$SLOG"
serve_stop
"$SL" campaign edit --base-url "http://127.0.0.1:$P/" -s $db >/dev/null
serve_start $db --port "$P" || exit 1
check "... and not once they name its port" bash -c "! grep -q 'warning: the campaign' '$SLOG'"
serve_stop
"$SL" campaign edit --base-url http://127.0.0.1:8787/ -s $db >/dev/null
serve_start $db --port "$P" || exit 1
check "... nor for the demo's address, whose links follow the port" bash -c "! grep -q 'warning: the campaign' '$SLOG'"
serve_stop

finish
