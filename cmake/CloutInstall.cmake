# Installation and packaging of clout; included at the end of the top-level
# CMakeLists.txt.
#
# `cmake --install <build> --prefix P` installs two components:
#   sdk     the plugin SDK, all a plugin author needs and nothing more:
#             P/include/clout/plugin.h, P/include/clout/plugin.hpp
#             P/lib/cmake/CloutPlugin/   the CMake package CloutPlugin
#                                        (target clout::plugin_headers and
#                                        function clout_add_plugin())
#             P/share/doc/clout/plugins.md
#   server  P/bin/cloutd, P/bin/clout, and the built-in plugins in
#           P/lib/clout/plugins (run cloutd --plugins=P/lib/clout/plugins);
#           "lib" is lib/<multiarch> when P is /usr.
# `cmake --install <build> --prefix P --component sdk` installs the SDK
# alone (tests/plugins/plugin_sdk_test.cc does that). `cpack` in the build
# folder makes clout-<version>-Linux.tar.gz with both components.

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# The SDK's package version is the plugin ABI version, read from plugin.h so
# the two cannot disagree.
file(STRINGS "${PROJECT_SOURCE_DIR}/plugins/include/clout/plugin.h"
     clout_abi_lines REGEX "^#define CLOUT_PLUGIN_ABI_(MAJOR|MINOR) +[0-9]+")
foreach(line IN LISTS clout_abi_lines)
  if(line MATCHES "ABI_(MAJOR|MINOR) +([0-9]+)")
    set(CLOUT_PLUGIN_ABI_${CMAKE_MATCH_1} ${CMAKE_MATCH_2})
  endif()
endforeach()
if(NOT DEFINED CLOUT_PLUGIN_ABI_MAJOR OR NOT DEFINED CLOUT_PLUGIN_ABI_MINOR)
  message(FATAL_ERROR "cannot read CLOUT_PLUGIN_ABI_MAJOR/MINOR from plugin.h")
endif()
set(CLOUT_PLUGIN_ABI_VERSION
    "${CLOUT_PLUGIN_ABI_MAJOR}.${CLOUT_PLUGIN_ABI_MINOR}")

# Fixed rather than CMAKE_INSTALL_LIBDIR: the package is header-only, and
# find_package searches <prefix>/lib/cmake/<name> everywhere.
set(CLOUT_INSTALL_CMAKEDIR "lib/cmake/CloutPlugin")
set(CLOUT_INSTALL_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
set(CLOUT_INSTALL_PLUGINDIR "${CMAKE_INSTALL_LIBDIR}/clout/plugins")

# --- Component sdk --------------------------------------------------------
set_target_properties(clout_plugin_headers PROPERTIES
  EXPORT_NAME plugin_headers)
install(TARGETS clout_plugin_headers EXPORT CloutPluginTargets COMPONENT sdk)
install(FILES
    "${PROJECT_SOURCE_DIR}/plugins/include/clout/plugin.h"
    "${PROJECT_SOURCE_DIR}/plugins/include/clout/plugin.hpp"
  DESTINATION "${CLOUT_INSTALL_INCLUDEDIR}/clout"
  COMPONENT sdk)
install(EXPORT CloutPluginTargets
  NAMESPACE clout::
  DESTINATION "${CLOUT_INSTALL_CMAKEDIR}"
  COMPONENT sdk)
configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/CloutPluginConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/sdk/CloutPluginConfig.cmake"
  INSTALL_DESTINATION "${CLOUT_INSTALL_CMAKEDIR}"
  PATH_VARS CLOUT_INSTALL_INCLUDEDIR)
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/sdk/CloutPluginConfigVersion.cmake"
  VERSION "${CLOUT_PLUGIN_ABI_VERSION}"
  COMPATIBILITY SameMajorVersion
  ARCH_INDEPENDENT)
install(FILES
    "${PROJECT_BINARY_DIR}/sdk/CloutPluginConfig.cmake"
    "${PROJECT_BINARY_DIR}/sdk/CloutPluginConfigVersion.cmake"
    "${PROJECT_SOURCE_DIR}/cmake/CloutPlugin.cmake"
  DESTINATION "${CLOUT_INSTALL_CMAKEDIR}"
  COMPONENT sdk)
install(FILES "${PROJECT_SOURCE_DIR}/docs/plugins.md"
  DESTINATION "${CMAKE_INSTALL_DOCDIR}"
  COMPONENT sdk)

# --- Component server -----------------------------------------------------
install(TARGETS cloutd clout
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
  COMPONENT server)
# The built-in plugins: the clout_add_plugin() targets written to
# CLOUT_PLUGIN_OUTPUT_DIR (test fixtures and examples live elsewhere).
get_property(clout_plugin_targets GLOBAL PROPERTY CLOUT_PLUGIN_TARGETS)
set(clout_builtin_plugins)
foreach(t IN LISTS clout_plugin_targets)
  get_target_property(out ${t} LIBRARY_OUTPUT_DIRECTORY)
  if(out)
    string(REPLACE "$<0:>" "" out "${out}")
    get_filename_component(out "${out}" ABSOLUTE)
    if(out STREQUAL CLOUT_PLUGIN_OUTPUT_DIR)
      list(APPEND clout_builtin_plugins ${t})
    endif()
  endif()
endforeach()
if(clout_builtin_plugins)
  install(TARGETS ${clout_builtin_plugins}
    LIBRARY DESTINATION "${CLOUT_INSTALL_PLUGINDIR}"
    COMPONENT server)
endif()

# --- Packaging ------------------------------------------------------------
set(CPACK_PACKAGE_NAME clout)
set(CPACK_PACKAGE_VENDOR "clout")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "clout: creator analytics server, CLI and plugin SDK")
set(CPACK_GENERATOR TGZ)
include(CPack)
