"""clout_builtin_plugin: one of clout's built-in metric plugins and its test.

The Bazel twin of clout_add_builtin_plugin() (plugins/CMakeLists.txt):
  - the plugin <name>.so, made by clout_plugin() (//bazel:clout_plugin.bzl)
    and linked with the helper library //plugins/common;
  - the cc_test <name>_test from <name>_test.cc, which loads the plugin
    through the harness (//plugins/testing:clout_plugin_harness) from
    CLOUT_PLUGIN_PATH and reads $CLOUT_REAL_DATA_DIR when set (bazel/ci.sh
    passes it).

    load("//plugins:builtin_plugin.bzl", "clout_builtin_plugin")

    clout_builtin_plugin(
        name = "like_velocity",
        srcs = ["like_velocity.cc"],
    )

For the built-in plugins only: an outside plugin uses clout_plugin() alone.
"""

load("//bazel:clout_plugin.bzl", "clout_plugin")

def clout_builtin_plugin(name, srcs):
    """Builds the built-in plugin <name>.so and its test <name>_test.

    Args:
      name: the plugin's name; the file is <name>.so, the test's source
        <name>_test.cc.
      srcs: the plugin's sources and private headers.
    """
    clout_plugin(
        name = name,
        srcs = srcs,
        deps = ["//plugins/common"],
    )
    native.cc_test(
        name = name + "_test",
        size = "small",
        srcs = [name + "_test.cc"],
        copts = ['-DCLOUT_PLUGIN_PATH=\\"$(rootpath :%s.so)\\"' % name],
        data = [":%s.so" % name],
        deps = [
            "//bazel:dl",
            "//bazel:gtest_main",
            "//plugins/include:clout_plugin_headers",
            "//plugins/testing:clout_plugin_harness",
        ],
    )
