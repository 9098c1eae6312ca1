#!/usr/bin/env bash
# The Python example (examples/python/sdk_clients.py: the official openai and anthropic SDKs)
# against a real `tokligence serve` on loopback. PyPI is not reachable from these machines; the
# packages come from the machine's local package index. Without python3 or without any index
# this says so and stops (exit 0: there is nothing to test); with a local index, a failed install
# fails the step.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v python3 >/dev/null 2>&1 || { echo "python: no python3 on this machine; example not run"; exit 0; }
VENV=$(mktemp -d /tmp/tk-python.XXXXXX)
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$VENV"' EXIT
trap 'exit 143' TERM INT
python3 -m venv "$VENV"
# The machine's local index when there is one (its mirror of PyPI), else pip's default.
INDEX=()
if [ -d /opt/pypi/simple ]; then
  INDEX=(--index-url file:///opt/pypi/simple)
  [ -d /opt/pypi-more/simple ] && INDEX+=(--extra-index-url file:///opt/pypi-more/simple)
fi
if ! timeout 300 "$VENV/bin/pip" install -q --disable-pip-version-check "${INDEX[@]}" openai anthropic >"$VENV/pip.log" 2>&1; then
  tail -5 "$VENV/pip.log"
  # A machine with a local index must install from it; elsewhere PyPI is unreachable here.
  [ ${#INDEX[@]} -gt 0 ] && { echo "python: pip install from the local index failed"; exit 1; }
  echo "python: the openai and anthropic packages cannot be installed here (no reachable index); example not run"
  exit 0
fi
"$VENV/bin/python" -c 'import openai, anthropic; print("python", __import__("sys").version.split()[0], "openai", openai.__version__, "anthropic", anthropic.__version__)'
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
env -i PATH="$PATH" HOME="$HOME" node --import tsx src/cli/index.ts serve --port "$PORT" --host 127.0.0.1 >"$VENV/serve.log" 2>&1 &
PID=$!
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || { cat "$VENV/serve.log"; echo "python: the server exited"; exit 1; }
  sleep 0.1
done
curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null || { cat "$VENV/serve.log"; echo "python: the server did not answer /healthz in 30 s"; exit 1; }
OUT=$(TOKLIGENCE_URL="http://127.0.0.1:$PORT" timeout 120 "$VENV/bin/python" examples/python/sdk_clients.py mock-1)
echo "$OUT"
for line in "openai chat: Mock" "openai stream: Mock" "openai responses: Mock" "anthropic messages: Mock" "anthropic stream: Mock" "openai error: 4"; do
  grep -q "^$line" <<<"$OUT" || { echo "python example: missing \"$line\""; exit 1; }
done
echo "python example: ok"
