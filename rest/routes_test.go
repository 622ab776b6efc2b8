package rest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/internal/shared"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

var param = regexp.MustCompile(`\{[^}]*\}`)

// normalize forgets parameter names: the spec and the client may call
// the same parameter differently.
func normalize(method, path string) string {
	return method + " " + param.ReplaceAllString(path, "{}")
}

func TestRoutesAreInTheSpec(t *testing.T) {
	is := is.New(t)
	dir := shared.Dir(t)
	b, err := os.ReadFile(filepath.Join(dir, "discord-api", "openapi.json"))
	is.NoErr(err) // openapi.json
	var spec struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	is.NoErr(json.Unmarshal(b, &spec)) // openapi.json parses
	ops := map[string]bool{}
	for p, methods := range spec.Paths {
		for m := range methods {
			switch m {
			case "get", "post", "put", "patch", "delete":
				ops[normalize(strings.ToUpper(m), p)] = true
			}
		}
	}
	covered := map[string]bool{}
	for _, r := range rest.Routes() {
		k := normalize(r.Method, r.Path)
		if !ops[k] && !notInSpec[k] {
			t.Errorf("route %s %s is not in the spec", r.Method, r.Path)
		}
		if covered[k] {
			t.Errorf("route %s %s is listed twice", r.Method, r.Path)
		}
		covered[k] = true
	}
	var missing []string
	for k := range ops {
		if !covered[k] {
			missing = append(missing, k)
		}
	}
	t.Logf("%d of %d operations covered, and %d route the spec lacks", len(ops)-len(missing), len(ops), len(covered)-(len(ops)-len(missing)))
	if testing.Verbose() {
		for _, m := range missing {
			t.Logf("not covered: %s", m)
		}
	}
	is.True(len(covered) >= 120) // the core of the API is covered
}

func TestRoutesHaveSpecForm(t *testing.T) {
	is := is.New(t)
	for _, r := range rest.Routes() {
		is.True(strings.HasPrefix(r.Path, "/"))    // path starts with a slash
		is.True(r.String() == r.Method+" "+r.Path) // String is METHOD /path
		is.True(!strings.Contains(r.Path, "{}"))   // parameters are named
	}
}
