#!/usr/bin/env bash
# Production mode at fleet scale, measured end to end with the real executable:
# one redis-server, two `federation serve --redis` silos, three `federation sim` members.
# N applications (default 2000) are PUT through silo A's API by 8 clients at once; the script
# times until every replica is ready, then kills silo A with SIGKILL and times until silo B
# serves every application ready again and takes a write. The last line is one JSON object.
#
#   deploy/bench/redis-silos.sh [APPLICATIONS] [CLIENTS]
#
# Needs redis-server, curl and python3; builds the executable (Release) when it is missing.
set -euo pipefail
apps=${1:-2000}
clients=${2:-8}
root=$(cd "$(dirname "$0")/../.." && pwd)
dll="$root/src/Federation/bin/Release/net10.0/federation.dll"
[ -f "$dll" ] || dotnet build "$root/src/Federation" -c Release -nologo -v quiet >/dev/null
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do { kill -9 "$p" && wait "$p"; } 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { python3 -c 'import time; print(time.time())'; }
since() { python3 -c "import time; print(round(time.time() - $1, 2))"; }
wait_for() { # DESCRIPTION SECONDS COMMAND...
  local what=$1 limit=$2; shift 2
  local deadline=$(( $(date +%s) + limit ))
  until "$@"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "timed out after ${limit}s waiting for $what" >&2; exit 1; fi
    sleep 0.5
  done
}

redis_port=$(free_port)
redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no >"$work/redis.log" 2>&1 &
pids+=($!)
wait_for "redis-server" 20 bash -c "echo > /dev/tcp/127.0.0.1/$redis_port" 2>/dev/null

token=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
export Federation__Tokens__bench="admin:$token"
declare -A api
for silo in a b; do
  port=$(free_port)
  api[$silo]="http://127.0.0.1:$port"
  dotnet "$dll" serve --redis "127.0.0.1:$redis_port" --api-urls "${api[$silo]}" --silo-port 0 --gateway-port 0 \
    --data-dir "$work/$silo" >"$work/silo-$silo.log" 2>&1 &
  pids+=($!)
  eval "pid_$silo=$!"
done

for m in east west central; do
  dotnet "$dll" sim --name "$m" --nodes 20 --node-cpu 64 --node-memory 256Gi --kubeconfig "$work/$m.kubeconfig" >"$work/sim-$m.log" 2>&1 &
  pids+=($!)
done

ready() { curl -fs -o /dev/null "$1/readyz"; }
wait_for "silo a" 120 ready "${api[a]}"
wait_for "silo b" 120 ready "${api[b]}"
for m in east west central; do
  wait_for "member $m" 60 test -s "$work/$m.kubeconfig"
  dotnet "$dll" clusters join "$m" --kubeconfig "$work/$m.kubeconfig" --federation-server "${api[a]}" --token "$token" >/dev/null
done

# PUTs applications app00000.. (COUNT of them, each with REPLICAS) through one API with CLIENTS
# keep-alive connections at once (a fork of curl per request would cap the rate near 25 a second
# on two cores, measuring the client rather than the host).
put_apps() { # API COUNT REPLICAS
  python3 - "$1" "$token" "$2" "$clients" "$3" <<'PY'
import http.client, json, sys, threading, urllib.parse
api, token, apps, clients, replicas = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
u = urllib.parse.urlparse(api)
errors = []

def body(name):
    labels = {"matchLabels": {"app": name}}
    return json.dumps({"replicas": replicas, "placement": {"strategy": "Weighted"}, "template": {
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": name},
        "spec": {"selector": labels, "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": [
            {"name": "c", "image": "nginx:1.27", "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}}}]}}}}})

def client(first):
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    for i in range(first, apps, clients):
        name = f"app{i:05d}"
        c.request("PUT", f"/api/v1/namespaces/bench/applications/{name}", body=body(name),
                  headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        r = c.getresponse()
        text = r.read()
        if r.status >= 300:
            errors.append(f"{name}: HTTP {r.status} {text[:200]!r}")

threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
for t in threads: t.start()
for t in threads: t.join()
if errors:
    print("\n".join(errors[:5]), file=sys.stderr)
    sys.exit(1)
PY
}
export token

# Every application of namespace bench fully ready, as the given silo's API reports them.
all_ready() {
  curl -fs -H "Authorization: Bearer $token" "$1/api/v1/applications" | python3 -c "
import json, sys
apps = [a for a in json.load(sys.stdin) if a['namespace'] == 'bench']
n = sum(a['readyReplicas'] == a['replicas'] for a in apps); print(f'ready {n}/{len(apps)}', file=sys.stderr)
sys.exit(0 if len(apps) == $apps and n == $apps else 1)"
}

start=$(now)
put_apps "${api[a]}" "$apps" 3
put_seconds=$(since "$start")
wait_for "every application ready" 600 all_ready "${api[a]}"
ready_seconds=$(since "$start")

{ kill -9 "$pid_a" && wait "$pid_a"; } 2>/dev/null || true
killed=$(now)
wait_for "silo b to serve every application ready" 300 all_ready "${api[b]}"
served_seconds=$(since "$killed")
put_apps "${api[b]}" 1 4
wait_for "the write through silo b to be ready" 120 bash -c "curl -fs -H 'Authorization: Bearer $token' '${api[b]}/api/v1/namespaces/bench/applications/app00000' | python3 -c 'import json,sys; a=json.load(sys.stdin); sys.exit(0 if a[\"readyReplicas\"] == 4 else 1)'"
write_seconds=$(since "$killed")

echo "$apps applications through silo a ($clients clients): PUTs done in ${put_seconds}s, all ready in ${ready_seconds}s; silo a killed: silo b serves all ready after ${served_seconds}s and a write is ready after ${write_seconds}s"
printf '{"applications":%s,"clients":%s,"putSeconds":%s,"readySeconds":%s,"afterKillServedSeconds":%s,"afterKillWriteReadySeconds":%s}\n' \
  "$apps" "$clients" "$put_seconds" "$ready_seconds" "$served_seconds" "$write_seconds"
