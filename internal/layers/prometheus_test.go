package layers

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/matryer/is"
)

// prometheusUsers are the only packages that may reach the Prometheus
// client: a user of the library who exports no metrics never links it.
var prometheusUsers = map[string]bool{"metrics/prom": true, "cmd/gloam": true}

// TestPrometheusOnlyAtTheEdge holds client_golang in metrics/prom and
// cmd/gloam: model, transport, gateway, rest, cache, core and the rest
// never reach it, directly or not.
func TestPrometheusOnlyAtTheEdge(t *testing.T) {
	is := is.New(t)
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`, module+"/...").Output()
	is.NoErr(err) // go list
	n := 0
	for line := range strings.Lines(string(out)) {
		f := strings.Fields(line)
		rel := strings.TrimPrefix(strings.TrimPrefix(f[0], module), "/")
		n++
		if prometheusUsers[rel] {
			continue
		}
		for _, d := range f[1:] {
			if strings.HasPrefix(d, "github.com/prometheus/") {
				t.Errorf("%s depends on %s; only %v may", rel, d, prometheusUsers)
				break
			}
		}
	}
	is.True(n >= 10) // the packages were listed
}
