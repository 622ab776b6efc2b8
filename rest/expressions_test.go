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

	ae, err := c.CreateAppEmoji(ctx, app, &rest.EmojiCreate{Name: "app_blob", Image: pngURI})
	is.NoErr(err)
	ae, err = c.ModifyAppEmoji(ctx, app, ae.ID, &rest.EmojiModify{Name: ptr("app_blob2")})
	is.NoErr(err)
	is.Equal(*ae.Name, "app_blob2")
	one, err := c.AppEmoji(ctx, app, ae.ID)
	is.NoErr(err)
	is.Equal(one.ID, ae.ID)
	list, err := c.AppEmojis(ctx, app)
	is.NoErr(err)
	is.Equal(len(list), 1)
	is.NoErr(c.DeleteAppEmoji(ctx, app, ae.ID))
	list, err = c.AppEmojis(ctx, app)
	is.NoErr(err)
	is.Equal(len(list), 0) // deleted
}

func TestStickerAndSoundRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, _ := textChannel(t, s)

	st, err := c.CreateGuildSticker(ctx, g, &rest.StickerCreate{Name: "wave", Description: "a wave", Tags: "wave",
		File: rest.File{Name: "wave.png", Reader: strings.NewReader("\x89PNG\r\n\x1a\n")}})
	is.NoErr(err)
	is.Equal(st.Name, "wave")
	st, err = c.ModifyGuildSticker(ctx, g, st.ID, &rest.StickerModify{Name: ptr("wave2")})
	is.NoErr(err)
	got, err := c.GuildSticker(ctx, g, st.ID)
	is.NoErr(err)
	is.Equal(got.Name, "wave2") // kept
	any, err := c.Sticker(ctx, st.ID)
	is.NoErr(err)
	is.Equal(any.ID, st.ID) // found without its guild
	all, err := c.GuildStickers(ctx, g)
	is.NoErr(err)
	is.Equal(len(all), 1)
	is.NoErr(c.DeleteGuildSticker(ctx, g, st.ID))
	_, err = c.Sticker(ctx, st.ID)
	is.Equal(apiCode(err), 10060) // Unknown Sticker

	snd, err := c.CreateGuildSound(ctx, g, &rest.SoundCreate{Name: "boop", Sound: "data:audio/ogg;base64,T2dnUw==", Volume: ptr(0.5)})
	is.NoErr(err)
	is.Equal(snd.Volume, 0.5)
	snd, err = c.ModifyGuildSound(ctx, g, snd.SoundID, &rest.SoundModify{Name: ptr("beep"), EmojiName: rest.Some("🔔")})
	is.NoErr(err)
	one, err := c.GuildSound(ctx, g, snd.SoundID)
	is.NoErr(err)
	is.Equal(one.Name, "beep")
	is.Equal(*one.EmojiName, "🔔")
	sounds, err := c.GuildSounds(ctx, g)
	is.NoErr(err)
	is.Equal(len(sounds), 1)
	is.NoErr(c.DeleteGuildSound(ctx, g, snd.SoundID))
	sounds, err = c.GuildSounds(ctx, g)
	is.NoErr(err)
	is.Equal(len(sounds), 0) // deleted
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
