#!/usr/bin/env bash
# A two-node Elasticsearch cluster on 127.0.0.1 for the tests that need one (tests/search/
# test_cluster.py): node 1 master-eligible and data, node 2 data only, small heaps, each node an
# elasticsearch.sh node with its own state under $SERVICES_DIR/cluster/node-N.
# Usage: elasticsearch-cluster.sh start|stop|url|start-node N|stop-node N
#   start       start both nodes, wait until both joined, print the URLs (comma-separated)
#   stop-node N stop one node (the other keeps serving); start-node N starts it again
# Env: ES_JAVA_OPTS (each node's heap is 256 MB whatever it says), SERVICES_DIR, and
# elasticsearch.sh's. The nodes live for a few minutes under light load: the JIT's first tier
# only (no C2 compiler threads) halves the CPU a node takes to start (21 → 10 s of a core).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
HERE="$(cd "$(dirname "$0")" && pwd)"
BASE="$SERVICES_DIR/cluster"
export ES_JAVA_OPTS="${ES_JAVA_OPTS:-} -Xms256m -Xmx256m -XX:TieredStopAtLevel=1"  # last ones win
export ES_CLUSTER_NAME="helpcenter-test-$(echo "$BASE" | md5sum | cut -c1-8)"
export ES_MASTER_NODES="node-1"

transport_port() {  # the node's transport port, kept across restarts
  local file="$BASE/node-$1.transport"
  mkdir -p "$BASE"
  [ -s "$file" ] || free_port >"$file"
  cat "$file"
}

node() {  # node N ACTION
  local roles="data,ingest"; [ "$1" = 1 ] && roles="master,data,ingest"
  SERVICES_DIR="$BASE/node-$1" ES_NODE_NAME="node-$1" ES_NODE_ROLES="$roles" \
    ES_TRANSPORT_PORT="$(transport_port "$1")" ES_SEED_HOSTS="127.0.0.1:$(transport_port 1)" \
    bash "$HERE/elasticsearch.sh" "$2"
}

urls() { echo "$(node 1 url),$(node 2 url)"; }

case "${1:-}" in
  start)
    node 1 start >/dev/null; node 2 start >/dev/null
    for _ in $(seq 120); do
      curl -fsS -m 5 "$(node 1 url)/_cluster/health?wait_for_nodes=2&timeout=1s" >/dev/null 2>&1 &&
        { urls; exit 0; }
      sleep 1
    done
    die "the two nodes did not form a cluster" ;;
  stop) node 2 stop; node 1 stop ;;
  url) urls ;;
  start-node) node "$2" start ;;
  stop-node) node "$2" stop ;;
  *) echo "usage: $0 start|stop|url|start-node N|stop-node N" >&2; exit 2 ;;
esac
