#!/usr/bin/env bash
# Installs and starts what the tests need on a fresh machine of kind node-svc.
# Idempotent: safe to run again on a machine that already has everything.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -d /usr/share/postgresql/15/extension ] && ls /usr/share/postgresql/15/extension/postgis.control >/dev/null 2>&1 || need+=(postgresql-15-postgis-3)
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)
# The OWL API (OWL 2 DL profile check of the ontology) and a JDK to compile the check
ls /usr/share/java/owlapi-distribution*.jar >/dev/null 2>&1 || ls /usr/share/java/owlapi*.jar >/dev/null 2>&1 || need+=(libowlapi-java)
command -v javac >/dev/null 2>&1 || need+=(default-jdk-headless)
# Python rdflib (an outside RDF writer for the validation-order test)
/usr/bin/python3 -c "import rdflib" >/dev/null 2>&1 || need+=(python3-rdflib)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# PostgreSQL: this machine kind starts it; start it if it is down.
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432
