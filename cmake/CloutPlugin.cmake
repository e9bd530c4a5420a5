# clout_add_plugin(<target> SOURCES <files...>
#                  [OUTPUT_NAME <name>] [OUTPUT_DIRECTORY <dir>])
#
# Builds a clout metric plugin: a shared library (a CMake MODULE, file name
# <target>.so or <OUTPUT_NAME>.so, no "lib" prefix) that exports only the
# entry symbol clout_plugin_entry_v1. It applies what the ABI expects:
#   - C++17, position-independent code, hidden visibility by default;
#   - a linker version script keeping only clout_plugin_entry_v1 global
#     (hidden visibility alone still exports template instantiations);
#   - -Wl,--no-undefined, so a missing symbol fails the link, not the load;
#   - -static-libstdc++ -static-libgcc, so the plugin does not depend on the
#     host's C++ runtime version.
# The target links the clout plugin headers (target clout::plugin_headers
# from find_package(CloutPlugin), or the in-tree clout_plugin_headers).
#
# OUTPUT_DIRECTORY sets where the .so is written (LIBRARY_OUTPUT_DIRECTORY,
# without a per-configuration subfolder); by default CMake's usual place.
# Every target made here is appended to the global property
# CLOUT_PLUGIN_TARGETS, so a project can install or check all its plugins.
#
# This file is used both in the clout source tree and, installed, by the
# CloutPlugin CMake package (docs/plugins.md): keep it free of anything that
# exists only in the source tree.
if(APPLE OR WIN32)
  message(FATAL_ERROR "clout plugins are ELF shared objects loaded by cloutd "
                      "on Linux; this platform is not supported")
endif()

function(clout_add_plugin target)
  cmake_parse_arguments(ARG "" "OUTPUT_NAME;OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "clout_add_plugin(${target}): SOURCES is required")
  endif()
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR
      "clout_add_plugin(${target}): unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  add_library(${target} MODULE ${ARG_SOURCES})
  if(TARGET clout::plugin_headers)
    target_link_libraries(${target} PRIVATE clout::plugin_headers)
  else()
    target_link_libraries(${target} PRIVATE clout_plugin_headers)
  endif()
  # Written only when its content changes, so that re-configuring does not
  # relink every plugin (the map is a LINK_DEPENDS of the target).
  set(map "${CMAKE_CURRENT_BINARY_DIR}/${target}.exports.map")
  set(map_text "{\n  global: clout_plugin_entry_v1;\n  local: *;\n};\n")
  set(old_text "")
  if(EXISTS "${map}")
    file(READ "${map}" old_text)
  endif()
  if(NOT old_text STREQUAL map_text)
    file(WRITE "${map}" "${map_text}")
  endif()
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    CXX_STANDARD 17
    CXX_STANDARD_REQUIRED ON
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    POSITION_INDEPENDENT_CODE ON
    LINK_DEPENDS "${map}")
  if(ARG_OUTPUT_NAME)
    set_target_properties(${target} PROPERTIES OUTPUT_NAME ${ARG_OUTPUT_NAME})
  endif()
  if(ARG_OUTPUT_DIRECTORY)
    # The generator expression keeps multi-configuration generators from
    # appending a per-configuration subfolder.
    set_target_properties(${target} PROPERTIES
      LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}$<0:>")
  endif()
  target_link_options(${target} PRIVATE
    "LINKER:--version-script=${map}"
    "LINKER:--no-undefined"
    -static-libstdc++ -static-libgcc)
  set_property(GLOBAL APPEND PROPERTY CLOUT_PLUGIN_TARGETS ${target})
endfunction()
