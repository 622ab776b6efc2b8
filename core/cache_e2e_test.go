//go:build !js

package core_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/bolt"
	"github.com/gloamdev/gloam/cache/memory"
	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

// kindIntents bring the events of every kind the cache keeps.
const kindIntents = intents | model.IntentGuildScheduledEvents | model.IntentGuildExpressions |
	model.IntentGuildIntegrations | model.IntentDirectMessages | model.IntentGuildVoiceStates

// kinds are the objects a scenario made: of each kind, one that stays
// (changed after it was made) and one deleted.
type kinds struct {
	guild                 model.GuildID
	text                  model.ChannelID // where the barrier message goes
	userA, userB          model.UserID    // members who are not the bot
	bot                   model.UserID
	stage, stageGone      model.StageInstanceID
	stageClosed           model.StageInstanceID // ended by deleting its channel
	event, eventGone      model.GuildScheduledEventID
	sound, soundGone      model.SoundID
	integ, integGone      model.IntegrationID
	dm                    model.ChannelID
	thread, threadGone    model.ChannelID
	synced                model.ChannelID // a thread that came in THREAD_LIST_SYNC
	staleSound            model.SoundID   // a sound SOUNDBOARD_SOUNDS replaced
	barrier               model.MessageID
	stageTopic, eventName string
	soundName, integName  string
}

// kindsScenario makes, through the bot's REST client and the fake's World
// API, each kind of object the cache keeps beyond guilds, channels and
// members: live stages, scheduled events with interested users, soundboard
// sounds, integrations, a DM and thread members. Discord answers each
// change with the gateway events it sends; the scenario ends with a
// message in a guild channel, after which every event has reached the bot.
func kindsScenario(t *testing.T, srv *discordtest.Server, bot *core.Bot) kinds {
	t.Helper()
	is := is.New(t)
	ctx := context.Background()
	r := bot.REST()
	w := srv.World()
	ts := targets(w)
	k := kinds{guild: ts[0].guild, text: ts[0].channel, bot: w.Bot().ID,
		stageTopic: "renamed stage", eventName: "renamed event", soundName: "renamed", integName: "renamed app"}
	for _, m := range w.Members(k.guild) {
		switch {
		case m.User.ID == k.bot:
		case k.userA == 0:
			k.userA = m.User.ID
		case k.userB == 0:
			k.userB = m.User.ID
		}
	}
	is.True(k.userB != 0) // two members besides the bot

	// Live stages: STAGE_INSTANCE_CREATE, _UPDATE and _DELETE.
	var stages [3]model.StageInstanceID
	for i := range stages {
		ch, err := r.CreateChannel(ctx, k.guild, &rest.ChannelCreate{Name: "stage", Type: model.ChannelGuildStageVoice})
		is.NoErr(err)
		s, err := r.CreateStageInstance(ctx, &rest.StageInstanceCreate{ChannelID: ch.ID, Topic: "live"})
		is.NoErr(err)
		stages[i] = s.ID
		switch i {
		case 0:
			_, err = r.ModifyStageInstance(ctx, ch.ID, &rest.StageInstanceModify{Topic: &k.stageTopic})
		case 1:
			err = r.DeleteStageInstance(ctx, ch.ID)
		case 2:
			_, err = r.DeleteChannel(ctx, ch.ID)
		}
		is.NoErr(err)
	}
	k.stage, k.stageGone, k.stageClosed = stages[0], stages[1], stages[2]

	// Scheduled events: GUILD_SCHEDULED_EVENT_CREATE, _UPDATE, _DELETE,
	// _USER_ADD and _USER_REMOVE.
	start := model.NewTimestamp(time.Now().Add(24 * time.Hour).Truncate(time.Second))
	end := model.NewTimestamp(time.Now().Add(26 * time.Hour).Truncate(time.Second))
	var events [2]model.GuildScheduledEventID
	for i := range events {
		e, err := r.CreateScheduledEvent(ctx, k.guild, &rest.ScheduledEventCreate{Name: "event", EntityType: model.ScheduledEventEntityExternal,
			EntityMetadata: &rest.ScheduledEventLocation{Location: "the park"}, ScheduledStartTime: start, ScheduledEndTime: &end})
		is.NoErr(err)
		events[i] = e.ID
	}
	k.event, k.eventGone = events[0], events[1]
	_, err := r.ModifyScheduledEvent(ctx, k.guild, k.event, &rest.ScheduledEventModify{Name: &k.eventName})
	is.NoErr(err)
	is.NoErr(srv.AddScheduledEventUser(k.guild, model.Snowflake(k.event), k.userA))
	is.NoErr(srv.AddScheduledEventUser(k.guild, model.Snowflake(k.event), k.userB))
	is.NoErr(srv.RemoveScheduledEventUser(k.guild, model.Snowflake(k.event), k.userB))
	is.NoErr(r.DeleteScheduledEvent(ctx, k.guild, k.eventGone))

	// Soundboard sounds: GUILD_SOUNDBOARD_SOUND_CREATE, _UPDATE and _DELETE.
	var sounds [2]model.SoundID
	for i := range sounds {
		s, err := r.CreateGuildSound(ctx, k.guild, &rest.SoundCreate{Name: "horn", Sound: "data:audio/ogg;base64,T2dnUw=="})
		is.NoErr(err)
		sounds[i] = s.SoundID
	}
	k.sound, k.soundGone = sounds[0], sounds[1]
	_, err = r.ModifyGuildSound(ctx, k.guild, k.sound, &rest.SoundModify{Name: &k.soundName})
	is.NoErr(err)
	is.NoErr(r.DeleteGuildSound(ctx, k.guild, k.soundGone))
	// A sound the cache holds but the guild no longer has, as after events
	// missed: the answer to Request Soundboard Sounds (SOUNDBOARD_SOUNDS)
	// replaces the guild's cached sounds.
	k.staleSound = model.SoundID(w.NewID())
	stale, err := model.ParseEventString(`{"op":0,"s":null,"t":"GUILD_SOUNDBOARD_SOUND_CREATE","d":{"sound_id":"` +
		k.staleSound.String() + `","guild_id":"` + k.guild.String() + `","name":"stale","volume":1,"available":true}}`)
	is.NoErr(err)
	is.NoErr(bot.Cache().Apply(0, stale))
	is.NoErr(bot.ShardFor(k.guild).RequestSoundboardSounds(ctx, gateway.RequestSoundboardSounds{GuildIDs: []model.GuildID{k.guild}}))

	// Integrations, added by members: INTEGRATION_CREATE and _UPDATE; the
	// bot deletes one: INTEGRATION_DELETE.
	var integs [2]model.IntegrationID
	for i := range integs {
		in, err := srv.SetIntegration(k.guild, model.Integration{Name: "app", Type: "discord", Enabled: true, Scopes: []string{"bot"},
			Account: &model.IntegrationAccount{ID: "55", Name: "app"}, Application: &model.IntegrationApplication{ID: 55, Name: "app"}})
		is.NoErr(err)
		integs[i] = in.ID
	}
	k.integ, k.integGone = integs[0], integs[1]
	_, err = srv.SetIntegration(k.guild, model.Integration{ID: k.integ, Name: k.integName, Type: "discord", Enabled: true})
	is.NoErr(err)
	is.NoErr(r.DeleteIntegration(ctx, k.guild, k.integGone))

	// A DM: Discord sends bots no CHANNEL_CREATE for it, only its messages
	// (without guild_id).
	dm, err := r.CreateDM(ctx, k.userA)
	is.NoErr(err)
	k.dm = dm.ID
	_, err = r.CreateMessage(ctx, k.dm, &rest.MessageCreate{Content: "hello"})
	is.NoErr(err)
	_, err = srv.SendMessage(k.dm, k.userA, "hi")
	is.NoErr(err)

	// Thread members: the bot's in THREAD_CREATE, the others in
	// THREAD_MEMBERS_UPDATE; the bot's again in THREAD_MEMBER_UPDATE after
	// an unarchive; those of a deleted thread go with it.
	var threads [2]model.ChannelID
	for i := range threads {
		th, err := r.StartThread(ctx, k.text, &rest.ThreadCreate{Name: "thread", Type: model.ChannelPublicThread})
		is.NoErr(err)
		threads[i] = th.ID
		is.NoErr(r.AddThreadMember(ctx, th.ID, k.userA))
	}
	k.thread, k.threadGone = threads[0], threads[1]
	is.NoErr(r.AddThreadMember(ctx, k.thread, k.userB))
	is.NoErr(r.RemoveThreadMember(ctx, k.thread, k.userB))
	is.NoErr(r.LeaveThread(ctx, k.thread)) // the bot's own, in THREAD_MEMBERS_UPDATE
	is.NoErr(r.JoinThread(ctx, k.thread))
	for _, archived := range []bool{true, false} {
		_, err = r.ModifyChannel(ctx, k.thread, &rest.ChannelModify{Archived: &archived})
		is.NoErr(err)
	}
	_, err = r.DeleteChannel(ctx, k.threadGone)
	is.NoErr(err)
	// A thread started in a channel hidden from the bot: no THREAD_CREATE,
	// but THREAD_LIST_SYNC with the bot's thread member once it sees the
	// channel.
	hidden, err := r.CreateChannel(ctx, k.guild, &rest.ChannelCreate{Name: "hidden"})
	is.NoErr(err)
	is.NoErr(r.EditPermissions(ctx, hidden.ID, &model.PermissionOverwrite{ID: model.Snowflake(k.bot), Type: model.OverwriteMember,
		Deny: model.PermissionViewChannel}))
	th, err := r.StartThread(ctx, hidden.ID, &rest.ThreadCreate{Name: "synced", Type: model.ChannelPublicThread})
	is.NoErr(err)
	k.synced = th.ID
	is.NoErr(r.DeletePermission(ctx, hidden.ID, model.Snowflake(k.bot)))

	k.barrier, err = srv.SendMessage(k.text, k.userA, "barrier")
	is.NoErr(err)
	waitFor(t, "the barrier message in the cache", func() bool {
		_, ok := bot.Cache().Message(k.text, k.barrier)
		return ok
	})
	return k
}

// kindsOptions are the options of a bot in the kinds scenario against
// srv, which logs to logs.
func kindsOptions(srv *discordtest.Server, logs io.Writer) *core.Options {
	o := options(srv)
	o.Intents = kindIntents
	o.Logger = slog.New(slog.NewTextHandler(logs, nil))
	return o
}

// held checks the object of a guild that a scenario keeps, and those it
// removed: get finds the one kept when on (its kind is cached), as check
// reads it, and never finds those in gone.
func held[ID, T any](is *is.I, on bool, get func(model.GuildID, ID) (T, bool), guild model.GuildID, keep ID, check func(T), gone ...ID) {
	is.Helper()
	v, ok := get(guild, keep)
	is.Equal(ok, on) // held when its kind is cached
	if ok {
		check(v)
	}
	for _, id := range gone {
		_, ok := get(guild, id)
		is.True(!ok) // removed
	}
}

// checkKinds checks that c holds the objects of the scenario that stay,
// as they were last changed, and none of those deleted. Of each kind in
// off, it checks that c holds nothing.
func checkKinds(t *testing.T, c *cache.Cache, k kinds, off cache.Resource) {
	t.Helper()
	is := is.New(t)
	on := func(r cache.Resource) bool { return !off.Has(r) }

	held(is, on(cache.ResourceStageInstances), c.StageInstance, k.guild, k.stage, // the live stage
		func(s cache.StageInstance) { is.Equal(s.Topic, k.stageTopic) },
		k.stageGone, k.stageClosed) // one ended, one ended with its channel
	held(is, on(cache.ResourceScheduledEvents), c.ScheduledEvent, k.guild, k.event, // the scheduled event
		func(e cache.ScheduledEvent) {
			is.Equal(e.Name, k.eventName)
			is.Equal(e.Location, "the park")
			is.Equal(e.UserCount, 1) // two users added, one removed
		},
		k.eventGone) // deleted
	held(is, on(cache.ResourceSoundboardSounds), c.SoundboardSound, k.guild, k.sound, // the sound
		func(s cache.SoundboardSound) { is.Equal(s.Name, k.soundName) },
		k.soundGone, k.staleSound) // one deleted, one replaced by SOUNDBOARD_SOUNDS
	held(is, on(cache.ResourceIntegrations), c.Integration, k.guild, k.integ, // the integration
		func(in cache.Integration) { is.Equal(in.Name, k.integName) },
		k.integGone) // deleted

	dm, ok := c.Channel(k.dm)
	is.Equal(ok, on(cache.ResourcePrivateChannels)) // the DM, from its messages
	if ok {
		is.Equal(dm.Type, model.ChannelDM)
		is.Equal(dm.Recipients, []model.UserID{k.userA})
		is.Equal(len(slices.Collect(c.PrivateChannels())), 1)
	}

	var members []model.UserID
	for m := range c.ThreadMembers(k.thread) {
		members = append(members, m.UserID)
	}
	slices.Sort(members)
	want := []model.UserID{k.bot, k.userA}
	slices.Sort(want)
	if off.Has(cache.ResourceThreadMembers) {
		want = nil
	}
	is.Equal(members, want)                                         // the bot and A; B was removed
	is.Equal(len(slices.Collect(c.ThreadMembers(k.threadGone))), 0) // gone with their thread
	_, ok = c.ThreadMember(k.synced, k.bot)
	is.Equal(ok, on(cache.ResourceThreadMembers)) // from THREAD_LIST_SYNC
	_, ok = c.Channel(k.synced)
	is.True(ok) // the thread too

	st := c.Stats()
	if on(cache.ResourceSoundboardSounds) {
		is.Equal(st.Sounds, 1) // the one left
	}
	for _, kind := range []struct {
		r cache.Resource
		n int
	}{
		{cache.ResourceStageInstances, st.Stages}, {cache.ResourceScheduledEvents, st.Events},
		{cache.ResourceSoundboardSounds, st.Sounds}, {cache.ResourceIntegrations, st.Integrations},
		{cache.ResourcePrivateChannels, st.DMs}, {cache.ResourceThreadMembers, st.ThreadMembers},
	} {
		if off.Has(kind.r) {
			is.Equal(kind.n, 0) // a kind switched off is never kept
		} else {
			is.True(kind.n > 0)
		}
	}
}

// The cache kinds beyond guilds, channels and members are kept from the
// events Discord sends when they change, end to end over real sockets, in
// memory and in a bolt file that holds them after the bot stopped.
func TestCacheKindsEndToEnd(t *testing.T) {
	for _, backend := range []string{"memory", "bolt"} {
		t.Run(backend, func(t *testing.T) {
			is := is.New(t)
			srv := discordtest.NewServer(fast(discordtest.Options{Guilds: 1}))
			defer srv.Close()
			var logs syncBuffer
			o := kindsOptions(srv, &logs)
			path := filepath.Join(t.TempDir(), "gloam.db")
			var b *bolt.Backend
			if backend == "bolt" {
				var err error
				b, err = bolt.Open(path, nil)
				is.NoErr(err)
				o.Cache = b
			}
			bot := core.New(srv.Token(), o)
			stop := run(bot)
			waitFor(t, "connected", connected(bot, 1))
			k := kindsScenario(t, srv, bot)
			checkKinds(t, bot.Cache(), k, 0)
			is.True(!strings.Contains(logs.String(), "core: cache")) // no event refused
			var memberUpdates int64
			for _, c := range bot.EventCounts() {
				if c.Type == model.EventThreadMemberUpdate {
					memberUpdates += c.Count
				}
			}
			is.Equal(memberUpdates, int64(1)) // the unarchive's THREAD_MEMBER_UPDATE arrived
			is.True(errors.Is(stop(), context.Canceled))
			if b == nil {
				return
			}
			is.NoErr(b.Close())
			b, err := bolt.Open(path, nil)
			is.NoErr(err)
			defer b.Close()
			reopened := cache.New(b, nil)
			checkKinds(t, reopened, k, 0) // the file holds them

			// A bot on the file resumes where its cache stands, and the
			// next change reaches the kinds it holds.
			stage, _ := reopened.StageInstance(k.guild, k.stage)
			o.Cache = b
			again := core.New(srv.Token(), o)
			stop = run(again)
			waitFor(t, "connected", connected(again, 1))
			is.Equal(srv.Stats().Gateway.Resumes, 1) // resumed, not identified
			is.NoErr(again.REST().DeleteStageInstance(context.Background(), stage.ChannelID))
			id, err := srv.SendMessage(k.text, k.userA, "barrier")
			is.NoErr(err)
			waitFor(t, "the barrier message", func() bool { _, ok := again.Cache().Message(k.text, id); return ok })
			_, ok := again.Cache().StageInstance(k.guild, k.stage)
			is.True(!ok) // the stage ended
			is.True(errors.Is(stop(), context.Canceled))
		})
	}
}

// A fresh bot's cache has, after READY, what GUILD_CREATE carries: live
// stages, scheduled events with their user counts, soundboard sounds and
// the bot's thread members.
func TestCacheKindsFromGuildCreate(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(fast(discordtest.Options{Guilds: 1}))
	defer srv.Close()
	o := options(srv)
	o.Intents = kindIntents
	first := core.New(srv.Token(), o)
	stop := run(first)
	waitFor(t, "connected", connected(first, 1))
	k := kindsScenario(t, srv, first)
	is.True(errors.Is(stop(), context.Canceled))

	o = options(srv)
	o.Intents = kindIntents
	fresh := core.New(srv.Token(), o)
	stop = run(fresh)
	defer stop()
	c := fresh.Cache()
	// READY leaves the guild unavailable; its GUILD_CREATE brings the rest.
	waitFor(t, "the guild", func() bool { g, ok := c.Guild(k.guild); return ok && !g.Unavailable })
	s, ok := c.StageInstance(k.guild, k.stage)
	is.True(ok) // the live stage
	is.Equal(s.Topic, k.stageTopic)
	e, ok := c.ScheduledEvent(k.guild, k.event)
	is.True(ok) // the scheduled event
	is.Equal(e.Name, k.eventName)
	is.Equal(e.UserCount, 1) // with its user count
	snd, ok := c.SoundboardSound(k.guild, k.sound)
	is.True(ok) // the sound
	is.Equal(snd.Name, k.soundName)
	for _, th := range []model.ChannelID{k.thread, k.synced} {
		m, ok := c.ThreadMember(th, k.bot)
		is.True(ok) // the bot's membership of the active threads
		is.True(!m.JoinTimestamp.IsZero())
	}
	st := c.Stats()
	is.Equal([]int{st.Stages, st.Events, st.Sounds, st.ThreadMembers}, []int{1, 1, 1, 2}) // nothing deleted comes back
}

// Each kind switched off is never kept, and its events are not read: the
// cache does not ask for them (the way Cache.EventTypes tells the bot
// which events to decode), while every other kind is kept as before.
func TestCacheKindsOff(t *testing.T) {
	for _, off := range []struct {
		name   string
		r      cache.Resource
		events []model.EventType
	}{
		{"StageInstances", cache.ResourceStageInstances, []model.EventType{model.EventStageInstanceCreate, model.EventStageInstanceDelete}},
		{"ScheduledEvents", cache.ResourceScheduledEvents, []model.EventType{model.EventGuildScheduledEventCreate, model.EventGuildScheduledEventUserAdd}},
		{"SoundboardSounds", cache.ResourceSoundboardSounds, []model.EventType{model.EventGuildSoundboardSoundCreate, model.EventSoundboardSounds}},
		{"Integrations", cache.ResourceIntegrations, []model.EventType{model.EventIntegrationCreate, model.EventIntegrationDelete}},
		{"PrivateChannels", cache.ResourcePrivateChannels, nil}, // MESSAGE_CREATE is still read, for the messages
		{"ThreadMembers", cache.ResourceThreadMembers, []model.EventType{model.EventThreadMemberUpdate}},
	} {
		for _, backend := range []string{"memory", "bolt"} {
			// With bolt, the bot hands the cache every event (to keep the
			// session's sequence); the cache still reads only its own.
			t.Run(off.name+"/"+backend, func(t *testing.T) {
				is := is.New(t)
				srv := discordtest.NewServer(fast(discordtest.Options{Guilds: 1}))
				defer srv.Close()
				var logs syncBuffer
				o := kindsOptions(srv, &logs)
				o.CacheOptions = &cache.Options{Resources: cache.ResourceAll &^ off.r}
				o.Cache = memory.New()
				if backend == "bolt" {
					b, err := bolt.Open(filepath.Join(t.TempDir(), "gloam.db"), nil)
					is.NoErr(err)
					defer b.Close()
					o.Cache = b
				}
				bot := core.New(srv.Token(), o)
				for _, ev := range off.events {
					is.True(!bot.Cache().EventTypes().Has(ev)) // not read
				}
				stop := run(bot)
				defer stop()
				waitFor(t, "connected", connected(bot, 1))
				k := kindsScenario(t, srv, bot)
				checkKinds(t, bot.Cache(), k, off.r)
				is.True(!strings.Contains(logs.String(), "core: cache")) // no event refused
			})
		}
	}
}
