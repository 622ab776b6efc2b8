package build

import (
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
)

// Embed builds a model.Embed; its methods return it for chaining. The
// zero value is an empty embed.
type Embed struct {
	e model.Embed
}

// NewEmbed starts an empty embed.
func NewEmbed() *Embed { return &Embed{} }

// Title sets the title.
func (b *Embed) Title(title string) *Embed { b.e.Title = title; return b }

// URL sets the link of the title.
func (b *Embed) URL(url string) *Embed { b.e.URL = url; return b }

// Description sets the main text (markdown).
func (b *Embed) Description(text string) *Embed { b.e.Description = text; return b }

// Color sets the color of the left border, as 0xRRGGBB.
func (b *Embed) Color(rgb int) *Embed { b.e.Color = rgb; return b }

// Timestamp sets the time shown in the footer.
func (b *Embed) Timestamp(t time.Time) *Embed { b.e.Timestamp = model.Timestamp{Time: t}; return b }

// Author sets the author line; url and iconURL may be "".
func (b *Embed) Author(name, url, iconURL string) *Embed {
	b.e.Author = &model.EmbedAuthor{Name: name, URL: url, IconURL: iconURL}
	return b
}

// Footer sets the footer; iconURL may be "".
func (b *Embed) Footer(text, iconURL string) *Embed {
	b.e.Footer = &model.EmbedFooter{Text: text, IconURL: iconURL}
	return b
}

// Image sets the large image (a URL, or attachment://name for a file
// sent with the message).
func (b *Embed) Image(url string) *Embed { b.e.Image = &model.EmbedMedia{URL: url}; return b }

// Thumbnail sets the small image at the top right.
func (b *Embed) Thumbnail(url string) *Embed { b.e.Thumbnail = &model.EmbedMedia{URL: url}; return b }

// Field adds a field; inline fields sit side by side.
func (b *Embed) Field(name, value string, inline bool) *Embed {
	b.e.Fields = append(b.e.Fields, model.EmbedField{Name: name, Value: value, Inline: inline})
	return b
}

// Build checks the embed against Discord's limits (rest.ValidateEmbeds)
// and returns it.
func (b *Embed) Build() (model.Embed, error) {
	if err := rest.ValidateEmbeds([]model.Embed{b.e}); err != nil {
		return model.Embed{}, err
	}
	e := b.e
	e.Fields = append([]model.EmbedField(nil), b.e.Fields...)
	return e, nil
}
