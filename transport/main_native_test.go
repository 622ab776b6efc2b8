//go:build !js

package transport_test

import (
	"testing"

	"github.com/gloamdev/gloam/internal/leaktest"
)

// TestMain fails the run when connections or their goroutines outlive
// the tests.
func TestMain(m *testing.M) { leaktest.Main(m, nil) }
