package model

import (
	"math/bits"
	"strconv"
	"strings"
)

// FlagsError reports a bitset that is not a number.
type FlagsError struct{ Input string }

func (e *FlagsError) Error() string {
	in := e.Input
	if len(in) > 40 {
		in = in[:40] + "..."
	}
	return "model: not a bitset: " + in
}

type flagName struct {
	bit  uint64
	name string
}

func flagString(v uint64, names []flagName) string {
	if v == 0 {
		return "0"
	}
	var b strings.Builder
	for _, n := range names {
		if v&n.bit != 0 {
			if b.Len() > 0 {
				b.WriteByte('|')
			}
			b.WriteString(n.name)
			v &^= n.bit
		}
	}
	for v != 0 {
		bit := uint64(1) << bits.TrailingZeros64(v)
		v &^= bit
		if b.Len() > 0 {
			b.WriteByte('|')
		}
		b.WriteString("0x")
		b.WriteString(strconv.FormatUint(bit, 16))
	}
	return b.String()
}
