package model

import (
	"encoding/json"
	"errors"
	"strconv"
	"unsafe"

	"github.com/gloamdev/gloam/internal/wire"
	"github.com/tidwall/gjson"
)

// Opcode is a gateway opcode.
type Opcode int

// Gateway opcodes, as documented.
const (
	OpDispatch                Opcode = 0
	OpHeartbeat               Opcode = 1
	OpIdentify                Opcode = 2
	OpPresenceUpdate          Opcode = 3
	OpVoiceStateUpdate        Opcode = 4
	OpResume                  Opcode = 6
	OpReconnect               Opcode = 7
	OpRequestGuildMembers     Opcode = 8
	OpInvalidSession          Opcode = 9
	OpHello                   Opcode = 10
	OpHeartbeatACK            Opcode = 11
	OpRequestSoundboardSounds Opcode = 31
	OpRequestChannelInfo      Opcode = 43
)

// EventType is a dispatch event name as a small number. EventUnknown stands
// for every name gloam does not know; such events are still delivered, with
// their name in Event.Name.
type EventType uint8

// String is Discord's name of the event, e.g. "MESSAGE_CREATE"; "" for
// EventUnknown.
func (t EventType) String() string {
	if t >= eventTypeCount {
		return ""
	}
	return eventNames[t]
}

// EventTypes lists every known event type.
func EventTypes() []EventType {
	ts := make([]EventType, 0, eventTypeCount-1)
	for t := EventType(1); t < eventTypeCount; t++ {
		ts = append(ts, t)
	}
	return ts
}

var eventByName = func() map[string]EventType {
	m := make(map[string]EventType, eventTypeCount)
	for t := EventType(1); t < eventTypeCount; t++ {
		m[eventNames[t]] = t
	}
	return m
}()

// ParseEventType maps a dispatch name to its type; unknown names give
// EventUnknown.
func ParseEventType(name string) EventType { return eventByName[name] }

// EventTypeSet is a set of event types, for choosing what to decode. The
// zero value is empty; EventUnknown is a member like any other, standing
// for all unknown names.
type EventTypeSet [2]uint64

// AllEventTypes holds every event type, known and unknown.
var AllEventTypes = func() EventTypeSet {
	var s EventTypeSet
	for t := EventType(0); t < eventTypeCount; t++ {
		s = s.With(t)
	}
	return s
}()

// NewEventTypeSet holds the given types.
func NewEventTypeSet(ts ...EventType) EventTypeSet {
	var s EventTypeSet
	for _, t := range ts {
		s = s.With(t)
	}
	return s
}

// Has reports whether t is in s.
func (s EventTypeSet) Has(t EventType) bool { return s[t>>6&1]&(1<<(t&63)) != 0 }

// With returns s with t added.
func (s EventTypeSet) With(t EventType) EventTypeSet { s[t>>6&1] |= 1 << (t & 63); return s }

// Without returns s with t removed.
func (s EventTypeSet) Without(t EventType) EventTypeSet { s[t>>6&1] &^= 1 << (t & 63); return s }

// Union returns the types in s or o.
func (s EventTypeSet) Union(o EventTypeSet) EventTypeSet {
	return EventTypeSet{s[0] | o[0], s[1] | o[1]}
}

// Event is one gateway payload, decoded lazily: ParseEvent reads only the
// envelope (op, s, t) and remembers where d lies. Nothing of d is decoded
// until a view or Decode asks for it.
//
// When op, s and t come before d and d is the payload's last member (the
// order Discord sends), ParseEvent does not even walk d: its structure is
// checked by the first view, Data or Decode that reads it.
//
// An Event refers to the bytes it was parsed from and does not copy them;
// the caller must not change them while the Event is in use.
type Event struct {
	Op   Opcode
	Seq  int64     // s, or 0 when null or absent
	Type EventType // the known type of t; EventUnknown otherwise

	raw  string // the whole payload
	name string // t as sent; "" when null or absent
	d    string // d as raw JSON; "" when absent
	lazy bool   // d was taken to run to the payload's end, unchecked
}

// ErrMalformed is wrapped by every error ParseEvent returns.
var ErrMalformed = errors.New("model: malformed gateway payload")

// PayloadError says what is wrong with a gateway payload.
type PayloadError struct {
	Field  string // the envelope field at fault ("" for the payload itself)
	Reason string
}

func (e *PayloadError) Error() string {
	if e.Field == "" {
		return "model: malformed gateway payload: " + e.Reason
	}
	return "model: malformed gateway payload: " + e.Field + ": " + e.Reason
}

func (e *PayloadError) Unwrap() error { return ErrMalformed }

// ParseEvent reads the envelope of one gateway payload. It walks the top
// level once and decodes nothing of d: it skips over d, or does not walk it
// at all when d comes last (see Event). Malformed input gives a
// *PayloadError, never a panic.
func ParseEvent(payload []byte) (Event, error) {
	raw := unsafe.String(unsafe.SliceData(payload), len(payload))
	return parseEnvelope(raw, true)
}

// ParseEventString is ParseEvent for a string.
func ParseEventString(raw string) (Event, error) { return parseEnvelope(raw, true) }

const (
	sawOp = 1 << iota
	sawS
	sawT
	sawEnvelope = sawOp | sawS | sawT
)

// parseEnvelope reads op, s, t and the extent of d. With lazy set, a d
// object that comes last, after op, s and t, is not walked: it is taken
// to end at the payload's last closing brace but one.
func parseEnvelope(raw string, lazy bool) (Event, error) {
	ev := Event{raw: raw}
	i := wire.SkipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return Event{}, &PayloadError{Reason: "not a JSON object"}
	}
	i = wire.SkipSpace(raw, i+1)
	seen := 0
	for i < len(raw) && raw[i] != '}' {
		if raw[i] != '"' {
			return Event{}, &PayloadError{Reason: "a key is not a string"}
		}
		k, esc := wire.SkipString(raw, i)
		if k < 0 {
			return Event{}, &PayloadError{Reason: "truncated"}
		}
		key := raw[i+1 : k-1]
		if esc {
			key = rawString(raw[i:k])
		}
		i = wire.SkipSpace(raw, k)
		if i >= len(raw) || raw[i] != ':' {
			return Event{}, &PayloadError{Reason: "no colon after a key"}
		}
		i = wire.SkipSpace(raw, i+1)
		if key == "d" && lazy && seen == sawEnvelope && i < len(raw) && raw[i] == '{' {
			if end := lastMemberEnd(raw); end > i+1 {
				ev.d, ev.lazy = raw[i:end], true
				return ev, nil
			}
		}
		v := wire.SkipValue(raw, i)
		if v < 0 || v == i {
			return Event{}, &PayloadError{Field: clipKey(key), Reason: "malformed or truncated"}
		}
		if err := ev.setEnvelope(key, raw[i:v], &seen); err != nil {
			return Event{}, err
		}
		i = wire.SkipSpace(raw, v)
		if i < len(raw) && raw[i] == ',' {
			i = wire.SkipSpace(raw, i+1)
			if i < len(raw) && raw[i] == '}' {
				return Event{}, &PayloadError{Reason: "a comma before the closing brace"}
			}
		} else if i < len(raw) && raw[i] != '}' {
			return Event{}, &PayloadError{Reason: "no comma between members"}
		}
	}
	if i >= len(raw) {
		return Event{}, &PayloadError{Reason: "truncated"}
	}
	if wire.SkipSpace(raw, i+1) != len(raw) {
		return Event{}, &PayloadError{Reason: "data after the object"}
	}
	if seen&sawOp == 0 {
		return Event{}, &PayloadError{Field: "op", Reason: "missing"}
	}
	return ev, nil
}

func (ev *Event) setEnvelope(key, value string, seen *int) error {
	switch key {
	case "op":
		if !isInt(value) {
			return &PayloadError{Field: "op", Reason: "not an integer: " + clip(value)}
		}
		ev.Op = Opcode(rawInt(value))
		*seen |= sawOp
	case "s":
		*seen |= sawS
		if value == "null" {
			return nil
		}
		if !isInt(value) {
			return &PayloadError{Field: "s", Reason: "not an integer: " + clip(value)}
		}
		ev.Seq = rawInt(value)
	case "t":
		*seen |= sawT
		if value == "null" {
			return nil
		}
		if value[0] != '"' {
			return &PayloadError{Field: "t", Reason: "not a string: " + clip(value)}
		}
		ev.name = rawString(value)
		ev.Type = eventByName[ev.name]
	case "d":
		ev.d = value
	}
	return nil
}

// lastMemberEnd is the index just past the '}' that precedes the payload's
// closing brace, or -1.
func lastMemberEnd(raw string) int {
	j := len(raw) - 1
	for j >= 0 && wire.IsSpace(raw[j]) {
		j--
	}
	if j < 0 || raw[j] != '}' {
		return -1
	}
	j--
	for j >= 0 && wire.IsSpace(raw[j]) {
		j--
	}
	if j < 0 || raw[j] != '}' {
		return -1
	}
	return j + 1
}

func clipKey(k string) string {
	if len(k) > 32 {
		return k[:32] + "..."
	}
	return k
}

// checked returns e with d's extent walked and the whole payload checked,
// when ParseEvent deferred that.
func (e Event) checked() (Event, error) {
	if !e.lazy {
		return e, nil
	}
	return parseEnvelope(e.raw, false)
}

// Name is t as sent, e.g. "MESSAGE_CREATE"; "" for payloads that are not
// dispatches. For unknown events it is the only way to tell them apart.
func (e Event) Name() string { return e.name }

// Raw is the whole payload.
func (e Event) Raw() string { return e.raw }

// Data is d as raw JSON: "" when the payload had none. When ParseEvent
// deferred walking d, Data walks it (once per call) to find where it ends;
// if the payload is malformed there, Data is "".
func (e Event) Data() string {
	if e.lazy {
		c, err := e.checked()
		if err != nil {
			return ""
		}
		return c.d
	}
	return e.d
}

// Get reads one field of d by gjson path (e.g. "author.id") without
// decoding anything else.
func (e Event) Get(path string) gjson.Result { return gjson.Get(e.d, path) }

// DecodeData decodes d into v with encoding/json.
func (e Event) DecodeData(v any) error {
	e, err := e.checked()
	if err != nil {
		return err
	}
	if e.d == "" {
		return &PayloadError{Field: "d", Reason: "missing"}
	}
	if err := json.Unmarshal(unsafe.Slice(unsafe.StringData(e.d), len(e.d)), v); err != nil {
		return &DecodeError{Event: e.name, Err: err}
	}
	return nil
}

// DecodeError reports a d that does not decode into its model type.
type DecodeError struct {
	Event string // the event name
	Err   error
}

func (e *DecodeError) Error() string {
	return "model: decode " + e.Event + ": " + e.Err.Error()
}

func (e *DecodeError) Unwrap() error { return e.Err }

func isInt(raw string) bool {
	if raw == "" {
		return false
	}
	i := 0
	if raw[0] == '-' {
		i = 1
	}
	if i == len(raw) || i+19 < len(raw) {
		return false
	}
	for ; i < len(raw); i++ {
		if raw[i] < '0' || raw[i] > '9' {
			return false
		}
	}
	return true
}

func clip(s string) string {
	if len(s) > 32 {
		s = s[:32] + "..."
	}
	return strconv.Quote(s)
}
