//go:build !js

package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"
)

// TestSource finds the module's source and the Go installation's
// wasm_exec.js, and hashes the source: the same files give the same key,
// a change gives another.
func TestSource(t *testing.T) {
	is := is.New(t)
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	root, err := sourceDir(context.Background(), "go", os.Environ())
	is.NoErr(err) // the module's source is found
	is.True(isRoot(root))
	out, err := exec.Command("go", "env", "GOROOT").Output()
	is.NoErr(err)
	js, err := readExecJS(strings.TrimSpace(string(out)))
	is.NoErr(err) // wasm_exec.js
	is.True(strings.Contains(string(js), "Go"))

	dir := t.TempDir()
	write := func(name, body string) {
		is.NoErr(os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755))
		is.NoErr(os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	write("go.mod", "module x\n")
	write("wasm/main_js.go", "package main\n")
	write("a/a.go", "package a\n")
	write("a/a_test.go", "package a\n")
	write("e2e/go.mod", "module y\n")
	write("e2e/e.go", "package e\n")
	h1, err := sourceHash(dir, "go1")
	is.NoErr(err)
	write("a/a_test.go", "package a // changed\n")
	write("e2e/e.go", "package e // changed\n")
	h2, _ := sourceHash(dir, "go1")
	is.Equal(h1, h2) // tests and other modules do not count
	h3, _ := sourceHash(dir, "go2")
	is.True(h3 != h1) // the Go version counts
	write("a/a.go", "package a // changed\n")
	h4, _ := sourceHash(dir, "go1")
	is.True(h4 != h1) // the source counts
}

// TestBuildError reports a build that cannot run.
func TestBuildError(t *testing.T) {
	is := is.New(t)
	_, err := buildApp(context.Background(), &appOptions{Go: filepath.Join(t.TempDir(), "no-go")})
	var be *appError
	is.True(err != nil)
	is.True(errors.As(err, &be)) // an *appError
	is.Equal(be.Op, "go env")
}

// TestPrune keeps the newest binaries of the cache directory.
func TestPrune(t *testing.T) {
	is := is.New(t)
	dir := t.TempDir()
	base := time.Now().Add(-time.Hour)
	for i := range 6 {
		p := filepath.Join(dir, fmt.Sprintf("%d.wasm", i))
		is.NoErr(os.WriteFile(p, []byte("w"), 0o644))
		is.NoErr(os.WriteFile(p+".gz", []byte("g"), 0o644))
		is.NoErr(os.Chtimes(p, base.Add(time.Duration(i)*time.Minute), base.Add(time.Duration(i)*time.Minute)))
	}
	prune(dir, 4)
	ents, _ := os.ReadDir(dir)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	is.Equal(strings.Join(names, " "), "2.wasm 2.wasm.gz 3.wasm 3.wasm.gz 4.wasm 4.wasm.gz 5.wasm 5.wasm.gz") // the newest four
}

// TestBuildEnv runs the go command of the app's build without the
// environment's secrets: a go that writes its environment to a file
// finds no DISCORD_TOKEN, nor any other token, secret or key.
func TestBuildEnv(t *testing.T) {
	is := is.New(t)
	dir := t.TempDir()
	dump := filepath.Join(dir, "env")
	goCmd := filepath.Join(dir, "go")
	is.NoErr(os.WriteFile(goCmd, []byte("#!/bin/sh\nenv >> "+dump+"\nexit 1\n"), 0o755))
	t.Setenv("DISCORD_TOKEN", "MTIz.real.token")
	t.Setenv("GITHUB_TOKEN", "ghp_secret")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "aws-secret")
	t.Setenv("MY_SERVICE_KEY", "k")
	t.Setenv("GLOAM_KEEP", "kept")
	_, err := buildApp(context.Background(), &appOptions{Go: goCmd, Dir: dir, CacheDir: "-"})
	is.True(err != nil) // the fake go fails
	b, err := os.ReadFile(dump)
	is.NoErr(err) // the fake go ran
	env := string(b)
	is.True(strings.Contains(env, "GLOAM_KEEP=kept")) // the environment is passed on
	for _, secret := range []string{"MTIz.real.token", "ghp_secret", "aws-secret", "MY_SERVICE_KEY"} {
		is.True(!strings.Contains(env, secret)) // no secret reaches the go command
	}
	is.True(strings.Contains(env, "PATH=")) // what the go command needs stays
}
