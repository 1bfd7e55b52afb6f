#!/usr/bin/env bash
# webteam_readme.sh — what README's "Publishing the campaign" tells a
# newsroom's web team that puts the dashboard and the campaign behind its
# nginx: the "Back in a minute" page nginx shows while serve restarts is
# met by the story's readers of the dashboard too, not only signers; a
# store is rebuilt aside and serve restarted on it (a store file replaced
# under a running serve answers 503); behind a CDN, nginx is told the
# CDN's addresses (realip), else every reader of one CDN node shares one
# --rate-forms budget; and README's nginx lines for it are taken by
# Debian's nginx (skipped without nginx). serve --help and the man page say
# serve takes a name of its own and what a store replaced under it answers.
. "$(dirname "$0")/lib.bash"
cd "$WORK" || exit 1
sed -n '/^### Publishing the campaign/,/^## /p' "$SL_SOURCE/README.md" >pub.md
tr '\n' ' ' <pub.md | tr -s ' ' >pub.txt
check "README's Publishing section is there" test -s pub.md
check "the restarting page speaks to a dashboard's reader too (not 'The campaign is restarting')" bash -c "
  grep -q '<h1>Back in a minute</h1>' pub.md && ! grep -q 'The campaign is restarting' pub.md && grep -q 'send it again' pub.md"
check "README says to rebuild a store aside and restart serve on it" grep -q 'Rebuild a store aside .* restart .serve. on it' pub.txt
check "... and that importing into the served store needs no restart" grep -q 'needs no restart' pub.txt
check "README tells a team behind a CDN to give nginx the CDN's addresses" bash -c "
  grep -q 'set_real_ip_from' pub.txt && grep -q 'real_ip_header X-Forwarded-For' pub.txt && grep -q 'real_ip_recursive on' pub.txt"
"$SL" serve --help >help.txt 2>&1
tr '\n' ' ' <help.txt | tr -s ' ' >help1.txt
check "serve --help says it takes a name of its own, not a sub-path" grep -q 'a name of its own (https://NAME/), not a sub-path' help1.txt
check "... and what a store replaced under it answers, and that an import needs no restart" bash -c "
  grep -q 'replaced or removed while serve runs' help1.txt && grep -q 'answer 503 (no form stored) until serve is restarted' help1.txt &&
  grep -q 'An import into the store needs no restart' help1.txt"
check "the man page says so too" bash -c "grep -q 'It takes a name of its own, not a sub-path' '$SL_SOURCE/docs/sightline.1' &&
  grep -q 'replaced or removed while it runs answers 503' '$SL_SOURCE/docs/sightline.1'"
NGINX=${SL_NGINX-$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null)}
if [ -n "$NGINX" ]; then
  mkdir -p nginx/tmp
  grep -o '`set_real_ip_from [^`]*`\|`real_ip_[a-z_]* [^`]*`' pub.md | tr -d '`' >realip.conf
  { [ "$(id -u)" = 0 ] && echo "user root root;"
    echo "pid $WORK/nginx/nginx.pid; error_log $WORK/nginx/error.log; events {} http {"
    for t in client_body proxy fastcgi uwsgi scgi; do echo "${t}_temp_path $WORK/nginx/tmp/$t;"; done
    echo "server { listen 127.0.0.1:1; access_log off;"; cat realip.conf; echo "location / { return 204; } } }"; } >nginx.conf
  "$NGINX" -e "$WORK/nginx/error.log" -t -c "$WORK/nginx.conf" >t.txt 2>&1
  check "Debian's nginx takes README's realip lines ($(wc -l <realip.conf) of them)" bash -c "
    [ \$(wc -l <realip.conf) -ge 3 ] && grep -q 'test is successful' t.txt" || cat t.txt
fi
finish
