#!/bin/sh
# Run a real LanguageTool HTTP server on 127.0.0.1 for lintkit's tests.
#
#   sh scripts/languagetool-server.sh fetch          # download the jars (once)
#   sh scripts/languagetool-server.sh start [PORT]   # fetch if needed, start, wait; last line is the URL
#   sh scripts/languagetool-server.sh stop  [PORT]
#   sh scripts/languagetool-server.sh url   [PORT]   # http://127.0.0.1:PORT
#
# The jars come from Maven Central through Maven: org.languagetool:languagetool-server and
# org.languagetool:language-en. languagetool-server depends on language-all (every language);
# that is excluded here. Spanish, Catalan and Portuguese are kept (about 21 MB more), because
# the server's language identifier refuses to start without them.
# Everything lives under .cache/languagetool/ at the repository root (ignored by git):
#   <version>/pom.xml    throwaway pom used for the download
#   <version>/libs/      the jars (the class path)
#   m2/                  Maven's local repository (nothing is written to ~/.m2)
#   server-PORT.log, server-PORT.pid
#
# Environment: LT_VERSION (default 6.8), LT_HEAP (java -Xmx, default 1g),
# LT_JAVA_OPTS (more JVM options), LT_START_TIMEOUT (seconds, default 120),
# LT_CONFIG (a LanguageTool server properties file for --config; by default the script writes
#   .cache/languagetool/server.properties, which turns on pipeline caching: without it the server
#   builds its English rule set anew for every request, and checks take 1.4 to 2.5 times as long),
# LT_WARMUP=1 (after start-up, send one small en-US check, so that the first real check does
#   not pay the ~3.5 s it takes to load the English rules).
# The server has no text-length or time limit by default; set maxTextLength/maxCheckTimeMillis
# in an LT_CONFIG file to test those.
# LanguageTool is LGPL-2.1; it is only downloaded and run here, never shipped with lintkit.
set -eu

LT_VERSION=${LT_VERSION:-6.8}
LT_HEAP=${LT_HEAP:-1g}
LT_JAVA_OPTS=${LT_JAVA_OPTS:-}
LT_START_TIMEOUT=${LT_START_TIMEOUT:-120}
LT_CONFIG=${LT_CONFIG:-}
LT_WARMUP=${LT_WARMUP:-0}
DEFAULT_PORT=8081

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE="$ROOT/.cache/languagetool"
VDIR="$CACHE/$LT_VERSION"
LIBS="$VDIR/libs"
M2="$CACHE/m2"

die() { echo "languagetool-server: $*" >&2; exit 1; }
say() { echo "languagetool-server: $*" >&2; }

# Seconds since the epoch, with fractions where date(1) supports %N.
now() {
    t=$(date +%s.%N 2>/dev/null || date +%s)
    case $t in *N*|*.) t=$(date +%s) ;; esac
    echo "$t"
}
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

check_port() {
    case $1 in
        ''|*[!0-9]*) die "bad port: $1" ;;
    esac
    [ "$1" -ge 1 ] && [ "$1" -le 65535 ] || die "bad port: $1"
}

url_of() { echo "http://127.0.0.1:$1"; }

# True when a LanguageTool server answers GET /v2/languages on that port.
answers() {
    curl -fsS --max-time 5 -o /dev/null "$(url_of "$1")/v2/languages" 2>/dev/null
}

have_jars() {
    [ -f "$VDIR/.fetched" ] && [ -f "$LIBS/languagetool-server-$LT_VERSION.jar" ] \
        && [ -f "$LIBS/language-en-$LT_VERSION.jar" ] && [ -f "$LIBS/language-es-$LT_VERSION.jar" ]
}

write_pom() {
    cat > "$VDIR/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by scripts/languagetool-server.sh to download LanguageTool; not a build. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.lintkit</groupId>
  <artifactId>languagetool-fetch</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.languagetool</groupId>
      <artifactId>languagetool-server</artifactId>
      <version>$LT_VERSION</version>
      <exclusions>
        <!-- language-all pulls in every language module; English is enough. -->
        <exclusion><groupId>org.languagetool</groupId><artifactId>language-all</artifactId></exclusion>
      </exclusions>
    </dependency>
    <dependency>
      <groupId>org.languagetool</groupId>
      <artifactId>language-en</artifactId>
      <version>$LT_VERSION</version>
    </dependency>
    <!-- The server's language identifier (CommonWordsDetector, in languagetool-core) looks up
         es, ca and pt when its class loads: without these three the server dies at start-up with
         "'es' is not a language code known to LanguageTool". -->
    <dependency>
      <groupId>org.languagetool</groupId>
      <artifactId>language-es</artifactId>
      <version>$LT_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.languagetool</groupId>
      <artifactId>language-ca</artifactId>
      <version>$LT_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.languagetool</groupId>
      <artifactId>language-pt</artifactId>
      <version>$LT_VERSION</version>
    </dependency>
  </dependencies>
  <build>
    <pluginManagement>
      <plugins>
        <plugin>
          <groupId>org.apache.maven.plugins</groupId>
          <artifactId>maven-dependency-plugin</artifactId>
          <version>3.6.1</version>
        </plugin>
      </plugins>
    </pluginManagement>
  </build>
</project>
EOF
}

cmd_fetch() {
    if have_jars; then
        say "LanguageTool $LT_VERSION already in $LIBS"
        return 0
    fi
    command -v mvn >/dev/null 2>&1 || die "mvn not found (Maven is needed to download LanguageTool)"
    mkdir -p "$VDIR" "$M2"
    write_pom
    tmp="$VDIR/libs.tmp.$$"
    rm -rf "$tmp"
    say "downloading LanguageTool $LT_VERSION (server + English) from Maven Central ..."
    t0=$(now)
    # Maven's output goes to fetch.log (with -q it is only errors, plus colour codes).
    if ! (cd "$VDIR" && mvn -B -q -Dstyle.color=never -f pom.xml -Dmaven.repo.local="$M2" \
            dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp") \
            > "$VDIR/fetch.log" 2>&1; then
        rm -rf "$tmp"
        tail -n 40 "$VDIR/fetch.log" >&2 || true
        die "Maven could not download LanguageTool $LT_VERSION (log: $VDIR/fetch.log)"
    fi
    rm -rf "$LIBS"
    mv "$tmp" "$LIBS"
    : > "$VDIR/.fetched"
    n=$(ls "$LIBS" | wc -l)
    size=$(du -sh "$LIBS" | cut -f1)
    say "fetched $n jars ($size) into $LIBS in $(elapsed "$t0") s"
}

# The default server configuration. pipelinePrewarming must stay off: it needs every language
# (it fails on 'de-DE'), and only English, Spanish, Catalan and Portuguese are fetched.
write_config() {
    cat > "$1" <<EOF
# Written by scripts/languagetool-server.sh; set LT_CONFIG to use another file.
pipelineCaching=true
maxPipelinePoolSize=20
pipelineExpireTimeInSeconds=3600
EOF
}

pidfile_of() { echo "$CACHE/server-$1.pid"; }
logfile_of() { echo "$CACHE/server-$1.log"; }

# The pid from the pid file, if that process is still a LanguageTool server.
running_pid() {
    pf=$(pidfile_of "$1")
    [ -f "$pf" ] || return 1
    pid=$(cat "$pf")
    case $pid in ''|*[!0-9]*) return 1 ;; esac
    kill -0 "$pid" 2>/dev/null || return 1
    if [ -r "/proc/$pid/cmdline" ]; then
        tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q 'org.languagetool.server.HTTPServer' || return 1
    fi
    echo "$pid"
}

cmd_start() {
    port=${1:-$DEFAULT_PORT}
    check_port "$port"
    command -v curl >/dev/null 2>&1 || die "curl not found (used to see whether the server answers)"
    if answers "$port"; then
        say "a server already answers on port $port"
        url_of "$port"
        return 0
    fi
    command -v java >/dev/null 2>&1 || die "java not found (LanguageTool $LT_VERSION needs Java 17 or newer)"
    cmd_fetch
    if pid=$(running_pid "$port"); then
        say "server pid $pid is running but not answering yet; waiting for it"
    else
        log=$(logfile_of "$port")
        mkdir -p "$CACHE"
        # Without --public the server binds to the loopback interface only.
        if [ -n "$LT_CONFIG" ]; then
            [ -f "$LT_CONFIG" ] || die "LT_CONFIG: no such file: $LT_CONFIG"
            config=$LT_CONFIG
        else
            config="$CACHE/server.properties"
            write_config "$config"
        fi
        set -- --port "$port" --config "$config"
        # shellcheck disable=SC2086  # LT_JAVA_OPTS is split into words on purpose
        nohup java -Xmx"$LT_HEAP" $LT_JAVA_OPTS -cp "$LIBS/*" \
            org.languagetool.server.HTTPServer "$@" \
            > "$log" 2>&1 < /dev/null &
        pid=$!
        echo "$pid" > "$(pidfile_of "$port")"
        say "started LanguageTool $LT_VERSION, pid $pid, log $log"
    fi
    t0=$(now)
    while :; do
        if answers "$port"; then
            say "server answered after $(elapsed "$t0") s"
            if [ "$LT_WARMUP" = 1 ]; then
                t1=$(now)
                curl -fsS --max-time 60 -o /dev/null -d language=en-US \
                    --data-urlencode 'text=This are a test.' "$(url_of "$port")/v2/check" \
                    || die "warm-up check failed"
                say "warm-up check took $(elapsed "$t1") s"
            fi
            url_of "$port"
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$(pidfile_of "$port")"
            tail -n 30 "$(logfile_of "$port")" >&2 || true
            die "server exited during start-up (log: $(logfile_of "$port"))"
        fi
        if awk -v e="$(elapsed "$t0")" -v m="$LT_START_TIMEOUT" 'BEGIN { exit !(e >= m) }'; then
            tail -n 30 "$(logfile_of "$port")" >&2 || true
            die "server did not answer within $LT_START_TIMEOUT s (pid $pid still running; stop it with: $0 stop $port)"
        fi
        sleep 0.5 2>/dev/null || sleep 1
    done
}

cmd_stop() {
    port=${1:-$DEFAULT_PORT}
    check_port "$port"
    pf=$(pidfile_of "$port")
    if ! pid=$(running_pid "$port"); then
        rm -f "$pf"
        if answers "$port"; then
            die "a server answers on port $port but was not started by this script; not stopping it"
        fi
        say "no server running on port $port"
        return 0
    fi
    kill "$pid" 2>/dev/null || true
    i=0
    while kill -0 "$pid" 2>/dev/null; do
        i=$((i + 1))
        if [ "$i" -ge 30 ]; then
            say "pid $pid did not stop after 15 s; killing it"
            kill -9 "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.5 2>/dev/null || sleep 1
    done
    rm -f "$pf"
    say "stopped server pid $pid on port $port"
}

usage() {
    echo "usage: $0 fetch | start [PORT] | stop [PORT] | url [PORT]   (default PORT $DEFAULT_PORT)" >&2
    exit 2
}

[ $# -ge 1 ] || usage
sub=$1
shift
case $sub in
    fetch) cmd_fetch ;;
    start) cmd_start "$@" ;;
    stop)  cmd_stop "$@" ;;
    url)   port=${1:-$DEFAULT_PORT}; check_port "$port"; url_of "$port" ;;
    *)     usage ;;
esac
