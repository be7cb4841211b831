#!/usr/bin/env bash
# CI step: prove the production install the Dockerfile makes. Builds the app and the server,
# copies what a deployment holds (package.json, package-lock.json, dist/, dist-server/) into a
# temporary folder, installs production dependencies only there (`npm ci --omit=dev`), then runs
# tests/integration/production against that folder: the server starts from it, /api/health and
# the app answer, the admin command makes a code, a tablet enrols and syncs a photo.
#
# better-sqlite3 is native. The image builds it (prebuild-install, or node-gyp); here GitHub's
# prebuilt binaries are out of reach and a source build takes minutes, so by default the install
# skips install scripts and takes the addon this checkout already built (same version, same
# Node). Set PRODUCTION_INSTALL_NATIVE=build to compile it from source instead, as an image does.
# Run after `npm ci` (the npm cache then holds every package; the registry is asked only for
# what is missing). Builds first unless CONSENTLENS_PREBUILT=1 says this run's build is there
# (.ci/run builds once for every step).
set -euo pipefail
cd "$(dirname "$0")/.."

npm run build:unless-prebuilt

INSTALL_DIR="$(mktemp -d "${TMPDIR:-/tmp}/consentlens-production-XXXXXX")"
trap 'rm -rf "$INSTALL_DIR"' EXIT
cp package.json package-lock.json "$INSTALL_DIR/"
cp -R dist dist-server "$INSTALL_DIR/"

if [ "${PRODUCTION_INSTALL_NATIVE:-copy}" = build ]; then
  (cd "$INSTALL_DIR" && npm ci --omit=dev --prefer-offline --no-audit --no-fund)
else
  (cd "$INSTALL_DIR" && npm ci --omit=dev --prefer-offline --no-audit --no-fund --ignore-scripts)
  cp -R node_modules/better-sqlite3/build "$INSTALL_DIR/node_modules/better-sqlite3/build"
fi

PRODUCTION_INSTALL_DIR="$INSTALL_DIR" npx vitest run --project unit tests/integration/production
