#!/usr/bin/env bash
# Build the helpcenter-analysis Elasticsearch plugin against an unpacked Elasticsearch.
# Usage: build.sh ES_HOME OUT_DIR   → OUT_DIR/helpcenter-analysis/{plugin-descriptor.properties,*.jar}
#        build.sh --zip ES_HOME OUT_DIR → OUT_DIR/helpcenter-analysis-<ES version>.zip, the folder's
#        contents at the zip's root, for `elasticsearch-plugin install file:///…/that.zip`
# Needs a JDK 21+ (JAVA_HOME, default /usr/lib/jvm/temurin-25-jdk-amd64); compiles against the
# jars Elasticsearch ships in lib/ (server and Lucene analysis-common), so it bundles no jar.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ZIP=""; if [ "${1:-}" = --zip ]; then ZIP=1; shift; fi
ES_HOME="$1"; OUT="$2"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -x "$JAVA_HOME/bin/javac" ] || { echo "build.sh: no javac in JAVA_HOME=$JAVA_HOME" >&2; exit 1; }
es_jar="$(ls "$ES_HOME"/lib/elasticsearch-[0-9]*.jar)"
es_version="$(basename "$es_jar" .jar)"; es_version="${es_version#elasticsearch-}"
version="$(cat "$HERE"/src/helpcenter/analysis/*.java "$HERE/plugin-descriptor.properties" | sha1sum | cut -c1-12)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
classpath="$(find "$ES_HOME/lib" -maxdepth 1 -name '*.jar' | sort | tr '\n' ':')"
"$JAVA_HOME/bin/javac" --release 21 -Xlint:-options -nowarn -cp "$classpath" -d "$work/classes" \
  $(find "$HERE/src" -name '*.java')
mkdir -p "$work/plugin"
"$JAVA_HOME/bin/jar" --create --file "$work/plugin/helpcenter-analysis.jar" -C "$work/classes" .
sed -e "s/@VERSION@/$version/" -e "s/@ES_VERSION@/$es_version/" \
  "$HERE/plugin-descriptor.properties" >"$work/plugin/plugin-descriptor.properties"
mkdir -p "$OUT"
if [ -n "$ZIP" ]; then
  zip="$OUT/helpcenter-analysis-$es_version.zip"; rm -f "$zip"
  "$JAVA_HOME/bin/jar" --create --no-manifest --file "$zip" -C "$work/plugin" .
  echo "$zip"
else
  rm -rf "$OUT/helpcenter-analysis"
  mv "$work/plugin" "$OUT/helpcenter-analysis"
  echo "$OUT/helpcenter-analysis"
fi
