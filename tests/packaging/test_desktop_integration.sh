#!/bin/bash
# Desktop integration test for packaging/ (run by ctest: packaging_desktop_integration).
#
#   test_desktop_integration.sh CMAKE BUILD_DIR PACKAGING_HELPER SOURCE_DIR
#
# Installs the build into a temporary prefix, then checks what a desktop would
# do with it:
#   1. the installed files, and the caches the install step refreshes;
#   2. the launcher: desktop-file-validate, Exec, Icon, MimeType, and that its
#      name is the id the app passes to setDesktopFileName();
#   3. the AppStream metainfo: appstreamcli validate;
#   4. file types, with the prefix in front of /usr/share in XDG_DATA_DIRS (an
#      install to /usr/local or ~/.local), as seen by
#        xdg-mime query filetype  (no desktop environment: xdg-mime runs
#                                  `mimetype`, Perl File::MimeInfo, on the
#                                  shared-mime-info database),
#        Qt's QMimeDatabase       (Qt programs, KDE),
#        gio info                 (GLib programs: GNOME, Xfce, ...);
#      on real HDF5 files (written with the HDF5 library) with and without a
#      user block, named with and without an HDF5 extension, and on files that
#      only share an extension with HDF5 (netCDF-3, MATLAB 5, HDF4);
#   5. a control run without the prefix: the same HDF5 files are then not
#      application/x-hdf5, so that type comes from our package, and xdg-mime
#      is seen to run `mimetype` (not `file`, whose libmagic rules would not
#      read our package);
#   6. the association: xdg-mime query default, gio mime, and xdg-open on a
#      user-block file without extension launching `hyperslab FILE`;
#   7. the same file types with our package merged into the system database
#      (an install to /usr, as a distribution package does);
#   8. a DESTDIR install: files staged, caches left alone.
#
# Needs (Debian): desktop-file-utils xdg-utils shared-mime-info
# libfile-mimeinfo-perl appstream libglib2.0-bin. If one is missing the test
# is skipped (exit 77), except when CI is set: then it fails.
# Everything it writes goes to one temporary directory, removed at exit.

set -u

if [ $# -ne 4 ]; then
    echo "usage: $0 CMAKE BUILD_DIR PACKAGING_HELPER SOURCE_DIR" >&2
    exit 2
fi
CMAKE=$1
BUILD=$2
HELPER=$3
SRC=$4
APP_ID=app.hyperslab.Hyperslab
SYSTEM_MIME_XML=/usr/share/mime/packages/freedesktop.org.xml

# --- tools ------------------------------------------------------------------
missing=()
need() { command -v "$1" > /dev/null 2>&1 || missing+=("$1 (Debian package $2)"); }
need desktop-file-validate desktop-file-utils
need update-desktop-database desktop-file-utils
need update-mime-database shared-mime-info
need xdg-mime xdg-utils
need xdg-open xdg-utils
need mimetype libfile-mimeinfo-perl
need appstreamcli appstream
need gio libglib2.0-bin
[ -f "$SYSTEM_MIME_XML" ] || missing+=("$SYSTEM_MIME_XML (Debian package shared-mime-info)")
if command -v mimetype > /dev/null 2>&1 && ! mimetype --version > /dev/null 2>&1; then
    # xdg-mime would silently fall back to `file` (libmagic).
    missing+=("a working 'mimetype --version' (Debian package libfile-mimeinfo-perl)")
fi
if [ ${#missing[@]} -gt 0 ]; then
    printf 'missing: %s\n' "${missing[@]}"
    if [ -n "${CI:-}" ]; then
        echo "CI is set, so this is a failure: install the packages above"
        exit 1
    fi
    echo "SKIPPED: required tools are missing"
    exit 77
fi

# --- bookkeeping --------------------------------------------------------------
work=$(mktemp -d /tmp/hs-packaging.XXXXXX) || exit 1
trap 'rm -rf "$work"' EXIT

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
quiet() { # run COMMAND..., show its output only if it fails
    "$@" > "$work/quiet.log" 2>&1 && return 0
    sed 's/^/        /' "$work/quiet.log"
    return 1
}
update_mime() { # update-mime-database DIR; it exits 0 even on errors in a package
    quiet update-mime-database "$1" || return 1
    if grep -qiE 'error|warning|unknown' "$work/quiet.log"; then
        sed 's/^/        /' "$work/quiet.log"
        return 1
    fi
}

cache_value() { # the value of a CMakeCache.txt entry, or $2
    local v
    v=$(sed -n "s/^$1:[A-Z]*=//p" "$BUILD/CMakeCache.txt" 2> /dev/null | head -n 1)
    echo "${v:-$2}"
}
DATADIR=$(cache_value CMAKE_INSTALL_DATADIR share)
BINDIR=$(cache_value CMAKE_INSTALL_BINDIR bin)
case "$DATADIR$BINDIR" in
    /*) echo "CMAKE_INSTALL_DATADIR/BINDIR are absolute; this test needs relative ones"; exit 1 ;;
esac

# A clean desktop-less session: only what is set here, no display, no
# session bus, XDG_CURRENT_DESKTOP=X-Generic (xdg-utils' "generic" mode), and
# the prefix's bin/ in PATH, as after a real install (GIO ignores a launcher
# whose Exec program is not in PATH).
mkdir -p "$work/home" "$work/data-home" "$work/config-home" "$work/config-dirs" \
    "$work/cache" "$work/runtime"
chmod 700 "$work/runtime"
prefix=$work/prefix
share=$prefix/$DATADIR
session() { # session XDG_DATA_DIRS COMMAND...  (VAR=value words may precede COMMAND)
    local dirs=$1
    shift
    env -i PATH="$prefix/$BINDIR:$PATH" HOME="$work/home" LC_ALL=C.UTF-8 \
        XDG_DATA_HOME="$work/data-home" XDG_DATA_DIRS="$dirs" \
        XDG_CONFIG_HOME="$work/config-home" XDG_CONFIG_DIRS="$work/config-dirs" \
        XDG_CACHE_HOME="$work/cache" XDG_RUNTIME_DIR="$work/runtime" \
        XDG_CURRENT_DESKTOP=X-Generic GIO_USE_VFS=local GIO_USE_VOLUME_MONITOR=unix \
        "$@"
}

# --- 1. install ----------------------------------------------------------------
section "install into a temporary prefix"
if "$CMAKE" --install "$BUILD" --prefix "$prefix" > "$work/install.log" 2>&1; then
    pass "cmake --install $BUILD --prefix <tmp>/prefix"
else
    fail "cmake --install $BUILD --prefix <tmp>/prefix"
    sed 's/^/        /' "$work/install.log"
fi
desktop=$share/applications/$APP_ID.desktop
mimexml=$share/mime/packages/$APP_ID.xml
metainfo=$share/metainfo/$APP_ID.metainfo.xml
icon=$share/icons/hicolor/scalable/apps/$APP_ID.svg
for f in "$desktop" "$mimexml" "$metainfo" "$icon" "$prefix/$BINDIR/hyperslab"; do
    check "installed ${f#"$prefix"/}" test -f "$f"
done
# The install step itself refreshed the caches under the prefix.
check "install ran update-mime-database (mime/application/x-hdf5.xml)" \
    test -f "$share/mime/application/x-hdf5.xml"
check "install ran update-desktop-database (mimeinfo.cache lists $APP_ID)" \
    grep -q "^application/x-hdf5=.*$APP_ID.desktop" "$share/applications/mimeinfo.cache"
# As a packager's script or a user would, compile the database explicitly too.
check "update-mime-database <prefix>/share/mime: no errors" \
    update_mime "$share/mime"

# --- 2. launcher -------------------------------------------------------------------
section "launcher: ${desktop#"$prefix"/}"
validate_desktop() {
    local out rc
    out=$(desktop-file-validate "$desktop" 2>&1)
    rc=$?
    [ -n "$out" ] && echo "$out" | sed 's/^/        /'
    [ $rc -eq 0 ] && ! echo "$out" | grep -qiE 'error|warning'
}
check "desktop-file-validate: no errors, no warnings" validate_desktop
key() { sed -n "s/^$1=//p" "$desktop" | head -n 1; }
exec_line=$(key Exec)
check "Exec=$exec_line runs the installed program with the files (%F)" \
    test "${exec_line%% *}" = hyperslab -a -x "$prefix/$BINDIR/hyperslab" -a "${exec_line#* }" = "%F"
# The launcher's "New Window" action (docks and menus offer it): a window of its
# own even while Hyperslab runs, which otherwise takes the files itself.
action_exec=$(sed -n '/^\[Desktop Action new-window\]/,/^\[/s/^Exec=//p' "$desktop")
check "action new-window: Exec=$action_exec" test "$action_exec" = "hyperslab --new-window"
icon_name=$(key Icon)
check "Icon=$icon_name is the installed hicolor icon" \
    test -f "$share/icons/hicolor/scalable/apps/$icon_name.svg"
check "the icon is an SVG document" grep -q '<svg' "$icon"
mime_types=$(key MimeType)
for t in application/x-hdf5 application/x-hdf; do
    check "MimeType lists $t" grep -q "\(^\|;\)$t;" <<< "$mime_types"
done
known_type() { [ -f "$share/mime/$1.xml" ] || [ -f "/usr/share/mime/$1.xml" ]; }
IFS=';' read -r -a types <<< "$mime_types"
for t in "${types[@]}"; do
    [ -n "$t" ] && check "MimeType $t is a type the database knows" known_type "$t"
done
if [ -f "$SRC/app/main.cpp" ]; then
    id_in_app=$(sed -n 's/.*setDesktopFileName(QStringLiteral("\([^"]*\)")).*/\1/p' "$SRC/app/main.cpp" | head -n 1)
    check "the file is named after setDesktopFileName(\"$id_in_app\") in app/main.cpp" \
        test "$id_in_app" = "$APP_ID"
fi

# --- 3. AppStream --------------------------------------------------------------------
section "metainfo: ${metainfo#"$prefix"/}"
validate_metainfo() {
    local out rc
    out=$(appstreamcli validate --no-net --strict "$metainfo" 2>&1)
    rc=$?
    echo "$out" | sed '/^ *$/d; s/^/        /'
    return $rc
}
check "appstreamcli validate --no-net --strict" validate_metainfo
check "metainfo launches $APP_ID.desktop" \
    grep -q "<launchable type=\"desktop-id\">$APP_ID.desktop</launchable>" "$metainfo"

# --- test files ------------------------------------------------------------------------
section "test files"
files=$work/files
mkdir -p "$files"
make_h5() { # make_h5 NAME USERBLOCK [HEADER]
    "$HELPER" write-h5 "$files/$1" "${@:2}" || { fail "writing $1"; return 1; }
}
matlab73_header='MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024 HDF5 schema 1.00 .'
make_h5 sample.h5 0
make_h5 granule.he5 0
make_h5 nexus.nxs 0
make_h5 netcdf4.nc 0
make_h5 hdf5-named.hdf 0
make_h5 plain 0                      # no extension: only the signature can tell
make_h5 userblock512.bin 512
make_h5 userblock1024 1024
make_h5 userblock2048.bin 2048
make_h5 userblock8192 8192           # past what libmagic (file) looks at
make_h5 userblock65536.bin 65536
make_h5 matlab73.mat 512 "$matlab73_header"
# Not HDF5:
{ printf 'CDF\001'; head -c 28 /dev/zero; } > "$files/classic.nc"             # empty netCDF-3 file
{ printf '%-116s' 'MATLAB 5.0 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024'
  printf '\000\000\000\000\000\000\000\000\000\001IM'; } > "$files/matlab5.mat"   # empty MAT v5
{ printf '\016\003\023\001'; head -c 200 /dev/zero; } > "$files/hdf4.hdf"
# The signature where HDF5 never looks for it (768 is not a power of two).
{ head -c 768 /dev/zero; head -c 4096 "$files/sample.h5"; } > "$files/signature-at-768.bin"
# Plain binary data: a byte ramp, repeated.
for _ in $(seq 1 64); do printf "$(printf '\\%03o' $(seq 0 255))"; done > "$files/noise.bin"
echo "  $(ls "$files" | wc -l) files in <tmp>/files"

# --- 4./7. file types ---------------------------------------------------------------
# expect FILE XDG QT GIO: the type each reader must give; "a,b" allows either,
# "application/" may be left out.
xdg_type() { session "$dirs" xdg-mime query filetype "$1" 2> /dev/null | sed 's/;.*//'; }
qt_type() { session "$dirs" "$HELPER" qt-mime "$1" 2> /dev/null; }
gio_type() { session "$dirs" gio info -a standard::content-type "$1" 2> /dev/null | sed -n 's/^ *standard::content-type: //p'; }
matches() { # matches GOT ALTERNATIVES
    local alt
    IFS=',' read -r -a alts <<< "$2"
    for alt in "${alts[@]}"; do
        [[ $alt == */* ]] || alt=application/$alt
        [ "$1" = "$alt" ] && return 0
    done
    return 1
}
expect() {
    local file=$1 reader got
    shift
    for reader in xdg qt gio; do
        got=$(${reader}_type "$files/$file")
        if matches "$got" "$1"; then
            pass "$(printf '%-4s %-20s %s' "$reader" "$file" "$got")"
        else
            fail "$(printf '%-4s %-20s %s, expected %s' "$reader" "$file" "${got:-(nothing)}" "$1")"
        fi
        shift
    done
}
# The readers see different amounts of a file: GIO the first 4096 bytes, Qt
# 16 KiB, File::MimeInfo (xdg-mime) all of it. A user block beyond that is
# only recognised by its file name.
expect_all() {
    #              file                  xdg-mime      Qt               GIO
    expect sample.h5             x-hdf5        x-hdf5           x-hdf5
    expect granule.he5           x-hdf5        x-hdf5           x-hdf5
    expect nexus.nxs             x-hdf5        x-hdf5           x-hdf5
    expect netcdf4.nc            x-hdf5        x-hdf5           x-hdf5
    expect hdf5-named.hdf        x-hdf5        "$qt_offset0"    x-hdf5
    expect plain                 x-hdf5        "$qt_offset0"    x-hdf5
    expect userblock512.bin      x-hdf5        x-hdf5           x-hdf5
    expect userblock1024         x-hdf5        x-hdf5           x-hdf5
    expect userblock2048.bin     x-hdf5        x-hdf5           x-hdf5
    expect userblock8192         x-hdf5        x-hdf5           octet-stream
    expect userblock65536.bin    x-hdf5        octet-stream     octet-stream
    expect matlab73.mat          x-hdf5        x-hdf5           x-hdf5
    expect classic.nc            x-netcdf      x-netcdf         x-netcdf
    expect matlab5.mat           x-matlab-data x-matlab-data    x-matlab-data
    expect hdf4.hdf              x-hdf         x-hdf            x-hdf
    expect signature-at-768.bin  octet-stream  octet-stream     octet-stream
    expect noise.bin             octet-stream  octet-stream     octet-stream
}

section "file types, package installed in its own prefix (XDG_DATA_DIRS=<prefix>/share:/usr/share)"
dirs=$share:/usr/share
# Qt 6.4 keeps the magic match of the last directory that has one, whatever
# its priority (later Qt versions compare the priorities), so a file with the
# signature at offset 0 and no HDF5-only extension gets freedesktop.org's
# application/x-hdf: the parent type, which the launcher lists too. A merged
# database (section 7) does not have this problem.
qt_offset0=x-hdf5,x-hdf
expect_all

# --- 5. control ---------------------------------------------------------------------
section "control: the same files without our package (XDG_DATA_DIRS=/usr/share)"
dirs=/usr/share
for f in userblock512.bin userblock8192 plain sample.h5 matlab73.mat; do
    got=$(xdg_type "$files/$f")
    if [ "$got" != application/x-hdf5 ]; then
        pass "$(printf '%-4s %-20s %s (not application/x-hdf5)' xdg "$f" "$got")"
    else
        fail "$(printf '%-4s %-20s %s without our package: the type does not come from it' xdg "$f" "$got")"
    fi
done
dirs=$share:/usr/share
debug=$(session "$dirs" XDG_UTILS_DEBUG_LEVEL=1 xdg-mime query filetype "$files/userblock8192" 2>&1 > /dev/null)
check "xdg-mime decides with 'mimetype' (File::MimeInfo), not 'file'" \
    grep -q '^Running mimetype' <<< "$debug"
echo "$debug" | sed 's/^/        /'

# --- 6. association ----------------------------------------------------------------------
section "association: which program opens the files"
for t in application/x-hdf5 application/x-hdf; do
    got=$(session "$dirs" xdg-mime query default "$t" 2> /dev/null)
    check "xdg-mime query default $t: $got" test "$got" = "$APP_ID.desktop"
done
for t in application/x-hdf5 application/x-hdf; do
    got=$(session "$dirs" gio mime "$t" 2> /dev/null | sed -n 's/^Default application for .*: //p')
    check "gio mime $t: default $got" test "$got" = "$APP_ID.desktop"
done
# A double-click: find the file's type, then the program for the type, then
# run the launcher's Exec line. xdg-open does that without a desktop
# environment, `gio open` as GLib-based file managers do. A stand-in
# `hyperslab`, first in PATH, records the arguments it is given. The files
# have no HDF5 extension: only the signature behind the user block tells.
mkdir -p "$work/stub-bin"
printf '#!/bin/sh\nprintf "%%s\\n" "$@" > "%s.tmp" && mv "%s.tmp" "%s"\n' \
    "$work/opened-with" "$work/opened-with" "$work/opened-with" > "$work/stub-bin/hyperslab"
chmod +x "$work/stub-bin/hyperslab"
opened_with() { # opened_with FILE: waits up to 10 s for the stand-in to record FILE
    local i
    for i in $(seq 1 100); do
        [ -f "$work/opened-with" ] && break
        sleep 0.1
    done
    [ "$(cat "$work/opened-with" 2> /dev/null)" = "$1" ]
}
double_click() { # double_click OPENER... FILE
    local file=${*: -1}
    rm -f "$work/opened-with"
    session "$dirs" PATH="$work/stub-bin:$prefix/$BINDIR:$PATH" DISPLAY=:99 "$@" > "$work/open.log" 2>&1
    check "${*:1:$#-1} <tmp>/files/${file##*/} runs: hyperslab <tmp>/files/${file##*/}" opened_with "$file"
    [ -f "$work/opened-with" ] || sed 's/^/        /' "$work/open.log"
}
double_click xdg-open "$files/userblock1024"
double_click gio open "$files/userblock2048.bin"

# --- 7. merged database -----------------------------------------------------------------
section "file types, package merged into the system database (an install to /usr)"
mkdir -p "$work/merged/mime/packages"
cp /usr/share/mime/packages/*.xml "$mimexml" "$work/merged/mime/packages/"
check "update-mime-database with freedesktop.org.xml and ours: no errors" \
    update_mime "$work/merged/mime"
dirs=$work/merged
qt_offset0=x-hdf5
expect_all

# --- 8. DESTDIR -------------------------------------------------------------------------
section "staged install (DESTDIR=<tmp>/stage, prefix /usr)"
stage=$work/stage
if DESTDIR=$stage "$CMAKE" --install "$BUILD" --prefix /usr > "$work/stage.log" 2>&1; then
    pass "DESTDIR=<tmp>/stage cmake --install $BUILD --prefix /usr"
else
    fail "DESTDIR=<tmp>/stage cmake --install $BUILD --prefix /usr"
    sed 's/^/        /' "$work/stage.log"
fi
for f in "applications/$APP_ID.desktop" "mime/packages/$APP_ID.xml" \
    "metainfo/$APP_ID.metainfo.xml" "icons/hicolor/scalable/apps/$APP_ID.svg"; do
    check "staged usr/$DATADIR/$f" test -f "$stage/usr/$DATADIR/$f"
done
check "no cache written into the stage (mime/mime.cache, applications/mimeinfo.cache)" \
    test ! -e "$stage/usr/$DATADIR/mime/mime.cache" -a ! -e "$stage/usr/$DATADIR/applications/mimeinfo.cache"

echo
echo "desktop integration: $npass checks ok, $nfail checks failed"
[ $nfail -eq 0 ]
