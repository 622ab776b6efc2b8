package gateway

import (
	"fmt"
	"log/slog"
)

// redacted is what a token prints as.
const redacted = "[redacted]"

// secret holds the bot token. fmt does not call the methods of
// unexported fields: printing a Shard walks its fields by reflection, and
// a verb a pointer does not support prints the value it points to. Two
// pointers deep, every verb shows an address at most. Every way of
// formatting a secret itself shows redacted.
type secret struct{ p *string }

func newSecret(s string) *secret { return &secret{p: &s} }

// value is the token.
func (s *secret) value() string { return *s.p }

func (*secret) String() string               { return redacted }
func (*secret) GoString() string             { return redacted }
func (*secret) Format(f fmt.State, _ rune)   { f.Write([]byte(redacted)) }
func (*secret) LogValue() slog.Value         { return slog.StringValue(redacted) }
func (*secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }
func (*secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }
