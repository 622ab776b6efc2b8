package layers

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"github.com/matryer/is"
)

const module = "github.com/gloamdev/gloam"

// allowed lists, for each package (relative to the module), the gloam
// packages it may import, directly or not. Internal packages may be
// imported by any package at or above the level of their parent; they
// are listed where they are used.
var allowed = map[string][]string{
	"model":        {},
	"transport":    {},
	"parser":       {"model"},
	"gateway":      {"model", "transport"},
	"rest":         {"model"},
	"cache":        {"model"},
	"cache/memory": {"cache", "model"},
	"cache/bolt":   {"cache", "model"},
	"discordtest":  {"model"},
	"core":         {"model", "transport", "gateway", "rest", "cache", "cache/memory", "parser"},
	"interaction":  {"model", "rest"},
	"format":       {"model"},
	"build":        {"model", "rest", "interaction"},
	"cdn":          {"model"},
	"collect":      {"model", "transport", "gateway", "rest", "cache", "cache/memory", "parser", "core"},
	"cmd/gloam":    {"*"},
	"wasm":         {"*"},
	"dashboard":    {"*"},
	"metrics":      {"model", "transport", "gateway", "rest", "cache", "cache/memory", "parser", "core"},
}

// forbidden lists, for a package, outside modules it must not reach even
// indirectly: a REST-only user does not link the WebSocket library.
var forbidden = map[string][]string{
	"rest":  {"github.com/coder/websocket", "github.com/klauspost/compress", "go.etcd.io/bbolt"},
	"model": {"github.com/coder/websocket", "github.com/klauspost/compress", "go.etcd.io/bbolt"},
	"cache": {"github.com/coder/websocket", "github.com/klauspost/compress"},
}

type pkg struct {
	ImportPath string
	Deps       []string
}

// level finds the rule for a package: its own, or its nearest listed
// parent's (subpackages inherit the rule of the package they belong to).
func level(rel string) (string, bool) {
	for p := rel; p != "."; p = parent(p) {
		if _, ok := allowed[p]; ok {
			return p, true
		}
	}
	return "", false
}

func parent(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return "."
}

func TestImportsPointDown(t *testing.T) {
	for _, goos := range []string{runtime.GOOS, "js"} {
		t.Run(goos, func(t *testing.T) {
			is := is.New(t)
			cmd := exec.Command("go", "list", "-json=ImportPath,Deps", module+"/...")
			cmd.Env = append(cmd.Environ(), "GOOS="+goos)
			if goos == "js" {
				cmd.Env = append(cmd.Env, "GOARCH=wasm")
			}
			out, err := cmd.Output()
			is.NoErr(err) // go list
			dec := json.NewDecoder(strings.NewReader(string(out)))
			n := 0
			for {
				var p pkg
				if err := dec.Decode(&p); err == io.EOF {
					break
				} else {
					is.NoErr(err) // go list output
				}
				rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
				if rel == "internal/wire" {
					for _, d := range p.Deps {
						if first, _, _ := strings.Cut(d, "/"); strings.Contains(first, ".") {
							t.Errorf("internal/wire depends on %s; model uses it, so it may use only the standard library", d)
						}
					}
				}
				if rel == "" || strings.HasPrefix(rel, "internal/") {
					continue
				}
				lvl, ok := level(rel)
				if !ok {
					t.Errorf("%s: no layering rule; add it to allowed", rel)
					continue
				}
				n++
				if rel == "model" {
					for _, d := range p.Deps {
						first, _, _ := strings.Cut(d, "/")
						if d == module+"/internal/wire" {
							continue // the one JSON reader, itself on the standard library alone
						}
						if strings.Contains(first, ".") && !strings.HasPrefix(d, "github.com/tidwall/") {
							t.Errorf("model depends on %s; it may use only the standard library, gjson and internal/wire", d)
						}
					}
				}
				for _, d := range p.Deps {
					for _, f := range forbidden[rel] {
						if d == f || strings.HasPrefix(d, f+"/") {
							t.Errorf("%s depends on %s", rel, d)
						}
					}
				}
				ok2 := allowedSet(lvl)
				for _, d := range p.Deps {
					if !strings.HasPrefix(d, module+"/") {
						continue
					}
					drel := strings.TrimPrefix(d, module+"/")
					if drel == lvl || strings.HasPrefix(drel, lvl+"/") || strings.Contains(drel, "internal/") {
						continue // its own package, subpackages and internal helpers
					}
					if !ok2["*"] && !ok2[drel] {
						t.Errorf("%s imports %s, which is not below it", rel, drel)
					}
				}
			}
			is.True(n >= 10) // the packages were listed
		})
	}
}

func allowedSet(lvl string) map[string]bool {
	m := map[string]bool{}
	for _, a := range allowed[lvl] {
		m[a] = true
	}
	return m
}

// TestRuleCatchesUpwardImport proves the check can fail: a rule set in
// which model may import nothing must reject a model that imports gateway.
func TestRuleCatchesUpwardImport(t *testing.T) {
	is := is.New(t)
	lvl, ok := level("model")
	is.True(ok)
	is.True(!allowedSet(lvl)["gateway"]) // model may not import gateway
	lvl, ok = level("cache/memory/internal/x")
	is.True(ok)
	is.Equal(lvl, "cache/memory")             // subpackages inherit their package's rule
	is.True(!allowedSet("rest")["transport"]) // rest does not import transport, not even for the User-Agent
}

// TestNoScaleDependencies holds the scale-out module apart: no package of
// the main module reaches NATS, and the main go.mod does not require it,
// so a bot in one process never compiles or downloads it.
func TestNoScaleDependencies(t *testing.T) {
	is := is.New(t)
	out, err := exec.Command("go", "list", "-deps", module+"/...").Output()
	is.NoErr(err) // go list
	n := 0
	for _, d := range strings.Fields(string(out)) {
		n++
		if strings.HasPrefix(d, "github.com/nats-io/") || d == module+"/scale" || strings.HasPrefix(d, module+"/scale/") {
			t.Errorf("the main module depends on %s; it belongs to the scale module only", d)
		}
	}
	is.True(n > 10) // the packages were listed
	gomod, err := exec.Command("go", "list", "-m", "-f", "{{.GoMod}}", module).Output()
	is.NoErr(err)
	data, err := os.ReadFile(strings.TrimSpace(string(gomod)))
	is.NoErr(err)                                       // the main go.mod
	is.True(!strings.Contains(string(data), "nats-io")) // go.mod requires no NATS module
}
