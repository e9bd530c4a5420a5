"""clout_cc_grpc_library: C++ code of .proto files, generated with the system's
protoc and grpc_cpp_plugin (Debian packages protobuf-compiler and
protobuf-compiler-grpc), as a cc_library.

    load("//bazel:clout_grpc.bzl", "clout_cc_grpc_library")

    clout_cc_grpc_library(
        name = "clout_api_proto",
        srcs = ["clout/v1/ingest.proto", "clout/v1/query.proto"],
        imports = ["clout/v1/types.proto"],
        deps = [":clout_types_proto"],
    )

The import root of a .proto file is the folder of its package (or the root of
its external repository): a file `clout/v1/x.proto` of package //proto is
imported as "clout/v1/x.proto", and its generated header is included as
"clout/v1/x.pb.h" (and "clout/v1/x.grpc.pb.h"). protoc wants each -I to be a
textual prefix of the .proto paths it is given, so -I is computed from the
file's path. Well-known types (google/protobuf/*.proto) come from the
system's include folder, which protoc searches by itself.
"""

def _relative_name(label):
    """The file's path inside its package: what `import` statements name."""
    if ":" in label:
        return label.split(":", 1)[1]
    if label.startswith("//") or label.startswith("@"):
        fail("clout_cc_grpc_library: name the file of %s with a colon" % label)
    return label

def _root_args(var, labels):
    """Shell lines adding -I<import root> of each file to $var."""
    lines = []
    for label in labels:
        rel = _relative_name(label)
        lines.append(
            ('f="$(location %s)"; r="$${f%%%s}"; r="$${r%%/}"; ' +
             '%s="$$%s -I$${r:-.}"') % (label, rel, var, var),
        )
    return lines

def clout_cc_grpc_library(
        name,
        srcs,
        imports = [],
        deps = [],
        grpc = True,
        protoc = "protoc",
        grpc_cpp_plugin = "grpc_cpp_plugin",
        visibility = None,
        testonly = False,
        **kwargs):
    """Generates C++ (and gRPC stubs) for `srcs` and compiles them.

    Args:
      name: the cc_library.
      srcs: .proto files to generate code for (labels).
      imports: other .proto files that srcs import (labels); their code comes
        from `deps`.
      deps: cc_library targets with the code of `imports`.
      grpc: also run grpc_cpp_plugin (.grpc.pb.h and .grpc.pb.cc for every
        file, services or not).
      protoc: the protoc command (found on the action's PATH by default).
      grpc_cpp_plugin: the gRPC C++ plugin command (idem).
      visibility: of the cc_library.
      testonly: of both targets.
      **kwargs: more attributes of the cc_library.
    """
    exts = [".pb.h", ".pb.cc"]
    if grpc:
        exts += [".grpc.pb.h", ".grpc.pb.cc"]
    outs = []
    for src in srcs:
        rel = _relative_name(src)
        if not rel.endswith(".proto"):
            fail("clout_cc_grpc_library: %s is not a .proto file" % src)
        outs += [rel[:-len(".proto")] + ext for ext in exts]

    cmd = ["set -e", 'I=""', 'F=""']
    cmd += _root_args("I", imports)
    cmd += _root_args("I", srcs)
    cmd += ['F="$$F $(location %s)"' % src for src in srcs]
    protoc_cmd = [protoc, "$$I", "--cpp_out=$(RULEDIR)"]
    if grpc:
        protoc_cmd += [
            "--grpc_out=$(RULEDIR)",
            '--plugin=protoc-gen-grpc="$$(command -v %s)"' % grpc_cpp_plugin,
        ]
    protoc_cmd.append("$$F")
    cmd.append(" ".join(protoc_cmd))

    native.genrule(
        name = name + "_gen",
        srcs = srcs + imports,
        outs = outs,
        cmd = "\n".join(cmd),
        message = "Generating C++ code of %d .proto file(s) for %s" % (len(srcs), name),
        testonly = testonly,
        visibility = ["//visibility:private"],
    )

    system = [Label("//bazel:protobuf")]
    if grpc:
        system.append(Label("//bazel:grpc++"))
    native.cc_library(
        name = name,
        srcs = [o for o in outs if o.endswith(".cc")],
        hdrs = [o for o in outs if o.endswith(".h")],
        includes = ["."],
        # Generated code: its warnings are not ours.
        copts = ["-w"],
        deps = deps + system,
        visibility = visibility,
        testonly = testonly,
        **kwargs
    )
