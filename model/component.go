package model

import "encoding/json"

// Component is a message or modal component of any type: a layout
// (action row, section, container, label), an interactive one (button,
// select menus, text input...) or content (text display, media...). The
// fields a type does not use stay zero.
//
// A component of a type gloam does not know, or one whose fields have
// types gloam does not expect, keeps the JSON it was decoded from and
// encodes back to exactly that; see Raw.
type Component struct {
	Type ComponentType `json:"type"`
	ID   int           `json:"id,omitempty"` // the component's number within the message

	// Layout: action rows, sections and containers hold components; a
	// section has an accessory; a label wraps one component.
	Components []Component `json:"components,omitempty"`
	Accessory  *Component  `json:"accessory,omitempty"`
	Component  *Component  `json:"component,omitempty"`

	// Interactive components.
	CustomID      string               `json:"custom_id,omitempty"`
	Style         ComponentStyle       `json:"style,omitempty"`
	Label         string               `json:"label,omitempty"`
	Emoji         *Emoji               `json:"emoji,omitempty"`
	URL           string               `json:"url,omitempty"`
	SKUID         SKUID                `json:"sku_id,omitzero"`
	Disabled      bool                 `json:"disabled,omitempty"`
	Placeholder   string               `json:"placeholder,omitempty"`
	MinValues     *int                 `json:"min_values,omitempty"`
	MaxValues     *int                 `json:"max_values,omitempty"`
	Options       []SelectOption       `json:"options,omitempty"`
	ChannelTypes  []ChannelType        `json:"channel_types,omitempty"`
	DefaultValues []SelectDefaultValue `json:"default_values,omitempty"`
	Required      *bool                `json:"required,omitempty"`
	MinLength     *int                 `json:"min_length,omitempty"`
	MaxLength     *int                 `json:"max_length,omitempty"`
	Value         string               `json:"value,omitempty"`  // a text input's (pre)filled value
	Values        []string             `json:"values,omitempty"` // what was picked, in modal submits

	// Content components.
	Content     string             `json:"content,omitempty"`     // text display, markdown
	Media       *UnfurledMedia     `json:"media,omitempty"`       // thumbnail
	Description *string            `json:"description,omitempty"` // thumbnail, label
	Spoiler     bool               `json:"spoiler,omitempty"`
	Items       []MediaGalleryItem `json:"items,omitempty"`
	File        *UnfurledMedia     `json:"file,omitempty"`
	Name        string             `json:"name,omitempty"` // file
	Size        int                `json:"size,omitempty"` // file
	Divider     *bool              `json:"divider,omitempty"`
	Spacing     SeparatorSpacing   `json:"spacing,omitempty"`
	AccentColor *int               `json:"accent_color,omitempty"` // container

	raw []byte
}

// Raw is the JSON a component was decoded from when gloam keeps it for
// re-encoding (unknown type or unexpected field types); nil otherwise.
func (c *Component) Raw() []byte { return c.raw }

type componentJSON Component

// UnmarshalJSON decodes a component; see Component for what is kept.
func (c *Component) UnmarshalJSON(b []byte) error {
	raw, err := decodeKeepingRaw(b, (*componentJSON)(c), func() bool { return c.Type.Known() })
	c.raw = raw
	return err
}

// MarshalJSON encodes c, or the JSON it kept.
func (c Component) MarshalJSON() ([]byte, error) {
	if c.raw != nil {
		return c.raw, nil
	}
	return json.Marshal(componentJSON(c))
}

// SelectOption is a choice of a string select menu.
type SelectOption struct {
	Label       string `json:"label"`
	Value       string `json:"value"`
	Description string `json:"description,omitempty"`
	Emoji       *Emoji `json:"emoji,omitempty"`
	Default     bool   `json:"default,omitempty"`
}

// SelectDefaultValue is a value an auto-populated select menu starts with.
type SelectDefaultValue struct {
	ID   Snowflake `json:"id"`
	Type string    `json:"type"` // "user", "role" or "channel"
}

// UnfurledMedia is a media item of a content component.
type UnfurledMedia struct {
	URL          string       `json:"url"`
	ProxyURL     string       `json:"proxy_url,omitempty"`
	Height       *int         `json:"height,omitempty"`
	Width        *int         `json:"width,omitempty"`
	ContentType  string       `json:"content_type,omitempty"`
	AttachmentID AttachmentID `json:"attachment_id,omitzero"`
}

// MediaGalleryItem is one item of a media gallery.
type MediaGalleryItem struct {
	Media       UnfurledMedia `json:"media"`
	Description *string       `json:"description,omitempty"`
	Spoiler     bool          `json:"spoiler,omitempty"`
}
