// Package readme_test runs the README's quick start as written.
package readme_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/clout-analytics/clout/clients/go/internal/gen/generate"
	"github.com/clout-analytics/clout/clients/go/internal/testserver"
)

var quickStart = regexp.MustCompile("(?ms)^## Quick start\n.*?^```go\n(.*?)^```$")

// TestReadmeQuickStart extracts the ```go block under "## Quick start" and
// runs it with `go run` against a fresh cloutd (CLOUT_SERVER set).
func TestReadmeQuickStart(t *testing.T) {
	root, err := generate.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := quickStart.FindSubmatch(readme)
	if m == nil {
		t.Fatal("no ```go block under \"## Quick start\" in README.md")
	}
	dir := t.TempDir()
	main := filepath.Join(dir, "main.go")
	if err := os.WriteFile(main, m[1], 0o644); err != nil {
		t.Fatal(err)
	}
	srv := testserver.Start(t)
	// Run from the module root: the program's imports resolve to this module.
	cmd := exec.Command("go", "run", main)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CLOUT_SERVER="+srv.Addr)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run the quick start: %v\n%s", err, out)
	}
	for _, want := range []string{
		`(?m)^followers: \[10000 10010\]$`,
		`(?m)^rejected series 0 sample 0: .*-4 is negative`,
		`(?m)^engagement_rate: 8 percent \(by_views\)$`,
	} {
		if !regexp.MustCompile(want).Match(out) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
}
