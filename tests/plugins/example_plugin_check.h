// The checks of plugins/examples/posting_frequency in a running cloutd,
// shared by the CMake SDK test (tests/plugins/plugin_sdk_test.cc, the
// example built against the installed CMake package) and its Bazel twin
// (bazel/tests/plugin_sdk_test.cc, the example built by clout_plugin()).
#ifndef CLOUT_TESTS_PLUGINS_EXAMPLE_PLUGIN_CHECK_H_
#define CLOUT_TESTS_PLUGINS_EXAMPLE_PLUGIN_CHECK_H_

#include <string>

namespace clout::testing {

// Against the cloutd at `target`, whose plugin folder holds the example
// plugin posting_frequency.so alone and whose database is empty: writes a
// creator's posts, checks the metric's listed schema, its value, components
// and rows worked out by hand, the refusal of an out-of-bounds parameter,
// and a reload. Reports through gtest assertions; call it under
// ASSERT_NO_FATAL_FAILURE.
void CheckPostingFrequencyExample(const std::string& target);

}  // namespace clout::testing

#endif  // CLOUT_TESTS_PLUGINS_EXAMPLE_PLUGIN_CHECK_H_
