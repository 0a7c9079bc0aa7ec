#!/usr/bin/env bash
# Install the benchmark's peers from Debian: Postfix's smtp-source (SMTP load generator),
# Dovecot's pop3d/imapd, and wrk (the HTTP load generator; its peer, node:http, needs nothing). The benchmark runs Dovecot as its own unprivileged instance
# with a temporary config on 127.0.0.1; the system services are never started.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postfix dovecot-pop3d dovecot-imapd wrk
