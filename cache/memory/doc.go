// Package memory is a compact in-memory cache backend.
//
// # Basics
//
//	c := cache.New(memory.New(), nil)
//
// Backend stores only what the cache returns, as small Go values: users in
// 48 bytes (the avatar hash as 16 bytes; both names back to back in an
// arena of 64 KiB chunks rather than allocations of their own), members
// in 32 bytes (up to seven roles inline as indexes into their guild's role
// table; nick and rarer fields in a side record), presences with statuses
// as one-byte codes and activity texts packed in one string, repeated
// strings (activity names, features, locales) interned. Users, members
// and presences live in dense tables with an open-addressing index (a few
// bytes per entry, against a Go map's 30-60%); the few channels, roles,
// emojis and the like of a guild in ordinary maps. A 25,000-member guild
// takes about 4.5 MiB. A channel's messages live in a circular buffer
// sized to the cache's limit: a new message and the eviction of the
// oldest move no other message.
//
// # Caveats
//
// A Backend lives as long as the process: use cache/bolt to keep the cache
// across restarts. Update cannot roll back: changes made by a function
// that fails stay (the cache makes its functions fail only before they
// change anything). Iteration over members copies them out 64 at a time,
// so that it never holds the lock while the loop body runs.
//
// # Wasm
//
// The package builds and runs under GOOS=js GOARCH=wasm unchanged.
package memory
