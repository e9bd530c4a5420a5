"""clout_builtin_plugin: one of clout's built-in metric plugins.

The Bazel twins of clout_add_builtin_plugin() and
clout_add_builtin_plugin_test() (plugins/CMakeLists.txt):
  - clout_builtin_plugin() makes the plugin <name>.so with clout_plugin()
    (//bazel:clout_plugin.bzl), linked with the helper library
    //plugins/common;
  - a plugin's test is a cc_test written out in its BUILD.bazel (so that
    tests/build_parity_test.sh reads its name), with the deps
    BUILTIN_PLUGIN_TEST_DEPS and the copts builtin_plugin_test_copts(name):
    it loads the plugin through the harness from CLOUT_PLUGIN_PATH and reads
    $CLOUT_REAL_DATA_DIR when set (bazel/ci.sh passes it).

    load("//plugins:builtin_plugin.bzl", "BUILTIN_PLUGIN_TEST_DEPS",
         "builtin_plugin_test_copts", "clout_builtin_plugin")

    clout_builtin_plugin(
        name = "like_velocity",
        srcs = ["like_velocity.cc"],
    )

    cc_test(
        name = "like_velocity_test",
        size = "small",
        srcs = ["like_velocity_test.cc"],
        copts = builtin_plugin_test_copts("like_velocity"),
        data = [":like_velocity.so"],
        deps = BUILTIN_PLUGIN_TEST_DEPS,
    )

For the built-in plugins only: an outside plugin uses clout_plugin() alone.
"""

load("//bazel:clout_plugin.bzl", "clout_plugin")

BUILTIN_PLUGIN_TEST_DEPS = [
    "//bazel:dl",
    "//bazel:gtest_main",
    "//plugins/include:clout_plugin_headers",
    "//plugins/testing:clout_plugin_harness",
]

def builtin_plugin_test_copts(name):
    """The copts of the test of plugin <name>: CLOUT_PLUGIN_PATH.

    Args:
      name: the plugin's name, as given to clout_builtin_plugin().

    Returns:
      The list of compiler options.
    """
    return ['-DCLOUT_PLUGIN_PATH=\\"$(rootpath :%s.so)\\"' % name]

def clout_builtin_plugin(name, srcs):
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
