// Package wire is gloam's one JSON reader: the scanning primitives
// (SkipSpace, SkipString, SkipValue), the parsers of what Discord's JSON
// carries (ParseUint for snowflakes, ParseInt, Unescape for strings,
// ParseTime for timestamps), a strict checker (Valid), and Dec, a pull
// decoder that walks a payload once, left to right, handing each object
// key to a callback that reads the value it wants and skips the rest.
//
// # Basics
//
// model builds its lazy views and its event envelope on the primitives;
// the cache reads events with Dec. Nothing is allocated except the
// unescaped copies of strings that contain escapes; other strings point
// into the input.
//
// # Caveats
//
// Malformed input never panics: a Dec stops, Err reports it, and every
// read from then on gives a zero value. Skipping matches brackets and
// quotes only; Valid and Dec.RawStrict check the whole grammar.
package wire
