package prom_test

import (
	"testing"

	"github.com/gloamdev/gloam/internal/leaktest"
)

func TestMain(m *testing.M) { leaktest.Main(m, nil) }
