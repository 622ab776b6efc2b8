// Package cache keeps what the gateway says about guilds, channels,
// threads, roles, members, users, presences, voice states, emojis,
// stickers, live stage instances, scheduled events, soundboard sounds,
// integrations, thread members, DMs and recent messages, behind one API
// over pluggable backends.
//
// # Basics
//
// A Cache is a concrete front end over a small Backend interface, as
// log/slog's Logger is over its Handler. The gateway hands every payload
// to Cache.Apply; the cache reads the fields it needs straight from the
// payload in one pass (never decoding events for resources it does not
// keep, see Options.Resources and Cache.EventTypes) and hands the backend
// compact records to store. Reads return small values:
//
//	c := cache.New(memory.New(), nil)
//	for ev := range events {
//		c.Apply(shard, ev)
//	}
//	m, ok := c.Member(guildID, userID)
//	u, _ := c.User(m.UserID)
//	p, err := c.ChannelPermissions(channelID, userID)
//
// Users are stored once and shared by every guild they are a member of
// (User.Guilds counts them); a user is dropped with its last membership.
// Messages are kept in a ring per channel (Options.Messages, 100 by
// default): the newest by ID, whatever order they came in. A message
// keeps what a message log or an edit diff needs: its content, embeds,
// components, sticker items and a forward's snapshots (as JSON), every
// field of its attachments, its reference, edited timestamp and flags;
// Options.CompactMessages
// keeps a cheaper form. Guild-level and channel-level permissions are computed as
// Discord documents them: owner and ADMINISTRATOR have all; @everyone,
// then roles; overwrites of @everyone, then of roles combined, then of the
// member; no VIEW_CHANNEL means nothing; a timed-out member keeps only
// VIEW_CHANNEL and READ_MESSAGE_HISTORY. The algorithm is model's
// (BasePermissions, OverwritePermissions, ImplicitPermissions);
// MemberChannelPermissions applies it to a member the cache need not
// hold, such as an interaction's.
//
// Apply reads each event whole before it writes anything: a malformed
// event, a payload cut short included, gives an *EventError and changes
// nothing.
//
// Apply also records, per shard, the gateway Session (session ID, the
// sequence number of the last event applied, resume URL) in the same
// backend transaction as the event's changes, so that a persistent backend
// resumes exactly where its cache stands. Blob and SetBlob keep opaque
// state beside the cache (the REST limiter's, the identify budget).
//
// Backends: cache/memory (compact, in memory) and cache/bolt (one bbolt
// file that survives restarts). cache/cachetest checks any backend
// against the contract.
//
// # Caveats
//
// Slices in the values returned (Member.Roles, Channel.PermissionOverwrites
// and others) may be shared with the cache: read them, never modify them.
//
// A GUILD_CREATE replaces everything cached of its guild, except that the
// GUILD_CREATE of a large guild (large, or fewer members than its
// member_count) adds its members to those cached: members that came in
// GUILD_MEMBERS_CHUNK stay, and so may members who left meanwhile.
// GUILD_DELETE with unavailable set keeps the guild's data, marked
// Unavailable; without it (the bot left) everything of the guild goes.
//
// Messages are cached for the channels the events name, with their
// author as a User value. MESSAGE_CREATE and MESSAGE_UPDATE refresh the
// cached user of their author and, in a guild, the cached member with
// the partial member they carry; they never add a user or a member, and
// they do not update the channel's LastMessageID. Presences of members
// who go offline are removed. A role deleted leaves the role lists of
// the guild's members.
//
// Discord sends no CHANNEL_DELETE for a DM, so the DMs and group DMs
// kept are bounded (Options.PrivateChannels, 1000 by default): beyond
// it the least recently active one (the oldest last message) goes, with
// its messages. The order is kept by the Cache in memory and rebuilt
// from the backend by one Scan at the first event about a DM, so a
// backend should have one Cache writing to it. With
// ResourcePrivateChannels off, nothing bounds the DMs whose messages are
// kept.
//
// Iteration (Members, Channels and the like) does not hold the cache
// locked: the loop body may read the cache, and events may be applied
// meanwhile, in which case a record changed during the loop may or may
// not be seen.
package cache
