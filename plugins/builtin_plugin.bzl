"""builtin: how clout's built-in metric plugins and their tests are built.

The Bazel twins of clout_add_builtin_plugin() and
clout_add_builtin_plugin_test() (plugins/CMakeLists.txt), loaded as
`load("//plugins:builtin_plugin.bzl", "builtin")`:
  - builtin.plugin(name, srcs) makes the plugin <name>.so with
    clout_plugin() (//bazel:clout_plugin.bzl), linked with the helper
    library //plugins/common;
  - a plugin's test is a cc_test written out in its BUILD.bazel, so that
    tests/build_parity_test.sh reads its name, with copts
    builtin.test_copts(<plugin name>) and deps builtin.test_deps: it loads
    the plugin through the harness from CLOUT_PLUGIN_PATH (the plugin's .so
    must be in its data) and reads $CLOUT_REAL_DATA_DIR when set
    (bazel/ci.sh passes it).
For the built-in plugins only: an outside plugin uses clout_plugin() alone.
"""

load("//bazel:clout_plugin.bzl", "clout_plugin")

def _plugin(name, srcs):
    """Builds the built-in plugin <name>.so.

    Args:
      name: the plugin's name; the file is <name>.so.
      srcs: the plugin's sources and private headers.
    """
    clout_plugin(
        name = name,
        srcs = srcs,
        deps = ["//plugins/common"],
    )

def _test_copts(name):
    """Returns the copts of plugin <name>'s test: CLOUT_PLUGIN_PATH."""
    return ['-DCLOUT_PLUGIN_PATH=\\"$(rootpath :%s.so)\\"' % name]

builtin = struct(
    plugin = _plugin,
    test_copts = _test_copts,
    test_deps = [
        "//bazel:dl",
        "//bazel:gtest_main",
        "//plugins/include:clout_plugin_headers",
        "//plugins/testing:clout_plugin_harness",
    ],
)
