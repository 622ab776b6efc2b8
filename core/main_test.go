package core_test

import (
	"testing"

	"github.com/gloamdev/gloam/internal/leaktest"
)

// TestMain fails the run when a test leaves goroutines (of the bot, its
// shards, the transport or the WebSocket library) behind.
func TestMain(m *testing.M) { leaktest.Main(m, nil) }
