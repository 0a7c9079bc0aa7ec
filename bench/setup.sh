#!/usr/bin/env bash
# Install the benchmark's peers from Debian: Postfix's smtp-source (SMTP load generator),
# Dovecot's pop3d/imapd/lmtpd, wrk (the HTTP load generator; its peer, node:http, needs nothing),
# dnsperf (the DNS load generator) and dnsmasq-base (the DNS peer; it has no system service).
# The benchmark runs Dovecot and dnsmasq as their own unprivileged instances with temporary
# configs on loopback addresses; the system services are never started.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postfix dovecot-pop3d dovecot-imapd dovecot-lmtpd wrk dnsperf dnsmasq-base
