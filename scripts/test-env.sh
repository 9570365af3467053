#!/usr/bin/env bash
# Installs what `npm test` needs beyond node_modules, when it is missing, on a Debian machine:
#   chromium        browser runtime of the conformance suite and the browser example
#   time            GNU time, measures the CLI's peak memory on large files
#   bsdutils        `script`, gives the CLI a pseudo-terminal for the progress-bar test
#   redis-server    the shared limiter and audit store tests start their own Redis
# Nothing is installed when everything is present. Without root, it says what is missing and fails.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/time ] || missing+=(time)
command -v script >/dev/null || missing+=(bsdutils)
command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "npm test needs these Debian packages: ${missing[*]} (apt-get install -y ${missing[*]})" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q "${missing[@]}"
