package gateway_test

import (
	"os"
	"testing"
	"time"

	"github.com/gloamdev/gloam/gateway"

	"github.com/gloamdev/gloam/internal/leaktest"
)

// TestMain fails the run when a test leaves goroutines (of the shard, the
// transport or the WebSocket library) behind.
func TestMain(m *testing.M) {
	if os.Getenv(serverEnv) != "" {
		runServerProcess()
	}
	// The fake gateways of the tests beat every 50 to 100 ms.
	gateway.SetMinHeartbeat(time.Millisecond)
	leaktest.Main(m, nil)
}
