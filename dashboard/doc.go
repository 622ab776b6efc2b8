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
//	dash.SetApp(app, nil)   // the browser app the program built
//	go http.Serve(ln, dash) // a loopback listener
//	fmt.Println(dash.URL(ln.Addr().String()))
//
// The URL carries the access key in its fragment (/#key=KEY), which
// browsers send to no server. The page opens the feed (/feed, a
// WebSocket) and sends {"key":"KEY"} as its first message; a client that
// can set headers may send "Authorization: Bearer KEY" instead. The key is
// compared in constant time; a wrong or missing key closes the feed with
// CloseUnauthorized (a plain HTTP request gets 401), and a key in the
// query string is ignored. A connection has 10 s to send its key, and at
// most 64 wait at once: more get 503. The feed sends each browser one gateway
// payload per message, with a top-level "shard" beside op, s, t and d:
//
//	{"shard":2,"op":0,"s":null,"t":"GUILD_CREATE","d":{...}}
//
// First the shards' health (TypeHealth) and the bot's figures (TypeStats:
// what core.Bot.Stats reads, the figures /metrics exports too), then a
// snapshot of the bot's cache as the dispatches a new session gets (READY
// per shard, then GUILD_CREATE per guild built from the cache's records),
// then TypeSnapshotEnd, then every live dispatch of every shard as the bot
// received it, with the health and the figures again every HealthInterval.
// The browser app applies each message to its own cache with cache.Apply,
// as the bot did: synthetic types are unknown to gloam and reach code as
// raw events.
//
// Secrets never leave the bot: Publish removes every member named token,
// session_id or resume_gateway_url, at any depth of any event (an
// INTERACTION_CREATE's token, a VOICE_SERVER_UPDATE's token, a READY's
// session), and the snapshot carries none.
//
// The dashboard never builds the browser app: the program does (gloam run
// builds it with the go command when it starts) and gives it with SetApp,
// which compresses it once; the page serves it gzip-compressed to
// browsers that accept it. No request runs anything.
//
// # Caveats
//
// The snapshot is read while the bot runs: a live event applied while it
// is written may reach the browser both in the snapshot and after it.
// Events are idempotent for the cache but for GUILD_MEMBER_REMOVE, which
// may then count a guild's member_count down twice in the browser. Cached
// messages are not part of the snapshot.
//
// A browser that falls more than Options.QueueBytes behind is
// disconnected with close code CloseTooSlow and a reason: a slow browser
// never slows the bot nor holds more of its memory than that. The page
// reconnects by itself and gets a fresh snapshot.
//
// The feed is plain ws:// on the address given; serve the dashboard on
// loopback (or behind TLS) and share the URL as a secret. The feed checks
// the Origin of the WebSocket handshake, so other sites cannot read it
// from a visitor's browser. The feed redacts by member name: a secret
// that an unknown future event carries under another name is forwarded.
package dashboard
