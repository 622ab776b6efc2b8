package memory_test

import (
	"testing"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/cachetest"
	"github.com/gloamdev/gloam/cache/memory"
	"github.com/matryer/is"
)

func TestConformance(t *testing.T) {
	cachetest.Run(t, func(t *testing.T) cache.Backend { return memory.New() })
}

func TestDurable(t *testing.T) {
	is := is.New(t)
	is.True(!memory.New().Durable()) // the heap ends with the process
}
