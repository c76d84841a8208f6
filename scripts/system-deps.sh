#!/usr/bin/env bash
# Installs the system packages a gate needs when they are missing: `java` (PMD for check:apex) or `browser`
# (Debian's Chromium and a CJK font for test:e2e), or `all`. Uses apt-get as root (machines of this project's kind);
# elsewhere it says what to install and fails.
set -euo pipefail

want=()
case "${1:-all}" in
    java | all) java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])' || want+=(openjdk-17-jre-headless) ;;&
    browser | all)
        [ -x /usr/bin/chromium ] || want+=(chromium)
        fc-list 2>/dev/null | grep -qi 'noto sans cjk' || want+=(fonts-noto-cjk)
        ;;
esac
[ ${#want[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get > /dev/null; then
    echo "system-deps: please install: ${want[*]} (apt-get install -y ${want[*]})" >&2
    exit 1
fi
echo "system-deps: installing ${want[*]}"
apt-get update -q > /dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${want[@]}" > /dev/null
