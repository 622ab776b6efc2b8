package model

import (
	"math/bits"
	"strconv"
	"strings"
)

// Intents selects the gateway events a session receives. Bits gloam does
// not name are kept as they are.
type Intents uint64

// Has reports whether every bit of o is set in i.
func (i Intents) Has(o Intents) bool { return i&o == o }

// Privileged is the part of i that needs approval in the developer portal.
func (i Intents) Privileged() Intents {
	return i & (IntentGuildMembers | IntentGuildPresences | IntentMessageContent)
}

// String lists the named bits, joined by "|", with unknown bits in hex.
func (i Intents) String() string { return flagString(uint64(i), intentNames[:]) }

// IntentsAll is every documented intent.
var IntentsAll = func() Intents {
	var all Intents
	for _, n := range intentNames {
		all |= Intents(n.bit)
	}
	return all
}()

// IntentsNonPrivileged is every documented intent that needs no approval.
var IntentsNonPrivileged = IntentsAll &^ IntentsAll.Privileged()

// Permissions is a permission bitset. It is JSON as a decimal string (and
// also accepts a number); bits gloam does not name are kept.
type Permissions uint64

// PermissionsAll is every documented permission.
var PermissionsAll = func() Permissions {
	var all Permissions
	for _, n := range permissionNames {
		all |= Permissions(n.bit)
	}
	return all
}()

// Has reports whether every bit of o is set in p.
func (p Permissions) Has(o Permissions) bool { return p&o == o }

// String lists the named bits, joined by "|", with unknown bits in hex.
func (p Permissions) String() string { return flagString(uint64(p), permissionNames[:]) }

// MarshalJSON encodes p as a decimal string.
func (p Permissions) MarshalJSON() ([]byte, error) { return appendSnowflake(nil, uint64(p)), nil }

// UnmarshalJSON accepts a decimal string or a number.
func (p *Permissions) UnmarshalJSON(b []byte) error {
	v, err := parseSnowflakeJSON(b)
	if err != nil {
		return &FlagsError{Input: string(b)}
	}
	*p = Permissions(v)
	return nil
}

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
