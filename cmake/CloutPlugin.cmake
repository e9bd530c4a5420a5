# clout_add_plugin(<target> SOURCES <files...> [OUTPUT_NAME <name>])
#
# Builds a clout metric plugin: a shared library that exports only the entry
# symbol clout_plugin_entry_v1. It applies what the ABI expects:
#   - C++17, position-independent code, hidden visibility by default;
#   - a linker version script keeping only clout_plugin_entry_v1 global
#     (hidden visibility alone still exports template instantiations);
#   - -Wl,--no-undefined, so a missing symbol fails the link, not the load;
#   - -static-libstdc++ -static-libgcc, so the plugin does not depend on the
#     host's C++ runtime version.
# The target links the clout plugin headers (target clout::plugin_headers, or
# the in-tree clout_plugin_headers).
function(clout_add_plugin target)
  cmake_parse_arguments(ARG "" "OUTPUT_NAME" "SOURCES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "clout_add_plugin(${target}): SOURCES is required")
  endif()
  add_library(${target} MODULE ${ARG_SOURCES})
  if(TARGET clout::plugin_headers)
    target_link_libraries(${target} PRIVATE clout::plugin_headers)
  else()
    target_link_libraries(${target} PRIVATE clout_plugin_headers)
  endif()
  set(map "${CMAKE_CURRENT_BINARY_DIR}/${target}.exports.map")
  file(WRITE "${map}" "{\n  global: clout_plugin_entry_v1;\n  local: *;\n};\n")
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
  target_link_options(${target} PRIVATE
    "LINKER:--version-script=${map}"
    "LINKER:--no-undefined"
    -static-libstdc++ -static-libgcc)
endfunction()
