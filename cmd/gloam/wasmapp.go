//go:build !js

package main

import (
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

	dash "github.com/gloamdev/gloam/dashboard"
)

// appOptions configures buildApp; nil means defaults.
type appOptions struct {
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

// appError is a failed build of the browser app.
type appError struct {
	Op     string // what failed: "go env", "find source", "go build", "wasm_exec.js"
	Output string // the go command's output, when it ran
	Err    error
}

func (e *appError) Error() string {
	s := "build the browser app: " + e.Op + ": " + e.Err.Error()
	if e.Output != "" {
		s += "\n" + e.Output
	}
	return s
}

func (e *appError) Unwrap() error { return e.Err }

// buildApp compiles the browser app with the Go installation on PATH
// (GOOS=js GOARCH=wasm, -trimpath, -ldflags="-s -w") and reads the
// wasm_exec.js of that same installation. A binary built earlier from the
// same source with the same Go is taken from the cache directory. The go
// command runs without the environment's secrets (see buildEnv).
func buildApp(ctx context.Context, opts *appOptions) (*dash.App, error) {
	var o appOptions
	if opts != nil {
		o = *opts
	}
	if o.Go == "" {
		o.Go = "go"
	}
	env := buildEnv(os.Environ())
	goEnv := exec.CommandContext(ctx, o.Go, "env", "GOROOT", "GOVERSION")
	goEnv.Env = env
	out, err := goEnv.Output()
	if err != nil {
		return nil, &appError{Op: "go env", Err: err}
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 2 {
		return nil, &appError{Op: "go env", Err: fmt.Errorf("unexpected output %q", out)}
	}
	goroot, version := strings.TrimSpace(lines[0]), strings.TrimSpace(lines[1])
	execJS, err := readExecJS(goroot)
	if err != nil {
		return nil, &appError{Op: "wasm_exec.js", Err: err}
	}
	if o.Dir == "" {
		if o.Dir, err = sourceDir(ctx, o.Go, env); err != nil {
			return nil, &appError{Op: "find source", Err: err}
		}
	}
	sum, err := sourceHash(o.Dir, version)
	if err != nil {
		return nil, &appError{Op: "find source", Err: err}
	}
	if o.CacheDir == "" {
		if d, err := os.UserCacheDir(); err == nil {
			o.CacheDir = filepath.Join(d, "gloam", "wasm")
		} else {
			o.CacheDir = "-"
		}
	}
	app := &dash.App{ExecJS: execJS, GoVersion: version}
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
		return nil, &appError{Op: "go build", Err: err}
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "gloam.wasm")
	cmd := exec.CommandContext(ctx, o.Go, "build", "-trimpath", "-ldflags=-s -w", "-o", bin, "./wasm")
	cmd.Dir = o.Dir
	cmd.Env = append(env, "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, &appError{Op: "go build", Output: strings.TrimSpace(string(b)), Err: err}
	}
	if app.Wasm, err = os.ReadFile(bin); err != nil {
		return nil, &appError{Op: "go build", Err: err}
	}
	app.Compress()
	if cached != "" && os.MkdirAll(o.CacheDir, 0o755) == nil {
		// Written beside, then renamed: a concurrent reader never sees half.
		if writeFile(cached+".gz", app.WasmGzip) == nil {
			writeFile(cached, app.Wasm)
		}
		prune(o.CacheDir, keepBuilds)
	}
	return app, nil
}

// buildEnv is environ without what may be a secret: DISCORD_TOKEN and
// every variable whose name says it holds a token, a secret, a password,
// a credential or a key. The go command needs none of them to build the
// app, and whatever it runs (a toolexec, a module's code generator) never
// sees them.
func buildEnv(environ []string) []string {
	out := make([]string, 0, len(environ))
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if !secretName(name) {
			out = append(out, kv)
		}
	}
	return out
}

// secretName reports whether an environment variable's name says it holds
// a secret.
func secretName(name string) bool {
	n := strings.ToUpper(name)
	for _, w := range []string{"TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "PRIVATE_KEY", "API_KEY", "APIKEY", "ACCESS_KEY"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return strings.HasSuffix(n, "_KEY") || n == "KEY" || strings.HasPrefix(n, "DISCORD_")
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
func sourceDir(ctx context.Context, goCmd string, env []string) (string, error) {
	if _, file, _, ok := runtime.Caller(0); ok {
		root := filepath.Dir(filepath.Dir(filepath.Dir(file))) // cmd/gloam/wasmapp.go
		if isRoot(root) {
			return root, nil
		}
	}
	list := exec.CommandContext(ctx, goCmd, "list", "-m", "-f", "{{.Dir}}", modulePath)
	list.Env = env
	out, err := list.Output()
	if err == nil {
		if root := strings.TrimSpace(string(out)); root != "" && isRoot(root) {
			return root, nil
		}
	}
	return "", errors.New("the source of " + modulePath + " is not on disk; set appOptions.Dir")
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
