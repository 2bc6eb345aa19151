#!/usr/bin/env bash
# Elasticsearch for development and tests, from Maven Central's integ-test zip.
# Usage: elasticsearch.sh start|stop|url
#   start  download (cached), start on 127.0.0.1, wait for yellow, print the URL
#   url    print the URL of the running node
#   stop   stop the node (no-op when not running)
# Env: ES_VERSION, ES_CACHE, ES_JAVA_HOME, ES_JAVA_OPTS, ES_PORT, ES_START_TIMEOUT, SERVICES_DIR;
#   as a node of a cluster: ES_CLUSTER_NAME, ES_NODE_NAME, ES_NODE_ROLES, ES_SEED_HOSTS,
#   ES_MASTER_NODES, ES_TRANSPORT_PORT (elasticsearch-cluster.sh sets them)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ES_VERSION="${ES_VERSION:-9.5.4}"
ES_CACHE="${ES_CACHE:-$HOME/.cache/helpcenter/elasticsearch}"
export ES_JAVA_HOME="${ES_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export ES_JAVA_OPTS="${ES_JAVA_OPTS:--Xms512m -Xmx512m}"
TIMEOUT="${ES_START_TIMEOUT:-120}"          # seconds; a busy 2-core machine may need more
BASE="$SERVICES_DIR/elasticsearch"
ES_HOME="$BASE/elasticsearch-$ES_VERSION"   # hard-linked copy of the cached unzip
CONF="$BASE/config-$ES_VERSION"            # writable copy of its config/
PIDFILE="$BASE/run/es.pid"
PORTFILE="$BASE/http.port"

url() { echo "http://127.0.0.1:$(cat "$PORTFILE")"; }

running() {
  [ -s "$PIDFILE" ] && grep -qs elasticsearch "/proc/$(cat "$PIDFILE")/cmdline"
}

# Download and unzip into the shared cache once (locked: checkouts may start together).
fetch_es() {
  local unzipped="$ES_CACHE/elasticsearch-$ES_VERSION"
  mkdir -p "$ES_CACHE"
  exec 9>"$ES_CACHE/.lock"; flock 9
  if [ ! -x "$unzipped/bin/elasticsearch" ]; then
    command -v mvn >/dev/null || apt_install maven
    command -v unzip >/dev/null || apt_install unzip
    mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
      -DoutputDirectory="$ES_CACHE" >&2
    rm -rf "$unzipped.tmp"
    unzip -q "$ES_CACHE/elasticsearch-$ES_VERSION.zip" -d "$unzipped.tmp"
    mv "$unzipped.tmp/elasticsearch-$ES_VERSION" "$unzipped" && rm -rf "$unzipped.tmp"
  fi
  exec 9>&-
}

# The cache may sit in root's home, which the service user cannot read:
# each checkout gets its own hard-linked (or else copied) tree of the cached unzip.
install_es() {
  [ -x "$ES_HOME/bin/elasticsearch" ] && return
  fetch_es
  mkdir -p "$BASE"; rm -rf "$ES_HOME.tmp"
  cp -al "$ES_CACHE/elasticsearch-$ES_VERSION" "$ES_HOME.tmp" 2>/dev/null ||
    { rm -rf "$ES_HOME.tmp"; cp -a "$ES_CACHE/elasticsearch-$ES_VERSION" "$ES_HOME.tmp"; }
  mv "$ES_HOME.tmp" "$ES_HOME"
}

# The project's helpcenter-analysis plugin (search/elasticsearch_plugin), the stand-in for what
# Maven Central's integ-test zip lacks: analysis-common's components and a synonyms filter (full
# distributions use their own and the synonyms API: docs/decisions/0013). Built once per Elasticsearch version and source.
install_analysis_plugin() {
  local plugins="$ES_HOME/plugins"
  local src; src="$(cd "$(dirname "$0")/../../search/elasticsearch_plugin" && pwd)"
  local hash; hash="$(cat "$src"/src/helpcenter/analysis/*.java "$src/plugin-descriptor.properties" \
    "$src/build.sh" | sha1sum | cut -c1-12)"
  local built="$ES_CACHE/plugins/$ES_VERSION-$hash"
  mkdir -p "$ES_CACHE/plugins"
  exec 9>"$ES_CACHE/.lock"; flock 9   # checkouts may start together
  if [ ! -s "$built/helpcenter-analysis/plugin-descriptor.properties" ]; then
    rm -rf "$built.tmp"
    JAVA_HOME="$ES_JAVA_HOME" bash "$src/build.sh" "$ES_HOME" "$built.tmp" >/dev/null
    mv "$built.tmp" "$built"
    find "$ES_CACHE/plugins" -mindepth 1 -maxdepth 1 -name "$ES_VERSION-*" \
      ! -name "$ES_VERSION-$hash" -exec rm -rf {} +   # older sources
  fi
  rm -rf "$plugins/helpcenter-analysis"; mkdir -p "$plugins"
  cp -r "$built/helpcenter-analysis" "$plugins/helpcenter-analysis"
  exec 9>&-
  chmod -R a+rX "$plugins"
}

start() {
  if running; then url; return; fi
  [ -x "$ES_JAVA_HOME/bin/java" ] || die "no Java 21+ at ES_JAVA_HOME=$ES_JAVA_HOME"
  install_es
  install_analysis_plugin
  svc_dir "$BASE/data"; svc_dir "$BASE/logs"; svc_dir "$BASE/run"; svc_dir "$BASE/tmp"
  [ -d "$CONF" ] || cp -r "$ES_HOME/config" "$CONF"
  svc_dir "$CONF"
  local port; port="$(pick_port "$PORTFILE" "${ES_PORT:-}")"
  echo "$port" >"$PORTFILE"
  local opts=(-E network.host=127.0.0.1 -E http.port="$port"
    -E transport.port="${ES_TRANSPORT_PORT:-$(free_port)}"
    -E cluster.routing.allocation.disk.threshold_enabled=false
    -E path.data="$BASE/data" -E path.logs="$BASE/logs" -E action.destructive_requires_name=false)
  if [ -n "${ES_CLUSTER_NAME:-}" ]; then  # a node of a cluster (elasticsearch-cluster.sh)
    opts+=(-E cluster.name="$ES_CLUSTER_NAME" -E node.name="$ES_NODE_NAME"
      -E node.roles="$ES_NODE_ROLES" -E discovery.seed_hosts="$ES_SEED_HOSTS"
      -E cluster.initial_master_nodes="$ES_MASTER_NODES")
  else
    opts+=(-E discovery.type=single-node)
  fi
  [ -d "$ES_HOME/modules/x-pack-security" ] && opts+=(-E xpack.security.enabled=false)
  [ -d "$ES_HOME/modules/x-pack-ml" ] && opts+=(-E xpack.ml.enabled=false)
  rm -f "$PIDFILE"
  export ES_PATH_CONF="$CONF"
  export ES_TMPDIR="$BASE/tmp"  # the node's temporary folder, with its data (not a new /tmp one)
  # -d returns once the node has started (or died); then wait for yellow.
  if as_svc timeout "$TIMEOUT" "$ES_HOME/bin/elasticsearch" -d -p "$PIDFILE" "${opts[@]}" \
    >"$BASE/logs/startup.log" 2>&1; then
    for _ in $(seq "$TIMEOUT"); do
      curl -fsS -m 5 "$(url)/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1 && { url; return; }
      sleep 1
    done
  fi
  echo "elasticsearch did not start or get to yellow within ${TIMEOUT}s; from $BASE/logs:" >&2
  grep -hE 'ERROR|Caused by' "$BASE/logs/startup.log" | head -n 5 >&2 || true
  tail -n 20 "$BASE/logs/elasticsearch.log" >&2 2>/dev/null || true
  stop; exit 1
}

stop() {
  running || { rm -f "$PIDFILE"; return 0; }
  local pid; pid="$(cat "$PIDFILE")"
  kill "$pid"
  for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$PIDFILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) running || die "not running"; url ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
