package gateway_test

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestMain fails the run when a test leaves goroutines of the shard, the
// transport or the WebSocket library behind.
func TestMain(m *testing.M) {
	if os.Getenv(serverEnv) != "" {
		runServerProcess()
	}
	code := m.Run()
	if code == 0 {
		if leak := leaked(10 * time.Second); leak != "" {
			fmt.Fprintf(os.Stderr, "leaked goroutines:\n%s\n", leak)
			code = 1
		}
	}
	os.Exit(code)
}

func leaked(wait time.Duration) string {
	deadline := time.Now().Add(wait)
	for {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		var bad []string
		for _, g := range strings.Split(string(buf), "\n\n") {
			if strings.Contains(g, "gloam/gateway.") || strings.Contains(g, "gloam/transport.") ||
				strings.Contains(g, "coder/websocket.") {
				bad = append(bad, g)
			}
		}
		if len(bad) == 0 {
			return ""
		}
		if time.Now().After(deadline) {
			return strings.Join(bad, "\n\n")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
