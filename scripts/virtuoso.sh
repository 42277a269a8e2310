#!/usr/bin/env bash
# Start or stop a Virtuoso open-source server on loopback for the remote-store
# tests and benchmarks. Its database lives in its own folder, so it never
# touches a system-wide Virtuoso.
#   scripts/virtuoso.sh start [dir] [http-port] [sql-port]   (default /tmp/ggm-virtuoso 8890 1111)
#   scripts/virtuoso.sh stop  [dir]
# Environment: VIRTUOSO_BUFFERS (NumberOfBuffers, 8 KB pages; default 170000 ≈ 1.3 GB).
# The SPARQL user gets update rights: the server is reachable only on 127.0.0.1 and
# our service decides who may update.
set -euo pipefail
cmd=${1:-start}
dir=${2:-/tmp/ggm-virtuoso}
http=${3:-8890}
sql=${4:-1111}
buffers=${VIRTUOSO_BUFFERS:-170000}
case "$cmd" in
  start)
    command -v virtuoso-t >/dev/null || { echo "virtuoso-t not found: apt-get install virtuoso-opensource" >&2; exit 1; }
    mkdir -p "$dir"
    if curl -fsS -o /dev/null "http://127.0.0.1:$http/sparql?query=ASK%7B%7D" 2>/dev/null; then echo "virtuoso already up on $http"; exit 0; fi
    cat > "$dir/virtuoso.ini" <<INI
[Database]
DatabaseFile = $dir/virtuoso.db
ErrorLogFile = $dir/virtuoso.log
LockFile = $dir/virtuoso.lck
TransactionFile = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = $dir/virtuoso-temp.db
TransactionFile = $dir/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:$sql
DisableUnixSocket = 1
CheckpointInterval = 60
NumberOfBuffers = $buffers
MaxDirtyBuffers = $((buffers * 3 / 4))
MaxQueryMem = 2G
DirsAllowed = ., $dir, /tmp, /usr/share/virtuoso-opensource-7/vad
VADInstallDir = /usr/share/virtuoso-opensource-7/vad/
MaxClientConnections = 20
[HTTPServer]
ServerPort = 127.0.0.1:$http
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 20
ServerThreads = 20
EnabledDavVSP = 0
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 60
DefaultQuery = SELECT * WHERE { ?s ?p ?o } LIMIT 10
INI
    (cd "$dir" && virtuoso-t +configfile "$dir/virtuoso.ini" +wait >"$dir/start.log" 2>&1)
    for _ in $(seq 1 60); do
      curl -fsS -o /dev/null "http://127.0.0.1:$http/sparql?query=ASK%7B%7D" 2>/dev/null && break
      sleep 0.5
    done
    # on an existing database the grant is already there: not an error
    isql-vt "127.0.0.1:$sql" dba dba exec="GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);" >/dev/null 2>&1 || true
    echo "virtuoso up: http://127.0.0.1:$http/sparql (db in $dir)"
    ;;
  stop)
    sqlport=$(grep -oP '^ServerPort = 127\.0\.0\.1:\K\d+' "$dir/virtuoso.ini" | head -1 || echo "$sql")
    isql-vt "127.0.0.1:$sqlport" dba dba exec="shutdown;" >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop [dir] [http-port] [sql-port]" >&2; exit 2 ;;
esac
