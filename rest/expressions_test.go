package rest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

// pngURI is a tiny PNG as a data URI.
const pngURI = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="

func TestEmojiRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, _ := textChannel(t, s)
	app := s.World().ApplicationID()

	before, err := c.GuildEmojis(ctx, g)
	is.NoErr(err)
	e, err := c.CreateGuildEmoji(ctx, g, &rest.EmojiCreate{Name: "blob", Image: pngURI})
	is.NoErr(err)
	is.Equal(*e.Name, "blob")
	e, err = c.ModifyGuildEmoji(ctx, g, e.ID, &rest.EmojiModify{Name: ptr("blob2")})
	is.NoErr(err)
	got, err := c.GuildEmoji(ctx, g, e.ID)
	is.NoErr(err)
	is.Equal(*got.Name, "blob2") // renamed
	after, err := c.GuildEmojis(ctx, g)
	is.NoErr(err)
	is.Equal(len(after), len(before)+1)
	wg, _ := s.World().Guild(g)
	is.Equal(len(wg.Emojis), len(after)) // in the World
	is.NoErr(c.DeleteGuildEmoji(ctx, g, e.ID))
	_, err = c.GuildEmoji(ctx, g, e.ID)
	is.Equal(apiCode(err), 10014) // Unknown Emoji

	crudCase[model.Emoji, model.EmojiID]{
		create: func() (model.Emoji, error) {
			return value(c.CreateAppEmoji(ctx, app, &rest.EmojiCreate{Name: "app_blob", Image: pngURI}))
		},
		rename: func(id model.EmojiID, name string) (model.Emoji, error) {
			return value(c.ModifyAppEmoji(ctx, app, id, &rest.EmojiModify{Name: &name}))
		},
		get:  func(id model.EmojiID) (model.Emoji, error) { return value(c.AppEmoji(ctx, app, id)) },
		list: func() ([]model.Emoji, error) { return c.AppEmojis(ctx, app) },
		del:  func(id model.EmojiID) error { return c.DeleteAppEmoji(ctx, app, id) },
		id:   func(e model.Emoji) model.EmojiID { return e.ID },
		name: func(e model.Emoji) string { return *e.Name },
	}.check(t)
}

// crudCase checks a kind's five routes in turn: an object made, renamed,
// read back with its new name, listed alone, deleted, and listed no more.
type crudCase[T any, ID comparable] struct {
	create func() (T, error)
	rename func(ID, string) (T, error)
	get    func(ID) (T, error)
	list   func() ([]T, error)
	del    func(ID) error
	id     func(T) ID
	name   func(T) string
}

// check runs the case and returns the object as renamed.
func (k crudCase[T, ID]) check(t *testing.T) T {
	t.Helper()
	is := is.New(t)
	made, err := k.create()
	is.NoErr(err)
	renamed, err := k.rename(k.id(made), k.name(made)+"2")
	is.NoErr(err)
	is.Equal(k.id(renamed), k.id(made))
	got, err := k.get(k.id(made))
	is.NoErr(err)
	is.Equal(k.name(got), k.name(made)+"2") // renamed
	all, err := k.list()
	is.NoErr(err)
	is.Equal(len(all), 1) // listed
	is.NoErr(k.del(k.id(made)))
	all, err = k.list()
	is.NoErr(err)
	is.Equal(len(all), 0) // deleted
	return renamed
}

// value is the object a call answered with, the zero value on error.
func value[T any](p *T, err error) (T, error) {
	if p == nil {
		var zero T
		return zero, err
	}
	return *p, err
}

func TestStickerAndSoundRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, _ := textChannel(t, s)

	st := crudCase[model.Sticker, model.StickerID]{
		create: func() (model.Sticker, error) {
			return value(c.CreateGuildSticker(ctx, g, &rest.StickerCreate{Name: "wave", Description: "a wave", Tags: "wave",
				File: rest.File{Name: "wave.png", Reader: strings.NewReader("\x89PNG\r\n\x1a\n")}}))
		},
		rename: func(id model.StickerID, name string) (model.Sticker, error) {
			return value(c.ModifyGuildSticker(ctx, g, id, &rest.StickerModify{Name: &name}))
		},
		get:  func(id model.StickerID) (model.Sticker, error) { return value(c.GuildSticker(ctx, g, id)) },
		list: func() ([]model.Sticker, error) { return c.GuildStickers(ctx, g) },
		del: func(id model.StickerID) error {
			any, err := c.Sticker(ctx, id)
			is.NoErr(err)
			is.Equal(any.ID, id) // found without its guild
			return c.DeleteGuildSticker(ctx, g, id)
		},
		id:   func(s model.Sticker) model.StickerID { return s.ID },
		name: func(s model.Sticker) string { return s.Name },
	}.check(t)
	_, err := c.Sticker(ctx, st.ID)
	is.Equal(apiCode(err), 10060) // Unknown Sticker

	snd := crudCase[model.SoundboardSound, model.SoundID]{
		create: func() (model.SoundboardSound, error) {
			return value(c.CreateGuildSound(ctx, g, &rest.SoundCreate{Name: "boop", Sound: "data:audio/ogg;base64,T2dnUw==", Volume: ptr(0.5)}))
		},
		rename: func(id model.SoundID, name string) (model.SoundboardSound, error) {
			return value(c.ModifyGuildSound(ctx, g, id, &rest.SoundModify{Name: &name, EmojiName: rest.Some("🔔")}))
		},
		get:  func(id model.SoundID) (model.SoundboardSound, error) { return value(c.GuildSound(ctx, g, id)) },
		list: func() ([]model.SoundboardSound, error) { return c.GuildSounds(ctx, g) },
		del:  func(id model.SoundID) error { return c.DeleteGuildSound(ctx, g, id) },
		id:   func(s model.SoundboardSound) model.SoundID { return s.SoundID },
		name: func(s model.SoundboardSound) string { return s.Name },
	}.check(t)
	is.Equal(snd.Volume, 0.5)     // kept from the create
	is.Equal(*snd.EmojiName, "🔔") // set by the modify
}

func TestTemplateRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, _ := textChannel(t, s)

	tpl, err := c.CreateTemplate(ctx, g, &rest.TemplateCreate{Name: "base", Description: "the layout"})
	is.NoErr(err)
	is.Equal(tpl.SourceGuildID, g)
	tpl, err = c.ModifyTemplate(ctx, g, tpl.Code, &rest.TemplateModify{Name: ptr("base2")})
	is.NoErr(err)
	is.Equal(tpl.Name, "base2")
	synced, err := c.SyncTemplate(ctx, g, tpl.Code)
	is.NoErr(err)
	is.Equal(synced.Code, tpl.Code)
	pub, err := c.Template(ctx, tpl.Code)
	is.NoErr(err)
	is.Equal(pub.Name, "base2") // read by code
	list, err := c.GuildTemplates(ctx, g)
	is.NoErr(err)
	is.Equal(len(list), 1)
	gone, err := c.DeleteTemplate(ctx, g, tpl.Code)
	is.NoErr(err)
	is.Equal(gone.Code, tpl.Code)
	_, err = c.Template(ctx, tpl.Code)
	is.Equal(apiCode(err), 10057) // Unknown Guild Template
}

func TestAutoModRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, _ := textChannel(t, s)

	r, err := c.CreateAutoModRule(ctx, g, &rest.AutoModRuleCreate{Name: "no spam", EventType: model.AutoModEventMessageSend,
		TriggerType: model.AutoModTriggerKeyword, TriggerMetadata: &model.AutoModTriggerMetadata{KeywordFilter: []string{"spam*"}},
		Actions: []model.AutoModAction{{Type: model.AutoModActionBlockMessage}}, Enabled: true})
	is.NoErr(err)
	is.Equal(r.TriggerMetadata.KeywordFilter, []string{"spam*"})
	r, err = c.ModifyAutoModRule(ctx, g, r.ID, &rest.AutoModRuleModify{Name: ptr("no eggs"), Enabled: ptr(false)})
	is.NoErr(err)
	got, err := c.AutoModRule(ctx, g, r.ID)
	is.NoErr(err)
	is.Equal(got.Name, "no eggs") // kept
	is.True(!got.Enabled)
	is.Equal(got.Actions[0].Type, model.AutoModActionBlockMessage) // what was not changed stays
	rules, err := c.AutoModRules(ctx, g)
	is.NoErr(err)
	is.Equal(len(rules), 1)
	is.NoErr(c.DeleteAutoModRule(ctx, g, r.ID))
	_, err = c.AutoModRule(ctx, g, r.ID)
	is.Equal(apiCode(err), 10066) // Unknown auto moderation rule
}
