package gateway_test

import (
	"os"
	"testing"

	"github.com/gloamdev/gloam/internal/leaktest"
)

// TestMain fails the run when a test leaves goroutines (of the shard, the
// transport or the WebSocket library) behind.
func TestMain(m *testing.M) {
	if os.Getenv(serverEnv) != "" {
		runServerProcess()
	}
	leaktest.Main(m, nil)
}
