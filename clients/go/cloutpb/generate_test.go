package cloutpb_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/clout-analytics/clout/clients/go/internal/gen/generate"
)

// The version line of protoc in the generated headers: a different build of
// the same protoc must not make the code count as stale.
var protocVersion = regexp.MustCompile(`(?m)^// (\t|- )protoc +v.*$`)

// TestGeneratedCodeIsFresh regenerates cloutpb into a temporary folder with
// the system protoc and the plugin versions of go.mod, and fails if the
// committed files differ.
func TestGeneratedCodeIsFresh(t *testing.T) {
	if _, err := generate.Protoc(); err != nil {
		t.Skip("protoc is not installed (Debian: protobuf-compiler): cannot check the generated code")
	}
	root, err := generate.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	goPlugin, grpcPlugin, err := generate.BuildPlugins(root, t.TempDir())
	if err != nil {
		t.Skipf("protoc-gen-go or protoc-gen-go-grpc cannot be built, so the generated code is not checked: %v", err)
	}
	out := t.TempDir()
	if err := generate.RunWith(root, out, goPlugin, grpcPlugin); err != nil {
		t.Fatal(err)
	}
	committed, _ := filepath.Glob(filepath.Join(root, "cloutpb", "*.pb.go"))
	fresh, _ := filepath.Glob(filepath.Join(out, "cloutpb", "*.pb.go"))
	names := func(paths []string) []string {
		var n []string
		for _, p := range paths {
			n = append(n, filepath.Base(p))
		}
		slices.Sort(n)
		return n
	}
	const fix = "run `go generate ./cloutpb` in clients/go and commit the result"
	if !slices.Equal(names(committed), names(fresh)) {
		t.Fatalf("generated files differ: committed %v, fresh %v: %s", names(committed), names(fresh), fix)
	}
	for _, name := range names(fresh) {
		a, err := os.ReadFile(filepath.Join(root, "cloutpb", name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(out, "cloutpb", name))
		if err != nil {
			t.Fatal(err)
		}
		if protocVersion.ReplaceAllString(string(a), "") != protocVersion.ReplaceAllString(string(b), "") {
			t.Errorf("cloutpb/%s is stale: %s", name, fix)
		}
	}
}
