#!/bin/sh
# Install what the HTML report's browser test needs: Debian's chromium and chromedriver, and
# Selenium from PyPI. Idempotent: each step runs only when its piece is missing, so CI can run
# this before every test run at no cost once the machine has them.
set -eu

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
fi

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        chromium chromium-driver fonts-dejavu-core >/dev/null
fi

if ! python3 -c "import selenium" >/dev/null 2>&1; then
    python3 -m pip install --quiet --disable-pip-version-check "selenium>=4.11"
fi

chromium --version 2>/dev/null
chromedriver --version
python3 -c "import selenium; print('selenium', selenium.__version__)"
