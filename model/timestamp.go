package model

import (
	"strconv"
	"time"
)

// Timestamp is an ISO 8601 time as Discord sends it. The zero value stands
// for null or absent: it encodes as null (use the omitzero tag option to
// leave it out) and null decodes to it.
type Timestamp struct{ time.Time }

// NewTimestamp wraps t.
func NewTimestamp(t time.Time) Timestamp { return Timestamp{t} }

// MarshalJSON encodes t in RFC 3339 with microseconds, or null when zero.
func (t Timestamp) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	b := make([]byte, 0, 34)
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, "2006-01-02T15:04:05.000000+00:00")
	return append(b, '"'), nil
}

// UnmarshalJSON accepts an RFC 3339 string or null.
func (t *Timestamp) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*t = Timestamp{}
		return nil
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return &TimestampError{Input: string(b)}
	}
	v, err := ParseTimestamp(string(b[1 : len(b)-1]))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// ParseTimestamp parses an ISO 8601 timestamp as Discord writes them
// ("2025-06-01T12:00:00.097000+00:00"); "" gives the zero Timestamp.
func ParseTimestamp(s string) (Timestamp, error) {
	if s == "" {
		return Timestamp{}, nil
	}
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return Timestamp{}, &TimestampError{Input: s}
	}
	return Timestamp{v}, nil
}

// TimestampError reports text that is not an ISO 8601 timestamp.
type TimestampError struct{ Input string }

func (e *TimestampError) Error() string {
	in := e.Input
	if len(in) > 40 {
		in = in[:40] + "..."
	}
	return "model: not a timestamp: " + strconv.Quote(in)
}

// UnixTime is a time sent as whole seconds since 1970 (TYPING_START's
// timestamp). Zero means absent.
type UnixTime int64

// Time converts u.
func (u UnixTime) Time() time.Time { return time.Unix(int64(u), 0).UTC() }

// UnixMilli is a time sent as milliseconds since 1970 (activity timestamps).
// Zero means absent.
type UnixMilli int64

// Time converts u.
func (u UnixMilli) Time() time.Time { return time.UnixMilli(int64(u)).UTC() }
