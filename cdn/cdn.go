package cdn

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gloamdev/gloam/model"
)

// BaseURL is the CDN's root, without a trailing slash.
var BaseURL = "https://cdn.discordapp.com"

// mediaURL serves GIF stickers.
var mediaURL = "https://media.discordapp.net"

// Format is an image format the CDN serves.
type Format string

// Image formats.
const (
	PNG    Format = "png"
	JPEG   Format = "jpg"
	WebP   Format = "webp"
	GIF    Format = "gif"
	AVIF   Format = "avif"
	Lottie Format = "json" // stickers only
)

// Image chooses the format and size of an image. A nil *Image means the
// defaults.
type Image struct {
	// Format is the file format. Zero: GIF for an animated image, else
	// PNG.
	Format Format
	// Size is the width in pixels, a power of two from 16 to 4096. Zero:
	// the CDN's default.
	Size int
}

// Errors for what the CDN does not serve, matched with errors.Is.
var (
	ErrSize   = errors.New("cdn: size must be a power of two from 16 to 4096")
	ErrFormat = errors.New("cdn: format not served for this image")
	ErrHash   = errors.New("cdn: empty image hash")
)

// Animated reports whether an image hash is of an animated image.
func Animated(hash string) bool { return strings.HasPrefix(hash, "a_") }

func validSize(n int) bool { return n >= 16 && n <= 4096 && n&(n-1) == 0 }

// image builds BaseURL/path+hash.ext?size=n, checking img against the
// formats allowed (an animated hash adds GIF).
func image(path, hash string, img *Image, allowed []Format) (string, error) {
	if hash == "" {
		return "", ErrHash
	}
	return file(path+hash, Animated(hash), img, allowed)
}

// file builds BaseURL/name.ext?size=n, checking img against the formats
// allowed (animated adds GIF, and makes it the default).
func file(name string, animated bool, img *Image, allowed []Format) (string, error) {
	var o Image
	if img != nil {
		o = *img
	}
	if o.Format == "" {
		o.Format = PNG
		if animated {
			o.Format = GIF
		}
	}
	ok := o.Format == GIF && animated
	for _, f := range allowed {
		ok = ok || f == o.Format
	}
	if !ok {
		return "", ErrFormat
	}
	return build(BaseURL, name+"."+string(o.Format), o.Size)
}

func build(base, path string, size int) (string, error) {
	u := base + "/" + path
	if size != 0 {
		if !validSize(size) {
			return "", ErrSize
		}
		u += "?size=" + strconv.Itoa(size)
	}
	return u, nil
}

var stills = []Format{PNG, JPEG, WebP, AVIF}

// Avatar is the URL of a user's avatar of that hash.
func Avatar(user model.UserID, hash string, img *Image) (string, error) {
	return image("avatars/"+user.String()+"/", hash, img, stills)
}

// DefaultAvatar is the URL of the avatar Discord shows for a user who set
// none (a PNG).
func DefaultAvatar(user model.UserID) string {
	return BaseURL + "/embed/avatars/" + strconv.FormatUint((uint64(user)>>22)%6, 10) + ".png"
}

// MemberAvatar is the URL of a member's avatar for one guild.
func MemberAvatar(guild model.GuildID, user model.UserID, hash string, img *Image) (string, error) {
	return image("guilds/"+guild.String()+"/users/"+user.String()+"/avatars/", hash, img, stills)
}

// UserBanner is the URL of a user's profile banner.
func UserBanner(user model.UserID, hash string, img *Image) (string, error) {
	return image("banners/"+user.String()+"/", hash, img, stills)
}

// MemberBanner is the URL of a member's banner for one guild.
func MemberBanner(guild model.GuildID, user model.UserID, hash string, img *Image) (string, error) {
	return image("guilds/"+guild.String()+"/users/"+user.String()+"/banners/", hash, img, stills)
}

// GuildBanner is the URL of a guild's banner.
func GuildBanner(guild model.GuildID, hash string, img *Image) (string, error) {
	return image("banners/"+guild.String()+"/", hash, img, stills)
}

// GuildIcon is the URL of a guild's icon.
func GuildIcon(guild model.GuildID, hash string, img *Image) (string, error) {
	return image("icons/"+guild.String()+"/", hash, img, stills)
}

// GuildSplash is the URL of a guild's invite splash.
func GuildSplash(guild model.GuildID, hash string, img *Image) (string, error) {
	return image("splashes/"+guild.String()+"/", hash, img, stills)
}

// Emoji is the URL of a custom emoji. Emoji have no hash: animated says
// whether this one is (and so whether GIF is allowed; it is the default
// then).
func Emoji(id model.EmojiID, animated bool, img *Image) (string, error) {
	return file("emojis/"+id.String(), animated, img, stills)
}

// Sticker is the URL of a sticker, in the format its format type says:
// PNG for PNG and APNG stickers, Lottie JSON for Lottie ones (no size),
// GIF for GIF ones (served from media.discordapp.net).
func Sticker(id model.StickerID, typ model.StickerFormat, size int) (string, error) {
	switch typ {
	case model.StickerPNG, model.StickerAPNG:
		return build(BaseURL, "stickers/"+id.String()+".png", size)
	case model.StickerLottie:
		if size != 0 {
			return "", ErrSize
		}
		return BaseURL + "/stickers/" + id.String() + ".json", nil
	case model.StickerGIF:
		return build(mediaURL, "stickers/"+id.String()+".gif", size)
	}
	return "", ErrFormat
}
