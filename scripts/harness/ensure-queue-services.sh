#!/usr/bin/env bash
# n8n's queue mode needs Redis and Postgres. The queue-mode tests start their
# own private instances of Debian's packages; this installs the packages when
# they are missing (needs root, as on the project's machines).
set -euo pipefail
missing=()
command -v redis-server > /dev/null || missing+=(redis-server)
compgen -G '/usr/lib/postgresql/*/bin/initdb' > /dev/null || missing+=(postgresql)
if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi
echo "Installing Debian's ${missing[*]} for the queue-mode tests…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
# Only the binaries are wanted: the tests start their own instances. Stop the
# services the packages just started, and only those.
if command -v service > /dev/null; then
	for package in "${missing[@]}"; do
		service "$package" stop > /dev/null 2>&1 || true
	done
fi
redis-server --version
