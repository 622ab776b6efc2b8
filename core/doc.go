// Package core drives many gateway shards, the REST client and the cache as
// one bot.
//
// # Basics
//
// New takes the bot's token and *Options (nil for defaults); Run connects
// and runs the bot until its ctx is done. Events reach Options.Handler
// tagged with their shard, after the cache has applied them:
//
//	bot = core.New(token, &core.Options{
//		Intents: model.IntentGuildMessages | model.IntentMessageContent,
//		Handler: func(ctx context.Context, ev core.Event) {
//			if ev.Type != model.EventMessageCreate || ev.Get("content").Str != "!ping" {
//				return
//			}
//			m, _ := ev.MessageCreate()
//			bot.REST().CreateMessage(ctx, m.ChannelID(), &rest.MessageCreate{Content: "Pong!"})
//		},
//	})
//	err := bot.Run(ctx)
//
// Run asks GET /gateway/bot where to connect, how many shards to run
// (unless Options.Shards fixes the count) and how many identifies Discord
// allows: max_concurrency buckets (shard_id % max_concurrency) of one
// identify per 5 seconds each, and a daily session start limit. The Bot's
// identify queue keeps to both: when the day's session starts are spent it
// waits for the reset rather than identify and get the token reset. It
// stores what it has spent in the cache, so a process that crashes and
// starts again in a loop cannot spend more. Options.Shards can also run a
// range of the shard ids, to spread one bot over several machines.
//
// Every event goes to the cache (Cache.Apply) before the Handler sees it,
// and each shard's session (id, sequence number, resume URL) is stored in
// the cache with the event that moved it. With a cache that outlives the
// process (cache/bolt), stopping Run leaves the sessions resumable and
// the next process resumes every shard from where its cache stands:
// events missed while it was down are replayed, and nothing is identified
// again. The REST limiter's state is stored there too when Run returns, and
// read back by New.
//
// Close code 4011 (sharding required) on any shard stops all of them, asks
// GET /gateway/bot again and starts the recommended count; the cache is
// kept. A rejected token (a 401 from GET /gateway/bot, or close code 4004)
// ends Run with an error matching ErrInvalidToken; the other codes Discord
// says not to retry (4010, 4012 to 4014) end it with a *ShardError.
//
// Health reports each shard's state, heartbeat latency, reconnects and
// events per second; REST and Cache give the REST client and the cache.
//
// # Caveats
//
// The Handler runs on the reading goroutine of the event's shard: a slow
// Handler slows its shard (which never loses events for it) but not the
// others. Start goroutines in the Handler for long work.
//
// Events are delivered once per process: a resumed session does not
// repeat what the shard already handed over. Across a crash, the events
// after the last write of the cache are replayed to the next process, so
// a bot that must not act twice on one message (reply twice, say) makes
// its requests idempotent, as with a message nonce and enforce_nonce.
//
// A reshard identifies every shard again and sends each guild's
// GUILD_CREATE once more; the cache takes them as updates. Guilds left
// while a shard was down are not removed from the cache until Discord
// says so.
//
// The Bot does not close the cache backend; close it after Run returns.
//
// # Wasm
//
// core builds under GOOS=js GOARCH=wasm and uses the browser's WebSocket
// (through transport) and fetch (through net/http) there; its tests run
// natively only, as they need listening sockets. cache/bolt does not exist there; use cache/memory
// (the default). Browsers do not let a page set the User-Agent. A bot
// token given to a page is readable by whoever uses the page: keep real
// tokens to pages only their owner opens, or run against discordtest.
package core
