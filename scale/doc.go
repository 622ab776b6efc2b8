// Package scale runs one Discord bot over many processes and machines,
// joined by NATS JetStream: gateway processes hold the shards, worker
// processes run the listeners, and a REST proxy holds the rate limits.
// Any process may die (kill -9) or be added without losing an event or
// identifying a shard again. It is a module of its own, so that a bot in
// one process (core.Bot) never compiles or downloads NATS.
//
// # Basics
//
// Every process connects to NATS with Connect. A gateway process runs a
// Gateway, a worker process a Worker:
//
//	nc, err := scale.Connect("nats://127.0.0.1:4222", "gateway")
//	g := scale.NewGateway(nc, token, &scale.GatewayOptions{Intents: intents})
//	err = g.Run(ctx)
//
//	nc, err := scale.Connect("nats://127.0.0.1:4222", "worker")
//	bot := core.New(token, &core.Options{REST: &rest.Options{BaseURL: proxyURL, NoLimiter: true}})
//	core.On(bot, func(ctx context.Context, ev core.Event, m model.MessageCreateView) { ... })
//	w := scale.NewWorker(nc, &scale.WorkerOptions{Bot: bot}) // never runs bot
//	err = w.Run(ctx)
//
// Gateways take shards by leases, keys in a JetStream key-value bucket
// created only when absent, renewed by compare-and-set and ending by the
// bucket's TTL. Each process holds the shard count divided by the live
// processes, rounded up: a process that joins gets shards given up by
// the others, a process that stops gives its shards up at once, and the
// shards of a process that dies are taken when their leases end. A shard
// that moves is resumed from the session stored in NATS (session id, the
// seq of the last event published, resume URL): Discord replays what the
// old process had not published, and nothing is identified again.
//
// Every identify waits on one IdentifyQueue shared by all processes:
// Discord's max_concurrency buckets and the daily session start budget
// are keys taken by compare-and-set.
//
// Every dispatch is published to a JetStream stream, on the subject of its
// partition (the guild's, (guild_id >> 22) % partitions), with the shard,
// session and seq as its message id: a replayed event published a second
// time is dropped by JetStream. Each worker group has one durable consumer
// per partition, handing out one event at a time: every event is handled
// by one worker of the group, the events of a guild in order, and an event
// is acknowledged after the listener returns; the events of a worker that
// dies go to another after WorkerOptions.AckWait. A worker given a
// core.Bot feeds the Bot's cache with every event of the stream and runs a
// listener only once the cache has applied every event published before
// the listener's: ev.Bot.Cache() is at least as fresh as ev.
//
// A Proxy serves the REST API to any number of clients, in any language,
// within the rate limits of each token; gloam's rest.Client points at it
// with rest.Options.BaseURL and turns its own limiter off with
// rest.Options.NoLimiter (GatewayOptions.Proxied for a Gateway's client),
// so that requests wait in one place only.
//
// StartServer runs a NATS server with JetStream inside the process, for
// tests and for a whole bot on one machine; the command gloam-scale runs
// every kind of process (scale/cmd/gloam-scale). ARCHITECTURE.md in this
// directory draws the processes, subjects, buckets and streams, and says
// how to size them.
//
// # Caveats
//
// Delivery to listeners is at least once: a worker that dies after its
// listener acted but before the acknowledgement reached NATS has the event
// handled again by another worker. Listeners whose effects must not repeat
// make them idempotent (a reply can carry a nonce with enforce_nonce).
//
// The identify queue compares wall-clock times written by different
// machines: their clocks must agree within a twentieth of the identify
// window (250 ms for Discord's 5 s), which NTP gives.
//
// A worker's cache is built from the events the stream still holds
// (GatewayOptions.MaxAge): a guild whose last GUILD_CREATE is older is
// missing from a worker started since, until Discord sends the guild again.
//
// A worker runs the listeners registered on its Bot with Listen, On and
// Use, as a Bot in one process does (through core.Bot.Dispatch), but one
// event per partition at a time: core.Options.Workers does not apply, and
// the Bot's Health and EventCounts do not count these events.
//
// The shard and partition counts are fixed by the first gateway process
// and kept in NATS; resharding a running bot is not supported (stop every
// process and delete the bot's meta bucket).
//
// A Gateway's shard waits for JetStream to acknowledge each event before
// reading the next, so that the stored session never gets ahead of the
// stream: while NATS is away, shards stop reading (Discord buffers) and
// resume publishing when it is back.
package scale
