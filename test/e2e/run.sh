#!/usr/bin/env bash
# `npm run test:e2e`: real coding agents through the gateway. Runs the whole vitest process inside a
# network namespace with only loopback, so the clients cannot reach the internet (no update checks,
# telemetry or plugin fetches leak, and nothing passes by accident through a real API). Falls back
# to running without isolation, with a warning, where unshare is not allowed (no root / no userns).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -d test/e2e/node_modules ]; then
  echo "test:e2e: test/e2e/node_modules is missing; run 'npm ci --prefix test/e2e' first (client tests will be skipped)" >&2
fi

cmd=(npx vitest run --config vitest.e2e.config.ts "$@")
# `unshare -n` needs root; `unshare -rn` (a user namespace mapped to root) works for other users where
# unprivileged user namespaces are allowed. The probe brings loopback up too: without it the gateway
# and fakes would be unreachable.
if [ "${TK_E2E_NO_NETNS:-}" != "1" ]; then
  for flags in -n -rn; do
    if unshare "$flags" bash -c 'ip link set lo up' 2>/dev/null; then
      echo "test:e2e: running in a loopback-only network namespace (unshare $flags)" >&2
      exec unshare "$flags" bash -c 'ip link set lo up && exec "$@"' bash "${cmd[@]}"
    fi
  done
fi
echo "test:e2e: WARNING: no network namespace (unshare -n / -rn failed, or TK_E2E_NO_NETNS=1); running WITHOUT network isolation" >&2
exec "${cmd[@]}"
