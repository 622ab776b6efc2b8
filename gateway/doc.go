// Package gateway runs Discord gateway shards: Hello, heartbeats,
// Identify, Resume, reconnects through every documented fault, zlib-stream
// and zstd-stream transport compression, and rate-limited commands.
//
// # Basics
//
// A Shard is one gateway connection. NewShard takes the shard's id and
// count, the bot token and *Options (nil for defaults); Run connects and
// stays connected until its ctx is done:
//
//	sh := gateway.NewShard(0, 1, token, &gateway.Options{
//		Intents: model.IntentGuilds | model.IntentGuildMessages,
//		Handler: func(ev model.Event) {
//			if ev.Type == model.EventMessageCreate {
//				fmt.Println(ev.Get("content").Str)
//			}
//		},
//	})
//	err := sh.Run(ctx)
//
// Dispatches reach Options.Handler as lazy model.Events: the shard reads
// each payload's envelope (op, s, t) once and decodes d only for the few
// payloads it acts on itself (Hello, READY, Invalid Session). The Handler
// runs on the goroutine that reads the connection, one event at a time in
// sequence order; while it runs nothing more is read, so a slow consumer
// slows the shard down but never loses an event. Options.Events drops
// unwanted types before they reach it.
//
// The shard resumes whenever Discord allows it (op 7, op 9 with d true,
// resumable close codes, dropped and zombie connections), on
// resume_gateway_url, and identifies only when the session is gone (op 9
// with d false, close codes 4003, 4007 and 4009, or MaxResumeAttempts
// failed resumes in a row). Close codes 4004 and 4010 to 4014 end Run with
// a *CloseError matching ErrAuthenticationFailed, ErrInvalidShard,
// ErrShardingRequired, ErrInvalidAPIVersion, ErrInvalidIntents or
// ErrDisallowedIntents; its Code is a CloseCode, named for Discord's codes
// (CloseAuthenticationFailed...), whose Reconnect and Resumable say what
// Discord allows after it. Failed attempts back off exponentially with
// jitter, and even after a connection that worked the next dial waits a
// little: a server that accepts and drops every connection is dialled at
// a falling rate, never in a loop.
//
// A resume URL, from READY or from a stored Session, is dialled only when
// it is no weaker than the gateway URL (never ws where that is wss) and
// its host is the gateway URL's or shares its domain; otherwise the shard
// resumes on the gateway URL and logs why (ErrResumeURL). A resume URL
// that refuses dials or sends no Hello counts as a failed resume and is
// given up for the gateway URL after MaxResumeAttempts-1 tries.
//
// Identify waits on Options.IdentifyQueue, one small interface, so that a
// cluster of shards can share Discord's max_concurrency buckets.
//
// Session returns the session id, sequence number and resume URL; given
// back in Options.Session (with KeepSession set on the previous run) it
// lets a restarted process resume instead of identifying. Health reports
// the state, the heartbeat round trip, the reconnect, identify and resume
// counts and the reason the last connection ended.
//
// # Caveats
//
// The token never shows when a Shard is printed with fmt or log/slog.
// What the server sends is bounded before use: Hello's heartbeat interval
// is clamped to 1 s .. 10 min (with a Warn on Options.Logger).
//
// Commands (UpdatePresence, UpdateVoiceState, RequestGuildMembers,
// RequestSoundboardSounds, RequestChannelInfo) wait for room under
// Discord's limit of 120 payloads per 60 s per connection, part of which
// is kept for heartbeats; payloads over 4096 bytes are refused with
// ErrPayloadTooLarge before anything is sent. Commands are not queued
// across reconnects: while the shard has no connection they fail with
// ErrNotConnected.
//
// Cancelling Run's ctx closes with code 1000, which ends the session
// (the bot goes offline); with Options.KeepSession it closes with 4000 and
// the session stays resumable for a few minutes. Run returns only after
// the Handler has returned.
//
// An idle connected shard holds two goroutines and, measured with 200
// shards (BenchmarkIdleShards), about 5 KiB of heap without compression
// and 10 KiB with zlib-stream, plus 10 to 20 KiB of goroutine stacks.
// zlib-stream keeps up to 32 KiB of history once a connection has carried
// that much; a busy connection also keeps a decompressor (about 40 KiB)
// from message to message, and gives it back, to at most 32 kept for all
// shards, once idle for 50 to 100 ms. zstd-stream runs a third goroutine
// for its decoder and holds about 100 KiB of heap while idle: its history
// is 16 KiB until the stream reaches further back, and only then the
// window the server declares (a MiB from Discord). Messages are decoded
// into scratch buffers shared by all shards, and each event costs one
// allocation of exactly its bytes.
//
// Every zlib-stream message ends with a sync flush, on a deflate block
// boundary: a connection's kept decompressor reads the next message on
// where the last ended, and one taken afresh starts with the last 32 KiB
// of earlier output as its dictionary; a message is whole when its bytes
// run out right after the flush. zstd-stream runs a streaming decoder on
// a goroutine of its own per connection, reading each message from a
// pipe that blocks between messages; the shard follows the zstd block
// headers itself, so a message that ends mid-block waits for the rest of
// its block in the next message. The decoder is first told a 16 KiB
// window, smaller than the frame declares, which decodes the same bytes
// or fails, never other bytes; meanwhile the shard keeps the frame's
// compressed bytes (at most 16 KiB), and when the decoder fails it starts
// the frame again from them with the declared window and drops them. A
// connection's first few tens of KiB may thus be decoded twice.
//
// Decompressed payloads are bounded by Options.MaxPayloadSize (64 MiB by
// default), checked while decoding: a small compressed message that
// would inflate past it ends the connection with ErrPayloadOverLimit and
// the shard reconnects.
//
// # Wasm
//
// Everything works the same under GOOS=js GOARCH=wasm: decompression is
// pure Go, and transport.WebSocketDialer uses the browser's WebSocket.
// Browsers do not let a page set the User-Agent.
package gateway
