package memory_test

import (
	"testing"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/cachetest"
	"github.com/gloamdev/gloam/cache/memory"
)

func TestConformance(t *testing.T) {
	cachetest.Run(t, func(t *testing.T) cache.Backend { return memory.New() })
}
