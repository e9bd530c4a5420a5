// Command gen generates the Go code of the clout API (package cloutpb) from
// the repository's proto/ folder with the system protoc and the
// protoc-gen-go and protoc-gen-go-grpc versions pinned in go.mod (its tool
// directives). `go generate ./...` runs it through cloutpb/generate.go;
// cloutpb's tests run it into a temporary folder and compare.
//
// Usage: go run ./internal/gen [-out DIR]   (DIR: the module root by default;
// the files are written to DIR/cloutpb)
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/clout-analytics/clout/clients/go/internal/gen/generate"
)

func main() {
	out := flag.String("out", "", "folder to write cloutpb/ into (default: the module root)")
	flag.Parse()
	root, err := generate.ModuleRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	dir := *out
	if dir == "" {
		dir = root
	}
	if err := generate.Run(root, dir); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
