package rest

import (
	"bytes"
	"encoding/json"
)

// Nullable is a field of a PATCH body that Discord lets a request leave
// out (keep the value), set to null (clear it, e.g. disconnect a member
// from voice or remove a channel's category) or set to a value. The zero
// Nullable is left out; Null and Some make the others:
//
//	rest.MemberModify{ChannelID: rest.Null[model.ChannelID]()} // disconnect
//	rest.MemberModify{Nick: rest.Some("quiet")}
//
// It is encoded with the omitzero option, which leaves out the zero value.
type Nullable[T any] struct {
	v     T
	state nullState
}

type nullState uint8

const (
	absent nullState = iota
	null
	present
)

// Some is a Nullable set to v.
func Some[T any](v T) Nullable[T] { return Nullable[T]{v: v, state: present} }

// Null is a Nullable set to null.
func Null[T any]() Nullable[T] { return Nullable[T]{state: null} }

// IsZero reports a field left out; encoding/json's omitzero calls it.
func (n Nullable[T]) IsZero() bool { return n.state == absent }

// IsNull reports a field set to null.
func (n Nullable[T]) IsNull() bool { return n.state == null }

// Get returns the value and whether there is one (false when left out
// or null).
func (n Nullable[T]) Get() (T, bool) { return n.v, n.state == present }

// MarshalJSON encodes null or the value. A field left out is encoded as
// null too, when the struct field lacks omitzero.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if n.state != present {
		return []byte("null"), nil
	}
	return json.Marshal(n.v)
}

// UnmarshalJSON reads null or a value; a field missing from the JSON
// stays left out.
func (n *Nullable[T]) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*n = Null[T]()
		return nil
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*n = Some(v)
	return nil
}
