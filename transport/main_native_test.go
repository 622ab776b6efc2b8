//go:build !js

package transport_test

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestMain fails the run when connections or their goroutines outlive
// the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 {
		deadline := time.Now().Add(10 * time.Second)
		for {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			var bad []string
			for _, g := range strings.Split(string(buf), "\n\n") {
				if strings.Contains(g, "coder/websocket.") || strings.Contains(g, "gloam/transport.") ||
					strings.Contains(g, "net/http.(*persistConn)") {
					bad = append(bad, g)
				}
			}
			if len(bad) == 0 {
				break
			}
			if time.Now().After(deadline) {
				fmt.Fprintf(os.Stderr, "leaked goroutines:\n%s\n", strings.Join(bad, "\n\n"))
				code = 1
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	os.Exit(code)
}
