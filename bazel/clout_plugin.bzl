"""clout_plugin: builds a clout metric plugin with Bazel.

The Bazel twin of clout_add_plugin() (cmake/CloutPlugin.cmake): a shared
library <name>.so (no "lib" prefix) that exports only the entry symbol
clout_plugin_entry_v1, built as the ABI expects (docs/plugins.md):
  - C++17 (the .bazelrc passes --cxxopt=-std=c++17), position-independent
    code, hidden visibility by default (-fvisibility=hidden,
    -fvisibility-inlines-hidden);
  - a linker version script keeping only clout_plugin_entry_v1 global
    (hidden visibility alone still exports template instantiations);
  - -Wl,--no-undefined, so a missing symbol fails the link, not the load;
  - libstdc++ and libgcc linked statically, so the plugin does not depend on
    the host's C++ runtime.

    load("@clout//bazel:clout_plugin.bzl", "clout_plugin")

    clout_plugin(
        name = "posting_frequency",          # makes posting_frequency.so
        srcs = ["posting_frequency.cc"],
    )

Targets: `<name>.so` (the cc_binary), `<name>` (a filegroup of the .so, so
`bazel build //pkg:<name>` works) and `<name>_exports_map` (the version
script). The plugin headers (clout/plugin.h, clout/plugin.hpp) come from
`headers`: by default clout's own //plugins/include:clout_plugin_headers,
resolved in the repository this file is loaded from (the main workspace, or
@clout when an outside workspace declares clout as a repository). A
workspace that copies this file and the two headers instead passes its own
cc_library of the headers.

This file uses nothing else from clout: copy it as it is.
"""

_EXPORTS_MAP = "{\\n  global: clout_plugin_entry_v1;\\n  local: *;\\n};\\n"

def clout_plugin(
        name,
        srcs,
        deps = [],
        copts = [],
        linkopts = [],
        headers = None,
        visibility = None,
        testonly = False,
        tags = [],
        **kwargs):
    """Builds the plugin <name>.so.

    Args:
      name: the plugin's name; the file is <name>.so.
      srcs: its sources and private headers.
      deps: more cc_library targets (header-only or static: the plugin must
        not need other shared libraries of clout).
      copts: more compiler options.
      linkopts: more linker options.
      headers: the cc_library of clout/plugin.h and clout/plugin.hpp; by
        default clout's own.
      visibility: of the targets.
      testonly: of the targets.
      tags: of the targets.
      **kwargs: more attributes of the cc_binary (local_defines, data, ...).
    """
    map_file = name + ".exports.lds"
    native.genrule(
        name = name + "_exports_map",
        outs = [map_file],
        cmd = "printf '%s' > $@" % _EXPORTS_MAP,
        visibility = visibility,
        testonly = testonly,
        tags = tags,
    )
    if headers == None:
        headers = Label("//plugins/include:clout_plugin_headers")
    native.cc_binary(
        name = name + ".so",
        srcs = srcs,
        deps = deps + [headers, ":" + map_file],
        copts = [
            "-fPIC",
            "-fvisibility=hidden",
            "-fvisibility-inlines-hidden",
        ] + copts,
        linkopts = [
            "-Wl,--version-script=$(location :%s)" % map_file,
            "-Wl,--no-undefined",
            "-static-libgcc",
            "-static-libstdc++",
            # Bazel's auto-configured toolchain drives the link with gcc and
            # appends -lstdc++ after these options (under -no-as-needed), so
            # -static-libstdc++ alone does not apply: link the static
            # archive, then let the linker drop the shared one it no longer
            # needs.
            "-l:libstdc++.a",
            "-Wl,--as-needed",
        ] + linkopts,
        linkshared = True,
        visibility = visibility,
        testonly = testonly,
        tags = tags,
        **kwargs
    )
    native.filegroup(
        name = name,
        srcs = [":" + name + ".so"],
        visibility = visibility,
        testonly = testonly,
        tags = tags,
    )
