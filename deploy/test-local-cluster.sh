#!/usr/bin/env bash
# The test of deploy/local-cluster.sh, run by .ci/run: three instances behind nginx on one PostgreSQL and one Redis.
# nginx serves HTTPS with the cluster's own certificate (trusted here as the only CA) and plain HTTP only redirects to
# it; the pages' sign-in works through it with Secure, host-only cookies and HSTS. A person signs up and in through nginx; their token works on every instance (Data Protection keys shared in the
# database) and stops working on every instance once they sign out; requests spread over all three; the API's rate
# limit counts once across them (Redis); then everything is stopped and nothing is left running.
# Skipped when nginx, redis-server or PostgreSQL 15 is missing, unless BACKCARE_REQUIRE_CLUSTER=1: then it fails.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=""
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=" postgresql-15"
command -v redis-server >/dev/null || missing+=" redis-server"
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=" nginx"
if [ -n "$missing" ]; then
  if [ "${BACKCARE_REQUIRE_CLUSTER:-}" = 1 ]; then
    echo "local cluster test: missing$missing, and BACKCARE_REQUIRE_CLUSTER=1 says it must run" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  echo "local cluster test skipped: missing$missing (apt-get install nginx redis-server postgresql)"
  exit 0
fi

export BACKCARE_CLUSTER_DIR
BACKCARE_CLUSTER_DIR=$(mktemp -d /tmp/backcare-cluster-test.XXXXXX)
# Ten ports in a row that nothing listens on, below Linux's range for outgoing connections (from 32768), so that no
# connection's own end can take one between this look and the start: nginx's HTTPS on the first, the instances on the
# next three, nginx's plain HTTP on the eighth, PostgreSQL and Redis on the last two.
if [ -z "${BACKCARE_CLUSTER_PORT:-}" ]; then
  BACKCARE_CLUSTER_PORT=$(python3 - <<'PY'
import socket
def free(port):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        s.close()
print(next(base for base in range(24080, 32700, 10) if all(free(base + i) for i in range(10))))
PY
)
  export BACKCARE_CLUSTER_HTTP_PORT=$((BACKCARE_CLUSTER_PORT + 7))
  export BACKCARE_CLUSTER_PG_PORT=$((BACKCARE_CLUSTER_PORT + 8)) BACKCARE_CLUSTER_REDIS_PORT=$((BACKCARE_CLUSTER_PORT + 9))
fi
export BACKCARE_CLUSTER_PORT
# A small API limit, so that counting once across the instances shows in a few requests.
export RateLimiting__Api__PermitLimit=30 RateLimiting__Api__WindowSeconds=600

finish() {
  local code=$?
  deploy/local-cluster.sh stop || true
  if [ "$code" != 0 ]; then
    echo "== logs of the failed run" >&2
    tail -n 30 "$BACKCARE_CLUSTER_DIR"/logs/*.log >&2 || true
  fi
  rm -rf "$BACKCARE_CLUSTER_DIR"
  exit "$code"
}
trap finish EXIT

deploy/local-cluster.sh start 3
deploy/local-cluster.sh status

python3 - <<'PY'
import html, http.client, json, os, re, ssl, sys, time, urllib.parse, uuid

port = int(os.environ['BACKCARE_CLUSTER_PORT'])
base = f"https://127.0.0.1:{port}"
instances = [f"127.0.0.1:{port + i}" for i in (1, 2, 3)]
# The cluster's own certificate is the one CA trusted here, and the name 127.0.0.1 is checked against it.
tls = ssl.create_default_context(cafile=os.path.join(os.environ["BACKCARE_CLUSTER_DIR"], "tls", "cert.pem"))
passed, failed = 0, 0


def call(method, path, body=None, token=None, to=base, source="127.0.0.1", headers=None, form=None):
    """One request, over HTTPS to nginx unless `to` names an instance's http:// address; `source` is the client's own
    loopback address, which nginx passes on as X-Forwarded-For. Returns the status, the headers (Set-Cookie as a list)
    and the body."""
    sent = {"Accept": "application/json", **(headers or {})}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        sent["Content-Type"] = "application/json"
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        sent["Content-Type"] = "application/x-www-form-urlencoded"
    if token:
        sent["Authorization"] = f"Bearer {token}"
    scheme, address = to.split("://")
    host, number = address.split(":")
    if scheme == "https":
        connection = http.client.HTTPSConnection(host, int(number), timeout=30, source_address=(source, 0), context=tls)
    else:
        connection = http.client.HTTPConnection(host, int(number), timeout=30, source_address=(source, 0))
    try:
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        answered = dict(response.getheaders())
        answered["Set-Cookie"] = response.headers.get_all("Set-Cookie") or []
        return response.status, answered, response.read().decode()
    finally:
        connection.close()


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


for address in instances:
    status, _, text = call("GET", "/health/ready", to=f"http://{address}")
    check(f"instance {address} is ready, Redis and the database answering", status == 200 and text == "Healthy", f"{status} {text}")

email = f"cluster-{uuid.uuid4().hex[:12]}@example.org"
password = "correct horse battery staple 7"
status, _, text = call("POST", "/api/account/register", {"email": email, "password": password, "displayName": "Sam"})
check("a person signs up through nginx", status == 202, f"{status} {text}")
status, _, text = call("POST", "/api/account/login", {"email": email, "password": password})
check("and signs in through nginx", status == 200, f"{status} {text}")
token = json.loads(text)["accessToken"] if status == 200 else None

# The pages over HTTPS: the app believes nginx's X-Forwarded-Proto, so its cookies are Secure and its redirects https.
status, headers, text = call("GET", "/account/sign-in", headers={"Accept": "text/html"})
form_cookies = headers["Set-Cookie"]
check("the sign-in page is served over https with HSTS",
      status == 200 and headers.get("Strict-Transport-Security", "").startswith("max-age="), f"{status} {headers}")
check("its form cookie is Secure and host-only (__Host-)",
      len(form_cookies) == 1 and form_cookies[0].startswith("__Host-") and "; secure" in form_cookies[0].lower(), str(form_cookies))
found = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', text) \
    or re.search(r'name="__RequestVerificationToken" value="([^"]+)"', text)
form_token = html.unescape(found.group(1)) if found else ""
status, headers, _ = call("POST", "/account/sign-in", headers={"Accept": "text/html", "Cookie": form_cookies[0].split(";")[0] if form_cookies else ""},
                          form={"email": email, "password": password, "__RequestVerificationToken": form_token})
session_cookies = headers["Set-Cookie"]
check("a person signs in on the page through nginx and gets a Secure, host-only session cookie",
      status == 302 and len(session_cookies) == 1 and session_cookies[0].startswith("__Host-")
      and "; secure" in session_cookies[0].lower(), f"{status} {session_cookies}")
status, headers, _ = call("GET", headers.get("Location", "/account"), headers={"Accept": "text/html", "Cookie": session_cookies[0].split(";")[0] if session_cookies else ""})
check("the session cookie opens their account page", status == 200, str(status))
status, headers, _ = call("GET", "/account", headers={"Accept": "text/html"})
check("a page that needs signing in redirects to the sign-in page at nginx's https address",
      status == 302 and headers.get("Location", "").startswith(f"{base}/account/sign-in"), f"{status} {headers.get('Location')}")
http_port = int(os.environ.get("BACKCARE_CLUSTER_HTTP_PORT", "28000"))
status, headers, _ = call("GET", "/learn?from=http", to=f"http://127.0.0.1:{http_port}", headers={"Host": f"127.0.0.1:{http_port}"})
check("plain http is only a redirect to the same page over https",
      status == 301 and headers.get("Location") == f"{base}/learn?from=http" and "X-BackCare-Upstream" not in headers, f"{status} {headers}")

answered_by = []
statuses = []
for _ in range(9):
    status, headers, _ = call("GET", "/api/diary", token=token)
    statuses.append(status)
    answered_by.append(headers.get("X-BackCare-Upstream"))
check("their token works on every request", statuses == [200] * 9, str(statuses))
check("the requests were spread over all three instances", set(answered_by) == set(instances), str(answered_by))

status, headers, _ = call("POST", "/api/account/logout", token=token)
check("they sign out on one instance", status == 204 or status == 200, str(status))
signed_out_on = headers.get("X-BackCare-Upstream")
# Each instance had found the session open and keeps that in memory (decision 0032): the one that ended it forgets at
# once, the others when PostgreSQL delivers the commit's notice. Asked again for up to a second, each must refuse.
after = []
for address in instances:
    began, tries = time.monotonic(), 0
    while True:
        status, _, _ = call("GET", "/api/diary", token=token, to=f"http://{address}")
        tries += 1
        if status != 200 or time.monotonic() - began > 1:
            break
        time.sleep(0.01)
    after.append((address, status, tries, round((time.monotonic() - began) * 1000)))
check("and their token is refused by every instance, by the one that signed them out at the first request",
      [status for _, status, _, _ in after] == [401, 401, 401]
      and all(tries == 1 for address, _, tries, _ in after if address == signed_out_on),
      f"(instance, status, requests, ms): {after}; signed out on {signed_out_on}")

# Another client (another loopback address, so a window of its own): the limit is per client, counted in Redis.
limit = int(os.environ["RateLimiting__Api__PermitLimit"])
answers = [call("GET", "/api/findings", source="127.0.0.2") for _ in range(limit + 6)]
codes = [a[0] for a in answers]
check(f"a client gets the API's limit of {limit} once across the three instances, not {limit} from each",
      codes == [200] * limit + [429] * 6, str(codes))
check("the allowed and the refused requests were each spread over the instances",
      len({a[1].get("X-BackCare-Upstream") for a in answers[:limit]}) == 3
      and len({a[1].get("X-BackCare-Upstream") for a in answers[limit:]}) > 1,
      str([a[1].get("X-BackCare-Upstream") for a in answers]))
status, _, _ = call("GET", "/api/findings", source="127.0.0.3")
check("while a third client is still served", status == 200, str(status))
refused = [a for a in answers if a[0] == 429]
last = refused[-1] if refused else (0, {}, "{}")
problem = json.loads(last[2] or "{}")
check("and get the usual 429 problem with Retry-After",
      last[1].get("Content-Type", "").startswith("application/problem+json") and int(last[1].get("Retry-After", "0")) >= 1
      and problem.get("status") == 429, str(last[1]))

print(f"cluster: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY

# Background work once across instances: exactly one instance took the lead and made the slots.
# (grep -l finds no file when none did: count that as 0 rather than let pipefail end the script without a word.)
leaders=$( (grep -l '"Role":"leads"' "$BACKCARE_CLUSTER_DIR"/logs/web-*.log || true) | wc -l)
slot_makers=$( (grep -l '"Category":"BackCare.Web.Clinics.ClinicUpkeep","Message":"Made ' "$BACKCARE_CLUSTER_DIR"/logs/web-*.log || true) | wc -l)
if [ "$leaders" != 1 ] || [ "$slot_makers" != 1 ]; then
  echo "local cluster test: $leaders instances led the background work and $slot_makers made slots; one each expected" >&2
  exit 1
fi
echo "ok   one instance of three leads the background work and made the slots"

# The deployment guide's nginx (docs/deploy.md, its nginx block) is one Debian's nginx accepts: nginx -t on it, with
# this cluster's certificate for Let's Encrypt's (nginx -t reads the files but binds no port).
doc_nginx="$BACKCARE_CLUSTER_DIR/doc-nginx"
mkdir -p "$doc_nginx"
STATE=$BACKCARE_CLUSTER_DIR python3 - docs/deploy.md >"$doc_nginx/nginx.conf" <<'PY'
import os, re, sys
block = re.search(r"```nginx\n(.*?)```", open(sys.argv[1]).read(), re.S).group(1)
state = os.environ["STATE"]
block = block.replace("/etc/letsencrypt/live/backcare.example.org/fullchain.pem", f"{state}/tls/cert.pem")
block = block.replace("/etc/letsencrypt/live/backcare.example.org/privkey.pem", f"{state}/tls/key.pem")
temp = " ".join(f"{kind}_temp_path {state}/doc-nginx;" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
print(f"pid {state}/doc-nginx/nginx.pid;\nevents {{}}\nhttp {{\naccess_log off;\n{temp}\n{block}}}")
PY
nginx_program=$(command -v nginx || echo /usr/sbin/nginx)
if ! "$nginx_program" -t -q -p "$doc_nginx" -c "$doc_nginx/nginx.conf" -e "$doc_nginx/error.log"; then
  echo "local cluster test: nginx refuses docs/deploy.md's nginx block" >&2
  exit 1
fi
echo "ok   nginx accepts the deployment guide's configuration"

deploy/local-cluster.sh stop
left=$(deploy/local-cluster.sh status || true)
echo "$left"
if echo "$left" | grep -q running; then
  echo "local cluster test: something still runs after stop" >&2
  exit 1
fi
echo "local cluster: stop left nothing running"
