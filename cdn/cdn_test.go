package cdn_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/gloamdev/gloam/cdn"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

func TestURLs(t *testing.T) {
	is := is.New(t)
	const u, g = model.UserID(80351110224678912), model.GuildID(197038439483310086)
	url, err := cdn.Avatar(u, "8342729096ea3675442027381ff50dfe", nil)
	is.NoErr(err)
	is.Equal(url, "https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png")
	url, err = cdn.Avatar(u, "a_1269e74af4df7417b13759eae50c83dc", &cdn.Image{Size: 1024})
	is.NoErr(err)
	is.Equal(url, "https://cdn.discordapp.com/avatars/80351110224678912/a_1269e74af4df7417b13759eae50c83dc.gif?size=1024") // animated: GIF
	url, err = cdn.MemberAvatar(g, u, "abc", &cdn.Image{Format: cdn.WebP, Size: 64})
	is.NoErr(err)
	is.Equal(url, "https://cdn.discordapp.com/guilds/197038439483310086/users/80351110224678912/avatars/abc.webp?size=64")
	url, _ = cdn.UserBanner(u, "b", nil)
	is.Equal(url, "https://cdn.discordapp.com/banners/80351110224678912/b.png")
	url, _ = cdn.GuildBanner(g, "b", &cdn.Image{Format: cdn.JPEG})
	is.Equal(url, "https://cdn.discordapp.com/banners/197038439483310086/b.jpg")
	url, _ = cdn.GuildIcon(g, "i", nil)
	is.Equal(url, "https://cdn.discordapp.com/icons/197038439483310086/i.png")
	url, _ = cdn.Emoji(41771983429993937, true, nil)
	is.Equal(url, "https://cdn.discordapp.com/emojis/41771983429993937.gif")
	url, _ = cdn.Sticker(749054660769218631, model.StickerLottie, 0)
	is.Equal(url, "https://cdn.discordapp.com/stickers/749054660769218631.json")
	url, _ = cdn.Sticker(749054660769218631, model.StickerGIF, 128)
	is.Equal(url, "https://media.discordapp.net/stickers/749054660769218631.gif?size=128")
	is.Equal(cdn.DefaultAvatar(u), "https://cdn.discordapp.com/embed/avatars/"+fmt.Sprint((uint64(u)>>22)%6)+".png")
}

func TestRefused(t *testing.T) {
	for name, c := range map[string]struct {
		f    func() (string, error)
		want error
	}{
		"size 100":         {func() (string, error) { return cdn.Avatar(1, "h", &cdn.Image{Size: 100}) }, cdn.ErrSize},
		"size 8":           {func() (string, error) { return cdn.Avatar(1, "h", &cdn.Image{Size: 8}) }, cdn.ErrSize},
		"size 8192":        {func() (string, error) { return cdn.GuildIcon(1, "h", &cdn.Image{Size: 8192}) }, cdn.ErrSize},
		"gif of a still":   {func() (string, error) { return cdn.Avatar(1, "h", &cdn.Image{Format: cdn.GIF}) }, cdn.ErrFormat},
		"lottie avatar":    {func() (string, error) { return cdn.Avatar(1, "h", &cdn.Image{Format: cdn.Lottie}) }, cdn.ErrFormat},
		"gif emoji, still": {func() (string, error) { return cdn.Emoji(1, false, &cdn.Image{Format: cdn.GIF}) }, cdn.ErrFormat},
		"no hash":          {func() (string, error) { return cdn.GuildBanner(1, "", nil) }, cdn.ErrHash},
		"lottie with size": {func() (string, error) { return cdn.Sticker(1, model.StickerLottie, 64) }, cdn.ErrSize},
		"unknown sticker":  {func() (string, error) { return cdn.Sticker(1, 9, 0) }, cdn.ErrFormat},
		"made-up format":   {func() (string, error) { return cdn.GuildSplash(1, "h", &cdn.Image{Format: "bmp"}) }, cdn.ErrFormat},
	} {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			url, err := c.f()
			is.True(errors.Is(err, c.want)) // refused
			is.Equal(url, "")
		})
	}
}

func ExampleAvatar() {
	u := model.User{ID: 80351110224678912, Avatar: new("a_1269e74af4df7417b13759eae50c83dc")}
	url, err := cdn.Avatar(u.ID, *u.Avatar, &cdn.Image{Size: 256})
	fmt.Println(url, err)
	url, err = cdn.Avatar(u.ID, *u.Avatar, &cdn.Image{Size: 300})
	fmt.Println(url, err)
	// Output:
	// https://cdn.discordapp.com/avatars/80351110224678912/a_1269e74af4df7417b13759eae50c83dc.gif?size=256 <nil>
	//  cdn: size must be a power of two from 16 to 4096
}
