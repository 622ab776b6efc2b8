// Package core drives many gateway shards, the REST client and the cache as
// one bot.
//
// # Basics
//
// New takes the bot's token and *Options (nil for defaults); listeners
// register for the events they want; Run connects and runs the bot until
// its ctx is done:
//
//	bot := core.New(token, &core.Options{
//		Intents: model.IntentGuildMessages | model.IntentMessageContent,
//	})
//	core.On(bot, func(ctx context.Context, ev core.Event, m model.MessageCreateView) {
//		if m.Content() == "!ping" {
//			ev.Bot.REST().CreateMessage(ctx, m.ChannelID(), &rest.MessageCreate{Content: "Pong!"})
//		}
//	})
//	err := bot.Run(ctx)
//
// On registers a typed listener: the type of its last parameter (a
// Payload) chooses the event and how it is read, a lazy view
// (model.MessageCreateView, model.InteractionCreateView, ...) that reads
// fields on demand, or the struct the event decodes into
// (*model.GuildBanAdd). Bot.Listen registers an untyped Listener for some
// or all event types, and Bot.Events gives the events as one stream for a
// bot written as a loop. Every listener gets a core.Event: the event, its
// shard, and the Bot, through which it reaches the REST client, the cache
// and the shards. Only the types some listener asked for are handed over,
// and nothing of an event is decoded unless a listener reads it.
//
// Listeners of one event run in the order they were registered.
// Middleware (Bot.Use) wraps the delivery of each event to its listeners
// as net/http middleware wraps a mux, the first one outermost. Events
// that come from elsewhere than the Bot's shards (a queue fed by gateway
// processes) go through the same cache, middleware and listeners with
// Bot.Deliver, or through the middleware and listeners alone with
// Bot.Dispatch; the Bot need not be running.
//
// Every event goes to the cache (Cache.Apply) before any listener sees it,
// and each shard's session (id, sequence number, resume URL) is stored in
// the cache with the event that moved it. With a cache that outlives the
// process (cache/bolt), stopping Run leaves the sessions resumable and
// the next process resumes every shard from where its cache stands:
// events missed while it was down are replayed, and nothing is identified
// again. The REST limiter's state is stored there too when Run returns,
// and read back by New. All this stored state names the bot it belongs to
// (the API's URL and a hash of the token); a bot that finds another's
// drops it rather than resume another bot's sessions with its own token.
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
// Close code 4011 (sharding required) on any shard stops all of them, asks
// GET /gateway/bot again and starts the recommended count; the cache is
// kept. A rejected token (a 401 from GET /gateway/bot, or close code 4004)
// ends Run with an error matching ErrInvalidToken; the other codes Discord
// says not to retry (4010, 4012 to 4014) end it with a *ShardError.
//
// Health reports each shard's state, heartbeat latency, connections and
// reconnects by reason, events per second and how long events wait for
// their listeners, and has one JSON form. Stats adds, in one snapshot, the
// events by type, the listeners' time by type (a histogram the Bot keeps
// for every event it hands to listeners), the cache's counts and the REST
// client's requests and 429s: the figures package metrics/prom exports
// and gloam's progress line and dashboard show.
//
// # Concurrency
//
// By default each shard has one goroutine that runs the listeners of its
// events one event at a time, in order; shards run concurrently.
// Options.Workers instead shares N goroutines among all shards, keeping
// the events of one guild (or channel) in order. Between the shards and
// the listeners sit bounded queues: when they are full, the shard stops
// reading until there is room (its heartbeats go on). A slow listener thus
// slows the events down, shows in ShardHealth.Wait and Queued, and never
// loses one. Start goroutines in a listener for long work.
//
// When Run's ctx is done, the shards stop reading at once; the listeners
// finish the events read before with a ctx that stays valid for
// Options.StopGrace, so that their replies are not cancelled mid-flight;
// then the sessions close and Run returns.
//
// # Caveats
//
// Events are delivered once per process: a resumed session does not
// repeat what the shard already handed over. Across a crash, the events
// after the last write of the cache are replayed to the next process, so
// a bot that must not act twice on one message (reply twice, say) makes
// its requests idempotent, as with a message nonce and enforce_nonce.
//
// A listener that panics brings the process down, as a panicking goroutine
// does; recover in a Middleware to keep going.
//
// Typed listeners of one event that take the same payload type share one
// value of it (see On): a decoded struct is read-only for them.
//
// The Bot times the listeners of every event it hands over, whether or
// not anything reads the figures: a clock read more per event on the
// shards' path (which reads the clock anyway for the wait), two through
// Dispatch and Deliver, and two atomic adds (BenchmarkDispatch).
//
// A reshard identifies every shard again and sends each guild's
// GUILD_CREATE once more; the cache takes them as updates. Guilds left
// while a shard was down are not removed from the cache until Discord
// says so.
//
// A member request (RequestGuildMembers, GuildMembers) still waiting for
// chunks when its shard's session comes back is sent again, and its new
// answer is read from chunk 0 again, skipping the indexes already yielded:
// a member who joins or leaves in between can shift the chunks, so one may
// then be missed or come twice. A request for all members sent again
// within Discord's 30 seconds for it waits out the RATE_LIMITED answer.
//
// The Bot does not close the cache backend; close it after Run returns.
//
// # Wasm
//
// core builds under GOOS=js GOARCH=wasm and uses the browser's WebSocket
// (through transport) and fetch (through net/http) there; its tests run
// natively only, as they need listening sockets. cache/bolt does not exist
// there; use cache/memory (the default). Browsers do not let a page set the
// User-Agent. A bot token given to a page is readable by whoever uses the
// page: keep real tokens to pages only their owner opens, or run against
// discordtest.
package core
