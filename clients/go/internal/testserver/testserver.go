// Package testserver starts a real cloutd for tests: on a free port
// (--listen=127.0.0.1:0), with a temporary data folder and the built-in
// plugins. The binary is <repo>/build/cloutd and the plugins
// <repo>/build/plugins, or $CLOUTD and $CLOUT_PLUGINS.
package testserver

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/clout-analytics/clout/clients/go/internal/gen/generate"
)

// Server is a running cloutd.
type Server struct {
	Addr    string
	DataDir string
	cmd     *exec.Cmd
	exited  chan struct{}
}

// RepoRoot is the repository: two folders above the module root (clients/go).
func RepoRoot(t testing.TB) string {
	t.Helper()
	root, err := generate.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Clean(filepath.Join(root, "..", ".."))
}

// Start starts cloutd and stops it when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	repo := RepoRoot(t)
	bin := os.Getenv("CLOUTD")
	if bin == "" {
		bin = filepath.Join(repo, "build", "cloutd")
	}
	plugins := os.Getenv("CLOUT_PLUGINS")
	if plugins == "" {
		plugins = filepath.Join(repo, "build", "plugins")
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("cloutd not found at %s: build it (cmake --build build --target cloutd) or set CLOUTD", bin)
	}
	dataDir := filepath.Join(t.TempDir(), "data")
	cmd := exec.Command(bin, "--listen=127.0.0.1:0", "--data="+dataDir, "--plugins="+plugins,
		"--log_level=warning", "--shutdown_grace_ms=1000")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start cloutd: %v", err)
	}
	s := &Server{DataDir: dataDir, cmd: cmd, exited: make(chan struct{})}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if a, ok := strings.CutPrefix(sc.Text(), "cloutd listening on "); ok {
				addr <- strings.TrimSpace(a)
			}
		}
		// Keep reading until the pipe closes, then reap the process.
		_ = cmd.Wait()
		close(s.exited)
	}()
	select {
	case s.Addr = <-addr:
	case <-s.exited:
		t.Fatalf("cloutd exited before listening: %s", stderr.String())
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("cloutd did not print its address within 20 s: %s", stderr.String())
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-s.exited
		}
	})
	return s
}
