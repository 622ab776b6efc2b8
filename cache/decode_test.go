package cache

import (
	"testing"

	"github.com/matryer/is"
)

func TestCountElements(t *testing.T) {
	is := is.New(t)
	for raw, want := range map[string]int32{
		`[]`:                        0,
		`[ ]`:                       0,
		`null`:                      0,
		``:                          0,
		`[{}]`:                      1,
		`[ {"a":[1,"]"]} , {}, 3 ]`: 3,
		`[{"title":"a,b"},"x"]`:     2,
	} {
		is.Equal(countElements(raw), want) // raw
	}
}
