#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test with ctest.
#   scripts/test.sh [extra ctest args...]
# Also builds core and its tests with ThreadSanitizer (build-tsan/) and runs the
# concurrency tests there; set HS_SKIP_TSAN=1 to skip that part.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

hs_ensure_packages "${HS_BUILD_PACKAGES[@]}" "${HS_RUN_PACKAGES[@]}" "${HS_TEST_PACKAGES[@]}"
hs_build

export QT_QPA_PLATFORM=offscreen
cd "$HS_BUILD"
hs_log "running tests"
ctest --output-on-failure --parallel 2 "$@"

if [ "${HS_SKIP_TSAN:-0}" != "1" ]; then
  tsan_dir="${HS_TSAN_BUILD_DIR:-$HS_ROOT/build-tsan}"
  if [ ! -f "$tsan_dir/build.ninja" ]; then
    hs_log "configuring ThreadSanitizer build in $tsan_dir"
    cmake -S "$HS_ROOT" -B "$tsan_dir" -G Ninja -DCMAKE_BUILD_TYPE=TSan -DHYPERSLAB_CORE_ONLY=ON \
      -DHYPERSLAB_BUILD_BENCH=OFF >/dev/null
  fi
  # Only what the concurrency tests need: the lock, the job runner, the lazy tree,
  # the tile pager and the grid model, the crash journal.
  tsan_tests=(tst_jobrunner tst_hierarchyreader tst_hierarchymodel tst_attributereader tst_tilepager tst_sessionjournal tst_filesession tst_sessionviews)
  hs_log "building with ThreadSanitizer"
  cmake --build "$tsan_dir" --parallel "$(nproc 2>/dev/null || echo 2)" \
    --target hyperslab_make_fixtures "${tsan_tests[@]}"
  hs_log "running concurrency tests under ThreadSanitizer"
  export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$HS_ROOT/tests/tsan.supp"
  regex="^($(IFS='|'; echo "${tsan_tests[*]}"))\$"
  (cd "$tsan_dir" && ctest --output-on-failure -R "$regex")
fi
