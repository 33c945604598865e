# Shared by run.sh and test.sh: install what is missing, configure, build.
# Idempotent and quick when everything is already there.
set -euo pipefail

HS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HS_BUILD="${HS_BUILD_DIR:-$HS_ROOT/build}"

# Debian 12 package names. Build: compiler, CMake, Qt 6, HDF5, QCustomPlot; `file`,
# which CPack's DEB generator runs to find the binaries for dpkg-shlibdeps
# (`--target package` stops with "file utility is not available" without it).
HS_BUILD_PACKAGES=(build-essential cmake ninja-build ccache pkg-config qt6-base-dev qt6-base-dev-tools
  libqcustomplot-dev qt6-svg-dev libhdf5-dev libgl1-mesa-dev file)
# Run: SVG icons, Qt's TIFF reader (image bytes viewer), HDF5 command-line tools,
# filter plugins so compressed data opens: bitshuffle (LZF and Bitshuffle
# plugins), hdf5-filter-plugin (LZ4, bzip2), Blosc, ZFP. Not hdf5-plugin-lzf: its library is no loadable HDF5
# plugin (no H5PLget_plugin_info, undefined lzf_decompress).
HS_RUN_PACKAGES=(libqt6svg6 qt6-image-formats-plugins hdf5-tools bitshuffle hdf5-filter-plugin
  hdf5-filter-plugin-blosc-serial hdf5-filter-plugin-zfp-serial xvfb xauth)
# Test: desktop integration checks; lintian for the Debian package (dpkg-shlibdeps
# comes with build-essential's dpkg-dev); NumPy, which tst_exporterplugins uses to
# load the .npy files the NumPy exporter writes (it skips that check without it).
HS_TEST_PACKAGES=(desktop-file-utils xdg-utils shared-mime-info libfile-mimeinfo-perl appstream libglib2.0-bin
  lintian python3-numpy)

hs_log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

hs_missing_packages() {
  local p missing=()
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  printf '%s\n' "${missing[@]}"
}

hs_ensure_packages() {
  command -v dpkg-query >/dev/null || { hs_log "not a Debian system: install ${*} yourself"; return 0; }
  local missing
  mapfile -t missing < <(hs_missing_packages "$@" | sed '/^$/d')
  [ "${#missing[@]}" -eq 0 ] && return 0
  hs_log "installing: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# hs_build [extra cmake args...]
hs_build() {
  local jobs
  jobs="$(nproc 2>/dev/null || echo 2)"
  if [ ! -f "$HS_BUILD/build.ninja" ]; then
    hs_log "configuring in $HS_BUILD"
    cmake -S "$HS_ROOT" -B "$HS_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
  fi
  hs_log "building"
  cmake --build "$HS_BUILD" --parallel "$jobs"
}
