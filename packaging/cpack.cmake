# The Debian package: cmake --build build --target package (or cpack in the
# build directory) writes hyperslab_<version>_<arch>.deb into the build directory.
# Included from the top-level CMakeLists.txt after every install() rule.
#
# Depends comes from dpkg-shlibdeps on the installed binary and core library,
# plus what the binary loads at run time without linking it (Qt's platform
# plugins, the SVG icon engine). The HDF5 filter plugins are recommended:
# compressed datasets that need one say so in the Storage panel.

set(HYPERSLAB_PACKAGE_MAINTAINER "Hyperslab maintainers <maintainers@users.noreply.r-seed-0e6453e0.example>"
    CACHE STRING "Maintainer field of the Debian package")

# Files only a Debian package carries: the changelog and copyright under
# /usr/share/doc/hyperslab, and the manual page. Compressed with gzip -9n
# (no name, no time stamp) as Debian policy asks, so the package is reproducible.
find_program(HYPERSLAB_GZIP gzip)
if(HYPERSLAB_GZIP)
  set(_hs_pkgdir ${CMAKE_CURRENT_BINARY_DIR}/packaging)
  string(TIMESTAMP HYPERSLAB_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/debian/changelog.in ${_hs_pkgdir}/changelog @ONLY)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/hyperslab.1.in ${_hs_pkgdir}/hyperslab.1 @ONLY)
  add_custom_command(
    OUTPUT ${_hs_pkgdir}/changelog.gz ${_hs_pkgdir}/hyperslab.1.gz
    COMMAND ${HYPERSLAB_GZIP} -9nf -k ${_hs_pkgdir}/changelog ${_hs_pkgdir}/hyperslab.1
    DEPENDS ${_hs_pkgdir}/changelog ${_hs_pkgdir}/hyperslab.1
    COMMENT "Compressing the changelog and the manual page")
  add_custom_target(hyperslab_package_docs ALL
    DEPENDS ${_hs_pkgdir}/changelog.gz ${_hs_pkgdir}/hyperslab.1.gz)
  install(FILES ${_hs_pkgdir}/hyperslab.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${_hs_pkgdir}/changelog.gz ${CMAKE_CURRENT_LIST_DIR}/debian/copyright
          DESTINATION ${CMAKE_INSTALL_DOCDIR})
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME hyperslab)
set(CPACK_PACKAGE_VENDOR "The Hyperslab developers")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${HYPERSLAB_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "fast desktop browser for HDF5 files")
# The extended description: CPack indents it and writes " ." for empty lines.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Hyperslab shows the groups, datasets, named datatypes, links and
attributes of HDF5 files, also netCDF-4, NeXus, HDF-EOS5 and MATLAB 7.3
files. The object tree is read lazily in the background, so files with
millions of objects open at once; datasets of any size scroll in a grid
that reads only the values on screen.

Inspector panels show attributes, links and references, and the storage
of a dataset: chunks, filters and compression. Selections export to CSV,
also from the command line (hyperslab info, hyperslab export).")

# Stage with DESTDIR and the prefix /usr, so that the install step recognises
# a staged install and leaves the desktop caches to dpkg's triggers.
set(CPACK_SET_DESTDIR ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # hyperslab_<version>_<arch>.deb

set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# dpkg-shlibdeps finds the private core library here (it has no shlibs file:
# the package itself provides it).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS "${CMAKE_BINARY_DIR}/core")
# Loaded at run time, not linked: the X11/Wayland platform plugins, the
# SVG image and icon plugins (every icon of the app is an SVG) and Qt's TIFF
# reader (the image bytes viewer shows TIFF files stored in datasets).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6, qt6-image-formats-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "bitshuffle, hdf5-filter-plugin, hdf5-filter-plugin-blosc-serial, hdf5-filter-plugin-zfp-serial")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "hdf5-tools, qt6-wayland")
# The desktop caches (applications, mime, icons) are refreshed by the triggers
# of desktop-file-utils, shared-mime-info and the icon cache: no maintainer scripts.

include(CPack)
