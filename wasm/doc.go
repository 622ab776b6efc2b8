// Command wasm is the browser dashboard: gloam compiled to WebAssembly,
// running in the page. `gloam run` builds it and serves it with its page
// (see package dashboard); natively the command only says so.
//
// # Basics
//
// In relay mode (the default, from a link ending in #key=KEY) the page
// opens the bot's feed (/feed) and sends the key in its first message:
// the key lives in the link's fragment, which the browser never sends to
// a server nor puts in a Referer. It reads the feed through
// transport.WebSocketDialer, which is the
// browser's WebSocket under js/wasm, parses each message with
// model.ParseEvent and applies it to its own cache/memory cache with
// cache.Apply, the code path of the bot itself: first a snapshot of the
// bot's cache as READY and GUILD_CREATE dispatches, then the bot's live
// dispatches, tagged with their shard. When the connection ends it
// reconnects with backoff and loads a fresh snapshot; a refused key
// (close code 4401) stops it with a message. The bot's feed never carries
// secrets: interaction and voice tokens and session ids are removed
// before they leave the bot.
//
// In direct mode (#gateway=URL&token=T&shard=N&shards=M, or the form on
// the page) the page runs a gateway.Shard itself through the browser's
// WebSocket and applies its events to the same kind of cache: the browser
// is the bot.
//
// The page shows, updating live: the shards (state, latency, reconnects,
// events per second), the guilds with their member, channel and role
// counts, the last 50 events, a chart of events per second over the last
// five minutes, a member search within a guild by name prefix, and a
// member's effective permissions in a channel from the cache's
// calculator. Elements have stable ids and data attributes (data-shard,
// data-state, data-guild, data-members, data-type, data-bits, data-perm)
// for tests and tools.
//
// # Caveats
//
// A token typed into direct mode is readable by whoever uses the page:
// use it with a fake Discord (gloam run prints a ready link for its
// embedded one) or a bot of your own on a machine of your own. Discord's
// REST API refuses browsers, so the page makes no REST calls.
//
// # Wasm
//
// The state the page renders and the HTML it renders are plain Go
// (state.go, view.go, relay.go), tested natively; only main_js.go touches
// the DOM. The binary leaves out net/http and the REST client: about
// 6.3 MB, 1.7 MB gzipped.
package main
