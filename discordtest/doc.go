// Package discordtest is a fake Discord, gateway and REST, on loopback
// sockets: test a bot without Discord, without a token and without a
// network, in the spirit of net/http/httptest.
//
// # Basics
//
// NewServer starts a server on 127.0.0.1 with a random port; Close stops
// it. Point any Discord client at it: GatewayURL for the gateway
// WebSocket, URL for the REST base (GET /gateway and /gateway/bot answer
// too), and Token for the bot token it accepts.
//
//	srv := discordtest.NewServer(&discordtest.Options{Guilds: 3, Seed: 42})
//	defer srv.Close()
//	// connect your bot to srv.GatewayURL() and srv.URL() with srv.Token()
//
// The server serves a World generated from Options.Seed: the bot user and
// its guilds, each with members (users with usernames, global names and
// avatars), roles with permissions (@everyone has the guild's ID),
// channels (text, voice, categories, with permission overwrites),
// presences and emojis. Snowflakes are time-based like Discord's, and
// guild i lands on shard i % n for every shard count up to 16. The same
// seed gives the same world, IDs included. Server.World reads it.
//
// A test drives the bot through the server:
//   - Server.SendMessage makes a world user post in a world channel: the
//     bot gets MESSAGE_CREATE and the REST API knows the message.
//   - Server.AddMember, RemoveMember, StartTyping and SetPresence make
//     world users join, leave, type and change status, with the events.
//   - Server.Dispatch and Server.DispatchGuild send any event, known to
//     Discord or not, to a shard's sessions.
//   - Server.Stream sends a realistic mix of events, at a rate or as fast as
//     the connections take them (for benchmarks).
//   - Server.Fault makes something go wrong: Reconnect (op 7), Invalid
//     Session (op 9), a dropped TCP connection, any close code, a zombie
//     connection, a slow Hello, an answer to Request Guild Members cut
//     short after some of its chunks. Options.Faults makes faults happen by
//     chance during a Stream.
//   - Server.Sessions lists the gateway sessions, and Server.WaitSession
//     waits for a shard's bot to be ready.
//   - Server.Stats tells what the client did: identifies, resumes,
//     heartbeats and the last seq they acknowledged, close codes both ways,
//     every limit broken, and REST requests and 429s per route.
//
// # Gateway
//
// The gateway behaves as Discord documents it. Hello carries
// Options.HeartbeatInterval; heartbeats get ACKs; a connection that misses
// its heartbeat (Options.HeartbeatTimeout) is dropped and its session
// stays resumable. Identify is checked: the token (4004), unknown intent
// bits (4013), privileged intents in Options.UnapprovedIntents
// (4014), the shard (4010) and Options.RequireShards (4011). READY gives a
// session_id, the shard and resume_gateway_url, which is ResumeGatewayURL,
// a path of its own so that a test can see whether a client resumes there
// (GatewayStats.ResumeURLConnections). GUILD_CREATE follows for each guild
// of the shard ((guild_id >> 22) % num_shards), with members and
// presences only under GUILD_PRESENCES, as on Discord, and with what the
// REST API made of the guild: voice states, active threads (with the
// bot's thread member), live stages, scheduled events and soundboard
// sounds.
//
// Each session numbers its dispatches and keeps the last
// Options.ResumeBuffer of them, while connected and for
// Options.ResumeWindow after a disconnect: Resume (op 6) replays every
// dispatch after the client's seq, in order, then sends RESUMED. An unknown
// or ended session gets op 9 false; a seq the server cannot replay from
// is closed with 4007. A client closing with 1000 or 1001 ends its session.
//
// Dispatches honour the identified intents (the intents table of the
// docs): a session without GUILD_PRESENCES gets no PRESENCE_UPDATE, and
// without MESSAGE_CONTENT a guild message reaches it with empty content,
// embeds, attachments and components, unless the bot wrote it or is
// mentioned. Events Discord does not document always pass.
//
// Request Guild Members (op 8) is answered with GUILD_MEMBERS_CHUNK
// events, and Voice State Update (op 4) with VOICE_STATE_UPDATE and
// VOICE_SERVER_UPDATE (whose null endpoint says no voice server is ready:
// voice itself is not served).
//
// The server enforces and counts what Discord enforces: one Identify per
// identify bucket (shard_id % max_concurrency) per Options.IdentifyWindow
// (op 9), the daily session start limit (4004), 120 commands per 60 s per
// connection (4008), payloads over 4096 bytes (4002), invalid JSON
// (4002), unknown opcodes (4001), commands before Identify (4003) and a
// second Identify (4005).
//
// Transport compression (?compress=zlib-stream or zstd-stream) works as
// on Discord: one compression stream per connection, every message
// flushed so it decodes on arrival, sent as binary frames; zlib-stream
// messages end in 00 00 ff ff, and zstd-stream is a single zstd frame for
// the connection's life. Payload compression (compress: true in Identify,
// without transport compression) sends payloads of 1024 bytes or more as
// binary frames, each a zlib stream of its own, and smaller ones as text.
//
// # REST
//
// Under URL, the REST API answers every operation of Discord's OpenAPI
// spec (messages, reactions, pins, channels, threads, guilds, members,
// roles, bans, users, webhooks, interactions, commands, scheduled events,
// entitlements and subscriptions, lobbies, searches...) from in-memory
// state over the World, with Discord's error bodies (50035 with field
// errors, 10003 for an unknown channel...). Lists page as Discord's do,
// with before, after and limit or the route's own cursor. List SKUs,
// which the spec lacks, is served too. A few helpers
// make what only users or Discord make: JoinVoice, React, Vote, AddSKU,
// StartActivity, AddSubscription, AddScheduledEventUser and
// RemoveScheduledEventUser, SetIntegration, AddConnection, AddJoinRequest
// and AccessToken (a user's OAuth2 token, for group DMs and Add Guild
// Member); the standard sticker packs and default soundboard sounds are
// there from the start. Rate limits work as on Discord: per-route buckets
// keyed by the major parameter, the X-RateLimit-* headers, 429 bodies with
// retry_after and global, a global limit and the invalid-request ban;
// RESTOptions makes them as tight or as loose as a test wants. A path that
// is no route of the API gets 404.
//
// Routes are net/http.ServeMux patterns, "GET /channels/{channel_id}", one
// per operation of Discord's OpenAPI spec; where two templates could match
// one path, the literal segment wins (/guilds/templates/{code} before
// /guilds/{guild_id}/preview). PATCH bodies tell an absent field from
// null, with Discord's meaning: a member's channel_id null disconnects it
// from voice, a channel's parent_id null takes it out of its category;
// "0" where null is meant is refused with 50035, as Discord refuses it.
//
// # Interactions
//
// A test plays the user of slash commands, components and modals:
//   - Server.UseCommand runs a command the bot registered, with options
//     (subcommands and groups included, as "config set limit") checked
//     against its declaration and their users, members, channels, roles
//     and attachments in data.resolved; a context menu command takes a
//     Target. Server.Autocomplete types in an autocomplete option.
//   - Server.ClickButton and Server.ChooseSelect use a component of one of
//     the bot's messages; Server.SubmitModal submits the modal the bot
//     opened. Server.Interact sends any interaction, unchecked.
//
// Each returns an *Interaction: Wait gives the initial response (its
// message, autocomplete choices or modal), WaitEdit and WaitFollowups
// what came after, State all of it.
//
// Interactions are delivered as Discord delivers them: over the gateway
// (INTERACTION_CREATE), or, once SetInteractionsEndpoint (or PATCH
// /applications/@me with interactions_endpoint_url) has set and checked
// an endpoint, POSTed there only, signed with Ed25519
// (X-Signature-Ed25519 over X-Signature-Timestamp and the body) by the
// application's key pair, whose public key PublicKey gives as the
// developer portal shows it. The endpoint's answer is the initial
// response; a 202 or 204 leaves it to the callback route.
//
// Discord's rules hold: one initial response per interaction (another
// gets 40060), given within RESTOptions.InteractionTimeout (3 s): after it
// the interaction has failed ("This interaction failed",
// ErrInteractionFailed) and a late callback gets 10062. Follow-ups and
// edits of the original work for the token's lifetime (15 minutes,
// RESTOptions.InteractionTokenLifetime).
//
// # Running as a process
//
// Listen is NewServer returning an error instead of panicking,
// Options.Addr chooses a fixed loopback port and Options.Logf tells what
// happens, so a fake Discord for a bot in another process (or language) is
// a few lines:
//
//	srv, err := discordtest.Listen(&discordtest.Options{Addr: "127.0.0.1:8080", Logf: log.Printf})
//	if err != nil {
//		log.Fatal(err)
//	}
//	defer srv.Close()
//	fmt.Println(srv.URL(), srv.GatewayURL(), srv.Token())
//
// # Caveats
//
// The server is a fake: it answers like Discord where Discord documents
// its behaviour, and where it does not (how long before a session times
// out, how the server picks close codes) it chooses something plausible
// and says so in the field or method that does it.
//
// Only encoding=json is served; encoding=etf is closed with 4002. The
// voice gateway is not served.
//
// The identify bucket is taken for Options.IdentifyWindow (5 s by
// default, as on Discord): a test that identifies more than once per
// bucket in that time gets op 9, as it would on Discord. Set
// IdentifyWindow to a few milliseconds, or negative, in such tests.
//
// Everything binds to loopback: Listen refuses other addresses, and
// SetInteractionsEndpoint refuses an endpoint on another host, so the
// server never reaches the network.
//
// World.Permissions is discordtest's own reading of Discord's permission
// rules, kept apart from model's on purpose: a fake that called the code
// under test could not catch its mistakes. The
// WebSocket accepts any Origin, so that a bot running in a browser page
// can connect.
//
// Server methods are safe for concurrent use. Dispatch, DispatchGuild,
// SendMessage and Stream return once the event is written to each
// connected session, so a slow client slows them (a write that takes over
// 10 s drops the connection).
package discordtest
