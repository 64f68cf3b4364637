#!/bin/sh
# Every benchmark, one after another; each prints its own comparison table.
# Some generate gigabytes under build/ (see each script's header).
set -u
cd "$(dirname "$0")/.."
for b in firewall nessus logscan pii report web supervise store hosts-scale scale; do
	[ -f "bench/$b.sh" ] || continue
	echo "=== bench/$b.sh"
	sh "bench/$b.sh" || echo "bench/$b.sh failed"
done
