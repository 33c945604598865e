#!/bin/bash
# The Debian package (run by ctest: packaging_deb).
#
#   test_deb_package.sh BUILD_DIR PACKAGING_HELPER
#
# Makes the .deb from the build with cpack (what `cmake --build BUILD --target
# package` does after building), then checks:
#   1. its control fields: Package, Version, Architecture, Section, Priority,
#      Maintainer, Description, Recommends (the HDF5 filter plugins);
#   2. Depends: every library the binary and the core library link (NEEDED)
#      comes from a package that Depends names, as dpkg-shlibdeps derived it;
#   3. its file list;
#   4. lintian: no errors (warnings and infos are printed);
#   5. unpacked into a scratch root (dpkg -x): the binary finds the private
#      core library of the package (RUNPATH), not the build tree's, and runs;
#   6. with the caches refreshed as dpkg's triggers do: xdg-mime names the
#      package's launcher for application/x-hdf5, and `gio open` / `xdg-open`
#      on an HDF5 file run the package's hyperslab with it (it hands the file
#      to a running instance of the same package, which opens it).
# Needs (Debian): dpkg-dev (dpkg-shlibdeps), file, lintian, xdg-utils,
# desktop-file-utils, shared-mime-info, libglib2.0-bin, libfile-mimeinfo-perl.
# Missing tools skip the test (exit 77), except when CI is set: then it fails.
# Nothing is installed on the system; everything goes to one temporary directory.

set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 BUILD_DIR PACKAGING_HELPER" >&2
    exit 2
fi
BUILD=$1
HELPER=$2
APP_ID=app.hyperslab.Hyperslab

missing=()
need() { command -v "$1" > /dev/null 2>&1 || missing+=("$1 (Debian package $2)"); }
need cpack cmake
need dpkg-deb dpkg
need dpkg-shlibdeps dpkg-dev
need file file # CPack's DEB generator runs it to pick the files for dpkg-shlibdeps
need lintian lintian
need xdg-mime xdg-utils
need xdg-open xdg-utils
need mimetype libfile-mimeinfo-perl
need update-desktop-database desktop-file-utils
need update-mime-database shared-mime-info
need gio libglib2.0-bin
if [ ${#missing[@]} -gt 0 ]; then
    printf 'missing: %s\n' "${missing[@]}"
    if [ -n "${CI:-}" ]; then
        echo "CI is set, so this is a failure: install the packages above"
        exit 1
    fi
    echo "SKIPPED: required tools are missing"
    exit 77
fi

work=$(mktemp -d /tmp/hs-deb.XXXXXX) || exit 1
primary_pid=
cleanup() {
    [ -n "$primary_pid" ] && kill "$primary_pid" 2> /dev/null && wait "$primary_pid" 2> /dev/null
    rm -rf "$work"
}
trap cleanup EXIT

npass=0
nfail=0
pass() { npass=$((npass + 1)); echo "  ok    $*"; }
fail() { nfail=$((nfail + 1)); echo "  FAIL  $*"; }
check() { # check DESCRIPTION COMMAND...
    local what=$1
    shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}
section() { echo; echo "== $*"; }

# --- 0. the package ------------------------------------------------------------
section "cpack -G DEB"
seconds_since() { # seconds_since START_NS: elapsed, to a tenth
    local ms=$((($(date +%s%N) - $1) / 1000000))
    printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100))
}
start=$(date +%s%N)
if (cd "$BUILD" && cpack -G DEB -B "$work/out" > "$work/cpack.log" 2>&1); then
    pass "cpack -G DEB ($(seconds_since "$start") s)"
else
    fail "cpack -G DEB"
    sed 's/^/        /' "$work/cpack.log"
    exit 1
fi
deb=$(ls "$work"/out/hyperslab_*.deb 2> /dev/null | head -n 1)
check "package file hyperslab_<version>_<arch>.deb: ${deb##*/}" test -f "$deb"
[ -f "$deb" ] || exit 1
field() { dpkg-deb -f "$deb" "$1"; }

# --- 1. control fields -----------------------------------------------------------
section "control fields"
arch=$(dpkg --print-architecture)
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:[A-Z]*=//p' "$BUILD/CMakeCache.txt")
check "Package: $(field Package)" test "$(field Package)" = hyperslab
check "Version: $(field Version) (the project's)" test "$(field Version)" = "$version"
check "Architecture: $(field Architecture)" test "$(field Architecture)" = "$arch"
check "Section: $(field Section)" test "$(field Section)" = science
check "Priority: $(field Priority)" test "$(field Priority)" = optional
check "Maintainer: $(field Maintainer)" grep -qE '^[^<]+ <[^@ ]+@[^> ]+>$' <<< "$(field Maintainer)"
description=$(field Description)
check "Description: a synopsis and an extended description" \
    test "$(wc -l <<< "$description")" -ge 3
recommends=$(field Recommends)
for p in bitshuffle hdf5-filter-plugin hdf5-filter-plugin-blosc-serial hdf5-filter-plugin-zfp-serial; do
    check "Recommends $p" grep -qE "(^|, )$p(,|$| )" <<< "$recommends"
done
check "no maintainer scripts (the desktop caches are dpkg triggers of their own packages)" \
    bash -c "! dpkg-deb -I '$deb' | grep -qE ' (postinst|postrm|preinst|prerm)'"

# --- 3. file list ----------------------------------------------------------------------
section "file list"
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's#^\./#/#' > "$work/filelist"
sed 's/^/        /' "$work/filelist"
has() { grep -qxE "$1" "$work/filelist"; }
for f in /usr/bin/hyperslab \
    "/usr/lib/([^/]+/)?hyperslab/libhyperslab_core\.so\.0" \
    "/usr/share/applications/$APP_ID\.desktop" \
    "/usr/share/mime/packages/$APP_ID\.xml" \
    "/usr/share/metainfo/$APP_ID\.metainfo\.xml" \
    "/usr/share/icons/hicolor/scalable/apps/$APP_ID\.svg" \
    /usr/share/man/man1/hyperslab\.1\.gz \
    /usr/share/doc/hyperslab/copyright \
    /usr/share/doc/hyperslab/changelog\.gz; do
    check "contains $f" has "$f"
done
for plugin in npyexporter jsonexporter imageviewer textviewer nexusviewer; do
    check "contains the $plugin plugin" has "/usr/lib/([^/]+/)?hyperslab/plugins/hyperslab_$plugin\.so"
done
# Plugins are modules loaded by file name (QPluginLoader): their ".so" is not a development link.
check "no development files (headers, libhyperslab_core.so, CMake files)" \
    bash -c "! grep -vE '/hyperslab/plugins/[^/]+\\.so$' '$work/filelist' | grep -qE '/include/|\\.so$|/cmake/|\\.a$'"
check "no caches (mime.cache, mimeinfo.cache, icon-theme.cache): dpkg's triggers write them" \
    bash -c "! grep -qE 'mime\\.cache|mimeinfo\\.cache|icon-theme\\.cache|/mime/application/' '$work/filelist'"
check "everything below /usr" bash -c "! grep -qvE '^/usr(/|$)|^/$' '$work/filelist'"

# --- 5. scratch root -----------------------------------------------------------------
section "unpacked into a scratch root (dpkg -x)"
root=$work/root
dpkg -x "$deb" "$root"
bin=$root/usr/bin/hyperslab
runpath=$(readelf -d "$bin" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]/\1/p')
check "RUNPATH $runpath is relative to the binary (\$ORIGIN), not the build tree" \
    grep -qE '^\$ORIGIN/\.\./lib/([^/]+/)?hyperslab$' <<< "$runpath"
core_at=$(ldd "$bin" | sed -n 's/.*libhyperslab_core\.so\.0 => \([^ ]*\).*/\1/p')
check "the binary loads the package's core library: ${core_at#"$work"/}" \
    test "$(realpath "$core_at" 2> /dev/null)" = "$(realpath "$root"/usr/lib/*/hyperslab/libhyperslab_core.so.0 "$root"/usr/lib/hyperslab/libhyperslab_core.so.0 2> /dev/null | head -n 1)"
check "no library is missing (ldd)" bash -c "! ldd '$bin' | grep -q 'not found'"
check "hyperslab --version: $("$bin" --version 2>&1)" test "$("$bin" --version 2>&1)" = "Hyperslab $version"
plugins=$(HYPERSLAB_PLUGIN_PATH= "$bin" plugins 2>&1)
sed 's/^/        /' <<< "$plugins"
check "hyperslab plugins: the package's plugins load from its plugin folder" \
    grep -qE "loaded from $root/usr/lib/([^/]+/)?hyperslab/plugins/hyperslab_npyexporter\.so" <<< "$plugins"
check "hyperslab plugins: none failed" bash -c "! grep -q FAILED <<< \"\$1\"" _ "$plugins"

# --- 2. Depends --------------------------------------------------------------------
section "Depends: $(field Depends)"
depends=$(field Depends)
depends_names=$(tr ',' '\n' <<< "$depends" | sed 's/(.*//; s/|.*//; s/ //g' | sed '/^$/d')
core_lib=$(ls "$root"/usr/lib/*/hyperslab/libhyperslab_core.so.0 "$root"/usr/lib/hyperslab/libhyperslab_core.so.0 2> /dev/null | head -n 1)
# The plugins too: dpkg-shlibdeps must have seen them (the NeXus viewer links QCustomPlot).
for elf in "$bin" "$core_lib" "$root"/usr/lib/*/hyperslab/plugins/*.so; do
    for lib in $(readelf -d "$elf" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
        [ "$lib" = libhyperslab_core.so.0 ] && continue # in this package
        path=$(ldd "$elf" | sed -n "s#^[[:space:]]*$lib => \\([^ ]*\\).*#\\1#p" | head -n 1)
        # The dynamic loader is listed without "=>".
        [ -n "$path" ] || path=$(ldd "$elf" | grep -o "/[^ ]*/$lib" | head -n 1)
        real=$(realpath "$path" 2> /dev/null)
        owner=
        # dpkg knows a file by the path its package ships (/lib or /usr/lib: merged /usr).
        for candidate in "$real" "$path" "${real#/usr}" "/usr$real"; do
            [ -n "$path" ] || break
            owner=$(dpkg -S "$candidate" 2> /dev/null | head -n 1 | sed 's/:.*//')
            [ -n "$owner" ] && break
        done
        check "$(printf '%-28s %-24s Depends on %s' "${elf##*/}" "$lib" "${owner:-(no package)}")" \
            grep -qx "${owner:-none}" <<< "$depends_names"
    done
done
qcp_package=$(dpkg -S "$(realpath "$(ldd "$bin" | sed -n 's/.*libQCustomPlotQt6\.so[.0-9]* => \([^ ]*\).*/\1/p')")" 2> /dev/null | sed 's/:.*//' | head -n 1)
check "Depends on QCustomPlot (${qcp_package:-not found}: plots, the NeXus viewer)" \
    grep -qx "${qcp_package:-none}" <<< "$depends_names"
for p in qt6-qpa-plugins libqt6svg6 qt6-image-formats-plugins; do
    check "Depends on $p (loaded at run time: platform plugins, SVG icons, TIFF images)" grep -qx "$p" <<< "$depends_names"
done
check "versioned dependencies from the libraries' symbols files (libc6 (>= ...))" \
    grep -qE 'libc6 \(>= [0-9.]+\)' <<< "$depends"

# --- 4. lintian ------------------------------------------------------------------------
section "lintian"
start=$(date +%s%N)
lintian --no-cfg --display-info "$deb" > "$work/lintian.log" 2>&1
lintian_rc=$?
took=$(seconds_since "$start")
grep -E '^[EWIP]:' "$work/lintian.log" | sed 's/^/        /'
check "lintian: no errors ($took s; $(grep -c '^W:' "$work/lintian.log") warnings)" \
    bash -c "[ $lintian_rc -eq 0 ] && ! grep -q '^E:' '$work/lintian.log'"
[ $lintian_rc -eq 0 ] || sed 's/^/        /' "$work/lintian.log" | grep -vE '^ *N:' | head -n 40

# --- 6. desktop ----------------------------------------------------------------------
section "the installed package on a desktop (scratch XDG dirs)"
share=$root/usr/share
# What dpkg's triggers (shared-mime-info, desktop-file-utils) do after unpacking.
update-mime-database "$share/mime" > /dev/null 2>&1
update-desktop-database -q "$share/applications"
mkdir -p "$work/home" "$work/data-home" "$work/config-home" "$work/config-dirs" "$work/cache" "$work/runtime" "$work/files"
chmod 700 "$work/runtime"
# A clean desktop-less session with the package's bin and share first.
session_env=(PATH="$root/usr/bin:$PATH" HOME="$work/home" LC_ALL=C.UTF-8
    XDG_DATA_HOME="$work/data-home" XDG_DATA_DIRS="$share:/usr/share"
    XDG_CONFIG_HOME="$work/config-home" XDG_CONFIG_DIRS="$work/config-dirs"
    XDG_CACHE_HOME="$work/cache" XDG_RUNTIME_DIR="$work/runtime"
    XDG_CURRENT_DESKTOP=X-Generic GIO_USE_VFS=local GIO_USE_VOLUME_MONITOR=unix
    QT_QPA_PLATFORM=offscreen HYPERSLAB_INSTANCE_NAME="$work/instance"
    QT_LOGGING_RULES=hyperslab.instance.info=true)
session() { env -i "${session_env[@]}" "$@"; }
got=$(session xdg-mime query default application/x-hdf5 2> /dev/null)
check "xdg-mime query default application/x-hdf5: $got" test "$got" = "$APP_ID.desktop"
"$HELPER" write-h5 "$work/files/first.h5" 0 && "$HELPER" write-h5 "$work/files/double-clicked.h5" 0 \
    && "$HELPER" write-h5 "$work/files/xdg-opened.h5" 0 || fail "writing the test files"
got=$(session xdg-mime query filetype "$work/files/double-clicked.h5" 2> /dev/null)
check "xdg-mime query filetype double-clicked.h5: $got" test "$got" = application/x-hdf5

# The package's hyperslab runs (offscreen, private instance name); the program
# that gio and xdg-open start hands the file to it, and it says what it opened.
# Started as a plain command, not through the function: $! is then the
# program itself (env execs it), not a subshell whose kill would leave it running.
env -i "${session_env[@]}" "$bin" "$work/files/first.h5" > "$work/primary.log" 2>&1 &
primary_pid=$!
listening() { grep -q 'listening on' "$work/primary.log"; }
waitfor() { # waitfor SECONDS COMMAND...: until COMMAND succeeds
    local i n=$(($1 * 10))
    shift
    for i in $(seq 1 $n); do "$@" && return 0; sleep 0.1; done
    return 1
}
check "the package's hyperslab runs and listens" waitfor 20 listening
opened() { grep -qF "opening $1" "$work/primary.log"; }
session DISPLAY=:99 gio open "$work/files/double-clicked.h5" > "$work/gio.log" 2>&1
check "gio open double-clicked.h5: the running hyperslab opens it" waitfor 20 opened "$work/files/double-clicked.h5"
session DISPLAY=:99 xdg-open "$work/files/xdg-opened.h5" > "$work/xdg.log" 2>&1
check "xdg-open xdg-opened.h5: the running hyperslab opens it" waitfor 20 opened "$work/files/xdg-opened.h5"
check "the launcher's Exec=hyperslab is the package's binary in that session" \
    test "$(session sh -c 'command -v hyperslab')" = "$bin"
check "one window: the running one is still there" kill -0 "$primary_pid"
# Stopping it stops the package's hyperslab itself: nothing is left running
# after the test (its temporary directory is gone by then).
kill "$primary_pid" 2> /dev/null
wait "$primary_pid" 2> /dev/null
primary_pid=
none_running() { ! pgrep -f -- "^$bin " > /dev/null; }
check "stopped: no hyperslab of this package is left running" waitfor 10 none_running
if [ $nfail -gt 0 ]; then
    for f in primary gio xdg; do echo "    --- $f.log"; sed 's/^/        /' "$work/$f.log"; done
fi

echo
echo "Debian package: $npass checks ok, $nfail checks failed"
[ $nfail -eq 0 ]
