// Package cdn builds the URLs of the images Discord serves from its CDN:
// user avatars (and the default ones), guild member avatars, user and
// guild banners, guild icons, custom emoji and stickers, with the size
// and format checked against what the CDN accepts.
//
// # Basics
//
// Each function takes the IDs and image hash from the model and an
// *Image (nil for the defaults: PNG, or GIF for an animated hash, at the
// size Discord chooses):
//
//	url, err := cdn.Avatar(u.ID, *u.Avatar, &cdn.Image{Size: 256, Format: cdn.WebP})
//
// An animated image has a hash starting with "a_"; GIF is refused for a
// still one. Sizes are powers of two from 16 to 4096.
//
// # Caveats
//
// The URLs are built, not fetched: a hash that is no longer current (the
// user changed their avatar) gives a URL the CDN answers with 404.
// BaseURL can point elsewhere, e.g. at discordtest, but is shared by the
// whole process.
package cdn
