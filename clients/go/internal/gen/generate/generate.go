// Package generate runs protoc with protoc-gen-go and protoc-gen-go-grpc over
// the clout API's .proto files. Shared by cmd internal/gen and the staleness
// test of package cloutpb.
package generate

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// Module is the module path; go_package in the .proto files lies under it.
const Module = "github.com/clout-analytics/clout/clients/go"

// ProtoFiles are the generated files, relative to the repository's proto/
// folder. google/rpc/status.proto is not generated: Go programs use
// google.golang.org/genproto/googleapis/rpc/status, which its go_package names.
var ProtoFiles = []string{
	"clout/v1/admin.proto",
	"clout/v1/ingest.proto",
	"clout/v1/metrics.proto",
	"clout/v1/query.proto",
	"clout/v1/types.proto",
}

// ModuleRoot is clients/go: the folder of this module's go.mod, found from
// this source file (generation runs from a source checkout) or the current
// directory.
func ModuleRoot() (string, error) {
	var starts []string
	if _, file, _, ok := runtime.Caller(0); ok {
		starts = append(starts, filepath.Dir(file))
	}
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	for _, dir := range starts {
		for d := dir; ; d = filepath.Dir(d) {
			if data, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && bytes.Contains(data, []byte("module "+Module+"\n")) {
				return d, nil
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	return "", errors.New("cannot find the module root (go.mod of " + Module + ")")
}

// ProtoDir is the repository's proto/ folder: ../../proto from the module root.
func ProtoDir(moduleRoot string) string {
	return filepath.Join(moduleRoot, "..", "..", "proto")
}

// BuildPlugins builds protoc-gen-go and protoc-gen-go-grpc at the versions
// go.mod pins into dir and returns their paths.
func BuildPlugins(moduleRoot, dir string) (goPlugin, grpcPlugin string, err error) {
	goPlugin = filepath.Join(dir, "protoc-gen-go")
	grpcPlugin = filepath.Join(dir, "protoc-gen-go-grpc")
	for path, pkg := range map[string]string{
		goPlugin:   "google.golang.org/protobuf/cmd/protoc-gen-go",
		grpcPlugin: "google.golang.org/grpc/cmd/protoc-gen-go-grpc",
	} {
		cmd := exec.Command("go", "build", "-o", path, pkg)
		cmd.Dir = moduleRoot
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", "", fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	return goPlugin, grpcPlugin, nil
}

// Protoc returns the path of the system protoc.
func Protoc() (string, error) {
	return exec.LookPath("protoc")
}

// Run builds the plugins and generates outDir/cloutpb/*.pb.go from the
// .proto files.
func Run(moduleRoot, outDir string) error {
	tmp, err := os.MkdirTemp("", "clout-gen-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	goPlugin, grpcPlugin, err := BuildPlugins(moduleRoot, tmp)
	if err != nil {
		return err
	}
	return RunWith(moduleRoot, outDir, goPlugin, grpcPlugin)
}

// RunWith generates outDir/cloutpb/*.pb.go with the given plugin binaries.
func RunWith(moduleRoot, outDir, goPlugin, grpcPlugin string) error {
	protoc, err := Protoc()
	if err != nil {
		return fmt.Errorf("protoc not found (Debian: apt-get install protobuf-compiler): %w", err)
	}
	if err := os.MkdirAll(filepath.Join(outDir, "cloutpb"), 0o755); err != nil {
		return err
	}
	// Old files first: a .proto that was removed must not leave its code behind.
	old, _ := filepath.Glob(filepath.Join(outDir, "cloutpb", "*.pb.go"))
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	// Relative names from the proto root: the generated files name their
	// source ("source: clout/v1/admin.proto") independently of the checkout.
	args := []string{
		"--plugin=protoc-gen-go=" + goPlugin,
		"--plugin=protoc-gen-go-grpc=" + grpcPlugin,
		"-I", ".",
		"--go_out=" + outDir, "--go_opt=module=" + Module,
		"--go-grpc_out=" + outDir, "--go-grpc_opt=module=" + Module,
	}
	args = append(args, ProtoFiles...)
	cmd := exec.Command(protoc, args...)
	cmd.Dir = ProtoDir(moduleRoot)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("protoc: %v\n%s", err, out)
	}
	return nil
}
