//go:build !js

// Package dashboard serves a live dashboard of a running bot: a page, the
// gloam browser app (package wasm, compiled to WebAssembly) and a
// read-only WebSocket feed of the bot's events.
//
// # Basics
//
// New takes a *core.Bot; its Publish method goes in a listener of the
// bot, and the Server is the http.Handler of the page:
//
//	bot := core.New(token, nil)
//	dash := dashboard.New(bot, nil)
//	bot.Listen(func(ctx context.Context, ev core.Event) { dash.Publish(ev) })
//	go func() { dash.SetApp(dashboard.Build(ctx, nil)) }()
//	go http.Serve(ln, dash) // a loopback listener
//	fmt.Println(dash.URL(ln.Addr().String()))
//
// The feed (/feed?key=KEY; 401 without the key, compared in constant time)
// sends each browser one gateway payload per message, with a top-level
// "shard" beside op, s, t and d:
//
//	{"shard":2,"op":0,"s":null,"t":"GUILD_CREATE","d":{...}}
//
// First the shards' health (TypeHealth), then a snapshot of the bot's
// cache as the dispatches a new session gets (READY per shard, then
// GUILD_CREATE per guild built from the cache's records), then
// TypeSnapshotEnd, then every live dispatch of every shard as the bot
// received it, with the health again every HealthInterval. The browser app
// applies each message to its own cache with cache.Apply, as the bot did:
// synthetic types are unknown to gloam and reach code as raw events.
//
// Build compiles the browser app with the Go installation on PATH and
// reads that installation's wasm_exec.js, so the two always match; the
// binary is cached by source hash and Go version. The page serves it
// gzip-compressed to browsers that accept it.
//
// # Caveats
//
// The snapshot is read while the bot runs: a live event applied while it
// is written may reach the browser both in the snapshot and after it.
// Events are idempotent for the cache but for GUILD_MEMBER_REMOVE, which
// may then count a guild's member_count down twice in the browser. Cached
// messages are not part of the snapshot.
//
// A browser that falls QueueLength messages behind is disconnected with
// close code CloseTooSlow: a slow browser never slows the bot. The page
// reconnects by itself and gets a fresh snapshot.
//
// The key travels in the page's URL; serve the dashboard on loopback (or
// behind TLS) and share the URL as a secret. The feed checks the Origin
// of the WebSocket handshake, so other sites cannot read it from a
// visitor's browser.
package dashboard
