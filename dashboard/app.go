//go:build !js

package dashboard

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// App is the browser app: the wasm binary and the wasm_exec.js of the Go
// installation that built it (the two must match).
type App struct {
	Wasm      []byte // the binary
	WasmGzip  []byte // the binary, gzip-compressed; nil to compress it on first use
	ExecJS    []byte // wasm_exec.js
	GoVersion string // the Go version that built it, e.g. "go1.26.8"
}

// BuildOptions configures Build; nil means defaults.
type BuildOptions struct {
	// Dir is the root of the gloam module, holding the app's source in
	// wasm/. Zero: the module this package was compiled from, when its
	// source is on disk, else what `go list -m` finds from the working
	// directory.
	Dir string

	// Go is the go command. Zero: "go" on PATH.
	Go string

	// CacheDir keeps built binaries, by the hash of their source and Go
	// version. Zero: gloam/wasm under os.UserCacheDir; "-": none.
	CacheDir string
}

// BuildError is a failed build of the browser app.
type BuildError struct {
	Op     string // what failed: "go env", "find source", "go build", "wasm_exec.js"
	Output string // the go command's output, when it ran
	Err    error
}

func (e *BuildError) Error() string {
	s := "dashboard: build the browser app: " + e.Op + ": " + e.Err.Error()
	if e.Output != "" {
		s += "\n" + e.Output
	}
	return s
}

func (e *BuildError) Unwrap() error { return e.Err }

// Build compiles the browser app with the Go installation on PATH
// (GOOS=js GOARCH=wasm, -trimpath, -ldflags="-s -w") and reads the
// wasm_exec.js of that same installation. A binary built earlier from the
// same source with the same Go is taken from the cache directory.
func Build(ctx context.Context, opts *BuildOptions) (*App, error) {
	var o BuildOptions
	if opts != nil {
		o = *opts
	}
	if o.Go == "" {
		o.Go = "go"
	}
	out, err := exec.CommandContext(ctx, o.Go, "env", "GOROOT", "GOVERSION").Output()
	if err != nil {
		return nil, &BuildError{Op: "go env", Err: err}
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 2 {
		return nil, &BuildError{Op: "go env", Err: fmt.Errorf("unexpected output %q", out)}
	}
	goroot, version := strings.TrimSpace(lines[0]), strings.TrimSpace(lines[1])
	execJS, err := readExecJS(goroot)
	if err != nil {
		return nil, &BuildError{Op: "wasm_exec.js", Err: err}
	}
	if o.Dir == "" {
		if o.Dir, err = sourceDir(ctx, o.Go); err != nil {
			return nil, &BuildError{Op: "find source", Err: err}
		}
	}
	sum, err := sourceHash(o.Dir, version)
	if err != nil {
		return nil, &BuildError{Op: "find source", Err: err}
	}
	if o.CacheDir == "" {
		if d, err := os.UserCacheDir(); err == nil {
			o.CacheDir = filepath.Join(d, "gloam", "wasm")
		} else {
			o.CacheDir = "-"
		}
	}
	app := &App{ExecJS: execJS, GoVersion: version}
	cached := ""
	if o.CacheDir != "-" {
		cached = filepath.Join(o.CacheDir, sum+".wasm")
		if b, err := os.ReadFile(cached); err == nil && len(b) > 0 {
			app.Wasm = b
			app.WasmGzip, _ = os.ReadFile(cached + ".gz")
			return app, nil
		}
	}
	tmp, err := os.MkdirTemp("", "gloam-wasm-")
	if err != nil {
		return nil, &BuildError{Op: "go build", Err: err}
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "gloam.wasm")
	cmd := exec.CommandContext(ctx, o.Go, "build", "-trimpath", "-ldflags=-s -w", "-o", bin, "./wasm")
	cmd.Dir = o.Dir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, &BuildError{Op: "go build", Output: strings.TrimSpace(string(b)), Err: err}
	}
	if app.Wasm, err = os.ReadFile(bin); err != nil {
		return nil, &BuildError{Op: "go build", Err: err}
	}
	app.WasmGzip = gzipBytes(app.Wasm)
	if cached != "" && os.MkdirAll(o.CacheDir, 0o755) == nil {
		// Written beside, then renamed: a concurrent reader never sees half.
		if writeFile(cached+".gz", app.WasmGzip) == nil {
			writeFile(cached, app.Wasm)
		}
		prune(o.CacheDir, keepBuilds)
	}
	return app, nil
}

// keepBuilds is how many binaries the cache directory keeps.
const keepBuilds = 4

// prune removes all but the keep newest binaries of dir.
func prune(dir string, keep int) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type bin struct {
		path string
		mod  int64
	}
	var bins []bin
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".wasm") {
			continue
		}
		if info, err := e.Info(); err == nil {
			bins = append(bins, bin{filepath.Join(dir, e.Name()), info.ModTime().UnixNano()})
		}
	}
	sort.Slice(bins, func(i, j int) bool { return bins[i].mod > bins[j].mod })
	for i := keep; i < len(bins); i++ {
		os.Remove(bins[i].path)
		os.Remove(bins[i].path + ".gz")
	}
}

func writeFile(path string, b []byte) error {
	tmp := path + ".tmp" + fmt.Sprint(os.Getpid())
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// readExecJS reads wasm_exec.js from a Go installation (lib/wasm since Go
// 1.24, misc/wasm before).
func readExecJS(goroot string) ([]byte, error) {
	var errs []error
	for _, p := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} {
		b, err := os.ReadFile(filepath.Join(goroot, p))
		if err == nil {
			return b, nil
		}
		errs = append(errs, err)
	}
	return nil, errors.Join(errs...)
}

const modulePath = "github.com/gloamdev/gloam"

// sourceDir finds the root of the gloam module's source.
func sourceDir(ctx context.Context, goCmd string) (string, error) {
	if _, file, _, ok := runtime.Caller(0); ok {
		root := filepath.Dir(filepath.Dir(file))
		if isRoot(root) {
			return root, nil
		}
	}
	out, err := exec.CommandContext(ctx, goCmd, "list", "-m", "-f", "{{.Dir}}", modulePath).Output()
	if err == nil {
		if root := strings.TrimSpace(string(out)); root != "" && isRoot(root) {
			return root, nil
		}
	}
	return "", errors.New("the source of " + modulePath + " is not on disk; set BuildOptions.Dir")
}

func isRoot(dir string) bool {
	_, err1 := os.Stat(filepath.Join(dir, "go.mod"))
	_, err2 := os.Stat(filepath.Join(dir, "wasm", "main_js.go"))
	return err1 == nil && err2 == nil
}

// sourceHash hashes the Go version and the module's Go files (tests and
// nested modules aside), go.mod and go.sum.
func sourceHash(root, version string) (string, error) {
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata") {
				return filepath.SkipDir
			}
			if path != root {
				if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
					return filepath.SkipDir // another module
				}
			}
			return nil
		}
		if strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") || path == filepath.Join(root, "go.mod") || path == filepath.Join(root, "go.sum") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", version)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		rel, _ := filepath.Rel(root, f)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:24], nil
}
