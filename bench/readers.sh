#!/usr/bin/env bash
# Unique readers at scale: one hour with 1,000,000 distinct readers over 200 articles in the embedded PostgreSQL. Prints
# the bytes the kept keys and the hourly sketches take, the time to build the sketches, and the site estimate against
# the true count (ReaderStorageIT, which `mvn -B verify` skips). Takes about 2 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q verify -Dbench=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ReaderStorageIT \
  -Dspotless.check.skip=true
cat target/reader-storage.txt
