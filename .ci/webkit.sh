#!/usr/bin/env bash
# The core flows in WebKit (tests/webkit: sign in, board, capture and save, offline reload,
# private mode), as tests/e2e runs them in Chromium. Runs as root on Debian, after `npm ci`.
# Installs WebKitGTK's WebDriver and MiniBrowser, Xvfb (the tests start a display of their
# own), and WebKitGTK's Python bindings (tests/webkit/support/persistentBrowser.py: a browser
# with a data store on disk, as a normal Safari window).
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
PACKAGES=(webkit2gtk-driver xvfb python3-gi gir1.2-webkit2-4.1)
missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update
  apt-get install -y "${missing[@]}"
fi

# The tests stop what they start (Xvfb, WebKitWebDriver and the browser, each in a process
# group of its own). Should the test runner itself be killed first, this stops whatever is
# left: every process that carries this run's mark in its environment, and nothing else.
export CONSENTLENS_WEBKIT_RUN="webkit-$$-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
stop_leftovers() {
  local mark="CONSENTLENS_WEBKIT_RUN=$CONSENTLENS_WEBKIT_RUN" environ pid
  unset CONSENTLENS_WEBKIT_RUN # the checks below do not carry the mark themselves
  for environ in /proc/[0-9]*/environ; do
    pid="${environ#/proc/}"
    pid="${pid%/environ}"
    [ "$pid" = "$$" ] && continue
    if { tr '\0' '\n' <"$environ"; } 2>/dev/null | grep -qxF "$mark"; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}
trap stop_leftovers EXIT
trap 'exit 143' TERM # so that the EXIT trap runs when CI stops the job
trap 'exit 130' INT

# In CI the e2e step has just built the app (npm run test:e2e): the flows use that build
# rather than making the same one again. Run on its own, this builds first.
# With CONSENTLENS_PREBUILT=1 (CI) the build the run made once is reused.
npm run test:webkit
