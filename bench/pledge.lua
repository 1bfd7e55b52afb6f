-- pledge.lua — wrk posts pledges to `sightline serve` (bench/pledges.sh):
-- each request a new address, with the page's CSRF token (env CSRF) and the
-- server's own Origin (env ORIGIN), so every one passes the guard.
local threads, n = {}, 0
function setup(thread)
  n = n + 1
  thread:set("tid", n)
  table.insert(threads, thread)
end
function init(args)
  count = 0
  csrf = os.getenv("CSRF")
  headers = {["Content-Type"] = "application/x-www-form-urlencoded", ["Origin"] = os.getenv("ORIGIN")}
end
function request()
  count = count + 1
  local body = "email=load-" .. tid .. "-" .. count .. "%40example.org&state=NY&county=36061" ..
               "&commitment=cancel-ring&consent=on&csrf=" .. csrf
  return wrk.format("POST", "/campaign/pledge", headers, body)
end
