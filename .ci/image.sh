#!/usr/bin/env bash
# Build the Dockerfile with podman from a base image made from this machine's own Node.js (no
# registry is reachable), then run the image's own files, entry point and non-root user, and call
# /healthz, the image's HEALTHCHECK command and one chat call on the mock provider.
#
# `podman run` cannot work in this sandbox (crun: setrlimit RLIMIT_NPROC not permitted; with the
# ulimits dropped: cgroups in hybrid mode not supported), so the container's filesystem is
# exported and its command run with `chroot --userspec` on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need podman podman
need busybox busybox-static

WORK=$(mktemp -d /tmp/tk-image.XXXXXX)
chmod 711 "$WORK" # the postgres user (below) must reach its data directory
NAME="tk-ci-$$"
IMAGE="localhost/tokligence:ci-$$"
BASE="localhost/tk-nodebase:ci-$$"
PID=
PG_STARTED=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null || true
  [ -f "$WORK/redis.pid" ] && kill "$(cat "$WORK/redis.pid")" 2>/dev/null || true
  [ -n "$PG_STARTED" ] && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$WORK/pg/data" -m immediate stop >/dev/null 2>&1 || true
  podman rm -f "$NAME" >/dev/null 2>&1 || true
  podman rmi -f "$IMAGE" "$BASE" >/dev/null 2>&1 || true
  podman image prune -f >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# Signalled (CI's time bound): exit through the EXIT trap, so the servers and images are removed.
trap 'exit 143' TERM INT

echo "== image: base root filesystem from this machine's node $(node --version), npm and busybox"
ROOT="$WORK/base"
NODE=$(readlink -f "$(command -v node)")
NPM_DIR=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
mkdir -p "$ROOT"/{bin,usr/local/bin,usr/local/lib/node_modules,etc/ssl/certs,tmp,root,home/node,app}
chmod 1777 "$ROOT/tmp"
cp "$NODE" "$ROOT/usr/local/bin/node"
cp -a "$NPM_DIR" "$ROOT/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$ROOT/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$ROOT/usr/local/bin/npx"
# node's libraries, and the rest of glibc that native modules (esbuild, rollup) and DNS need.
LIBDIR=$(dirname "$(ldd "$NODE" | grep -o '/[^ ]*libc\.so\.6')")
for lib in $(ldd "$NODE" | grep -o '/[^ ]*') "$LIBDIR"/{librt,libresolv,libnss_dns,libnss_files,libutil}.so.*; do
  mkdir -p "$ROOT$(dirname "$lib")"
  cp -L "$lib" "$ROOT$lib"
done
mkdir -p "$ROOT/usr/bin" && ln -s ../../bin/busybox "$ROOT/usr/bin/env"
cp "$(command -v busybox)" "$ROOT/bin/busybox"
for applet in $(busybox --list); do [ -e "$ROOT/bin/$applet" ] || ln -s busybox "$ROOT/bin/$applet"; done
# This machine's trust store (the registry is reached through its CA), as a base image from the
# machine would have it.
cp /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/ssl/certs/"
printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000:node:/home/node:/bin/sh\n' >"$ROOT/etc/passwd"
printf 'root:x:0:\nnode:x:1000:\n' >"$ROOT/etc/group"
chown 1000:1000 "$ROOT/home/node"
tar -C "$ROOT" -c . | podman import --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' - "$BASE" >/dev/null

echo "== image: podman build (BASE=$BASE)"
mkdir -p "$HOME/.npm"
# The host's npm cache is lent to the build's RUN steps (speed only; the image does not keep it).
podman build --format docker --isolation chroot --network host --layers=false --volume "$HOME/.npm:/root/.npm" --build-arg "BASE=$BASE" -t "$IMAGE" . >"$WORK/build.log" 2>&1 || {
  tail -40 "$WORK/build.log"
  exit 1
}
# podman's inspect keeps the HEALTHCHECK beside .Config; merge it in.
podman image inspect "$IMAGE" | node -e 'let t="";process.stdin.on("data",(d)=>t+=d).on("end",()=>{const i=JSON.parse(t)[0];console.log(JSON.stringify({...i.Config,Healthcheck:i.Healthcheck??i.Config?.Healthcheck}))})' >"$WORK/config.json"
podman image inspect "$IMAGE" --format '{{.Size}}' | awk '{printf "image size: %.0f MB\n", $1/1e6}'

echo "== image: run its entry point as its user (chroot --userspec), on loopback"
podman create --name "$NAME" "$IMAGE" >/dev/null
mkdir -p "$WORK/fs"
podman export "$NAME" | tar -x -C "$WORK/fs"
# A container engine gives the container /dev/null; the exported filesystem has none (the README's
# `docker compose exec … sh -c '… >/dev/null'` needs it).
mkdir -p "$WORK/fs/dev" && rm -f "$WORK/fs/dev/null" && mknod -m 666 "$WORK/fs/dev/null" c 1 3
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
# The image's own user, environment, entry point and command (a HEALTHCHECK needs the docker
# format: OCI images have none); loopback and a free port for this run.
node -e '
  const c = require(process.argv[1]);
  if (!/^1000(:1000)?$/.test(c.User ?? "")) { console.error("image user is " + JSON.stringify(c.User) + ", expected 1000:1000"); process.exit(1); }
  if (!c.Healthcheck?.Test?.length) { console.error("image has no HEALTHCHECK"); process.exit(1); }
  console.log("image user:", c.User, " entry point:", JSON.stringify([...(c.Entrypoint ?? []), ...(c.Cmd ?? [])]));
' "$WORK/config.json"
mapfile -t CMD < <(node -e 'const c=require(process.argv[1]); for (const line of [...(c.Entrypoint ?? []), ...(c.Cmd ?? [])]) console.log(line)' "$WORK/config.json")
mapfile -t ENVS < <(node -e 'for (const e of require(process.argv[1]).Env ?? []) console.log(e)' "$WORK/config.json")
mapfile -t CHECK < <(node -e 'const t=require(process.argv[1]).Healthcheck.Test; for (const a of (t[0]==="CMD"?t.slice(1):["/bin/sh","-c",t.slice(1).join(" ")])) console.log(a)' "$WORK/config.json")
WORKDIR=$(node -e 'console.log(require(process.argv[1]).WorkingDir || "/")' "$WORK/config.json")
RUN_ENV=("${ENVS[@]}" HOME=/home/node TOKLIGENCE_HOST=127.0.0.1 "TOKLIGENCE_PORT=$PORT")
chroot --userspec=1000:1000 "$WORK/fs" /bin/sh -c 'cd "$0" && exec env -i "$@"' "$WORKDIR" "${RUN_ENV[@]}" "${CMD[@]}" >"$WORK/serve.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/serve.log"; echo "the image's server exited"; exit 1; }
  sleep 0.1
done
curl -sf "http://127.0.0.1:$PORT/healthz"; echo
# The HEALTHCHECK command itself, as the image's user.
chroot --userspec=1000:1000 "$WORK/fs" /bin/sh -c 'exec env -i "$@"' _ "${RUN_ENV[@]}" "${CHECK[@]}"
echo "HEALTHCHECK command: exit 0"
ANSWER=$(curl -sf "http://127.0.0.1:$PORT/v1/chat/completions" -H 'content-type: application/json' \
  -d '{"model":"mock-1","messages":[{"role":"user","content":"hello from the image test"}]}')
node -e '
  const a = JSON.parse(process.argv[1]);
  const text = a.choices?.[0]?.message?.content;
  if (a.object !== "chat.completion" || typeof text !== "string" || text.length === 0) { console.error("unexpected answer", process.argv[1]); process.exit(1); }
  console.log("chat call:", JSON.stringify(text.slice(0, 80)));
' "$ANSWER"
# The process runs as uid 1000, not root.
UID_SEEN=$(awk '/^Uid:/{print $2}' "/proc/$(pgrep -P "$PID" -n || echo "$PID")/status")
[ "$UID_SEEN" = 1000 ] || { echo "server runs as uid $UID_SEEN, expected 1000"; exit 1; }
echo "server uid: $UID_SEEN"
# SIGTERM drains and exits 0.
kill -TERM "$(pgrep -P "$PID" -n || echo "$PID")"
for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
wait "$PID" && echo "SIGTERM: exited 0" || { cat "$WORK/serve.log"; echo "SIGTERM: exit $?"; exit 1; }
PID=

echo "== image: the README's Compose commands, with docker-compose.yml's gateway environment, on a real PostgreSQL and Redis"
# No compose engine runs here: PostgreSQL and Redis run on loopback, the compose file's `postgres`
# and `redis` host names point at them, everything else is the file's own environment.
PGBIN=/usr/lib/postgresql/15/bin
if [ ! -x "$PGBIN/initdb" ]; then apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; fi
command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; }
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
PGPORT=$(free_port); RPORT=$(free_port); PORT=$(free_port)
mkdir -p "$WORK/pg" && chown postgres:postgres "$WORK/pg"
runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pg/data" -U postgres -A trust --no-sync >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg/data" -o "-p $PGPORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c fsync=off" -l "$WORK/pg/log" -w start >/dev/null
PG_STARTED=1
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE ROLE tokligence LOGIN PASSWORD 'tokligence'" -c "CREATE DATABASE tokligence OWNER tokligence" >/dev/null
redis-server --port "$RPORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --pidfile "$WORK/redis.pid" >/dev/null
mapfile -t COMPOSE_ENV < <(node -e '
  const { parse } = require("yaml");
  const env = parse(require("fs").readFileSync("docker-compose.yml", "utf8")).services.gateway.environment;
  const interpolate = (v) => String(v).replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, n, d) => process.env[n] ?? d ?? "");
  for (const [k, v] of Object.entries(env)) {
    let value = interpolate(v).replace("@postgres:5432/", `@127.0.0.1:${process.argv[1]}/`).replace("redis://redis:6379", `redis://127.0.0.1:${process.argv[2]}`);
    if (k === "TOKLIGENCE_HOST") value = "127.0.0.1";
    if (k === "TOKLIGENCE_PORT") value = process.argv[3];
    console.log(`${k}=${value}`);
  }
' "$PGPORT" "$RPORT" "$PORT")
RUN_ENV=("${ENVS[@]}" HOME=/home/node "${COMPOSE_ENV[@]}")
in_image() { chroot --userspec=1000:1000 "$WORK/fs" /bin/sh -c 'cd /app && exec env -i "$@"' _ "${RUN_ENV[@]}" "$@"; }
in_image "${CMD[@]}" >"$WORK/compose-serve.log" 2>&1 &
PID=$!
for _ in $(seq 1 150); do
  curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/compose-serve.log"; echo "the gateway exited"; exit 1; }
  sleep 0.1
done
# The README's second command, as written inside the container (`tokligence` on the image's PATH).
KEY=$(in_image /bin/sh -c 'tokligence user create alice --email alice@team.com --quota 100 >/dev/null && tokligence apikey create alice --name "Alice key"')
[ -n "$KEY" ] || { echo "no key printed"; exit 1; }
# The third: a call with that key (and one without, refused).
STATUS=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/v1/chat/completions" -H 'content-type: application/json' -d '{"model":"mock-1","messages":[{"role":"user","content":"hello"}]}')
[ "$STATUS" = 401 ] || { echo "a call without a key answered $STATUS, expected 401"; exit 1; }
ANSWER=$(curl -sf "http://127.0.0.1:$PORT/v1/chat/completions" -H "Authorization: Bearer $KEY" -H 'content-type: application/json' -d '{"model":"mock-1","messages":[{"role":"user","content":"hello"}]}')
node -e 'const a=JSON.parse(process.argv[1]); if (!a.choices?.[0]?.message?.content) process.exit(1); console.log("call with alice'"'"'s key:", JSON.stringify(a.choices[0].message.content))' "$ANSWER"
# The usage row is in PostgreSQL, under alice.
sleep 0.5
ROWS=$(in_image /bin/sh -c 'tokligence usage --user alice --json')
node -e 'const r=JSON.parse(process.argv[1]); const n=JSON.stringify(r).match(/"requests":(\d+)/); if (!n || Number(n[1]) < 1) { console.error("no usage for alice:", process.argv[1]); process.exit(1); } console.log("usage --user alice:", n[0])' "$ROWS"
kill -TERM "$(pgrep -P "$PID" -n || echo "$PID")"; wait "$PID" || true
PID=
echo "== image: ok"
