//go:build !js

package bolt

import (
	"cmp"
	"slices"
)

// sortEntries sorts entries by ID: a radix sort for large groups (a
// GUILD_CREATE's members), which are written in key order.
func sortEntries(e []entry) {
	if len(e) < 256 {
		slices.SortFunc(e, func(x, y entry) int { return cmp.Compare(x.id, y.id) })
		return
	}
	tmp := make([]entry, len(e))
	src, dst := e, tmp
	for shift := 0; shift < 64; shift += 8 {
		var count [256]int
		for i := range src {
			count[byte(src[i].id>>shift)]++
		}
		if count[byte(src[0].id>>shift)] == len(src) {
			continue // every ID has this byte: nothing to move
		}
		pos := 0
		for i, c := range count {
			count[i] = pos
			pos += c
		}
		for i := range src {
			d := byte(src[i].id >> shift)
			dst[count[d]] = src[i]
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &e[0] {
		copy(e, src)
	}
}
