// Package model holds the Discord API v10 objects, enums and bitflags, typed
// snowflake IDs, and the gateway events, decoded lazily.
//
// # Basics
//
// ParseEvent reads the envelope of a gateway payload (op, s, t) in one pass
// and leaves d untouched. Typed views and Event.DecodeData read d on demand,
// so an event nobody looks at costs only its envelope.
//
// # Caveats
//
// Unknown values are kept, never dropped: unknown enum numbers, bitflag bits,
// component and channel types survive a decode/encode round trip, and unknown
// dispatch names arrive as events of type EventUnknown with their name.
//
// An Event refers to the payload bytes it was parsed from; keep them
// unchanged while the Event is in use.
package model
