// Package cachetest checks that a cache.Backend keeps the cache's
// contract, in the manner of testing/slogtest.
//
// # Basics
//
// A backend's tests call Run with a function that returns a fresh, empty
// backend:
//
//	func TestConformance(t *testing.T) {
//		cachetest.Run(t, func(t *testing.T) cache.Backend { return mybackend.New() })
//	}
//
// Run applies the whole vocabulary of gateway events the cache handles
// (built as JSON payloads and parsed with model.ParseEvent) through a
// cache.Cache over the backend, and compares every value read back with
// what Discord sent, field for field: guilds available, unavailable and
// left; channels, threads and thread syncs; roles; members added, updated,
// removed and chunked, with their users shared between guilds and freed
// with the last one; presences; voice states; emojis; stickers; stage
// instances, scheduled events with their user counts, soundboard sounds,
// integrations, thread members, DMs and group DMs with their recipients
// (and that, switched off, they are not read), bounded by
// Options.PrivateChannels with the least recently active removed first,
// also by a second Cache over the same backend; messages with every field
// of their attachments and reference, their reactions, the bounded ring
// (the newest kept whatever the order they came in, checked against a
// model) and TrimMessages; sessions and blobs (and that Durable keeps its answer);
// permissions; statistics; iteration while reading; concurrent use.
//
// # Caveats
//
// Each payload's bytes are overwritten after it is applied, so a backend
// that keeps strings pointing into the frame, instead of copies, fails.
// Empty and nil slices count as equal. Subtests run one after another;
// newBackend is called once per subtest.
package cachetest
