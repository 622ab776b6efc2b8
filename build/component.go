package build

import (
	"strconv"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
)

// Row is an action row holding buttons (up to 5) or one select menu.
func Row(cs ...model.Component) model.Component {
	return model.Component{Type: model.ComponentActionRow, Components: cs}
}

// Button is a button that sends an interaction with customID when
// clicked; style is one of model.ButtonPrimary, ButtonSecondary,
// ButtonSuccess and ButtonDanger.
func Button(style model.ComponentStyle, label, customID string) model.Component {
	return model.Component{Type: model.ComponentButton, Style: style, Label: label, CustomID: customID}
}

// Link is a button that opens url.
func Link(label, url string) model.Component {
	return model.Component{Type: model.ComponentButton, Style: model.ButtonLink, Label: label, URL: url}
}

// Premium is a button that offers a SKU for purchase.
func Premium(sku model.SKUID) model.Component {
	return model.Component{Type: model.ComponentButton, Style: model.ButtonPremium, SKUID: sku}
}

// StringSelect is a select menu of the given options.
func StringSelect(customID, placeholder string, options ...model.SelectOption) model.Component {
	return model.Component{Type: model.ComponentStringSelect, CustomID: customID, Placeholder: placeholder, Options: options}
}

// Option is a choice of a string select menu.
func Option(label, value string) model.SelectOption {
	return model.SelectOption{Label: label, Value: value}
}

// UserSelect is a select menu of the guild's users.
func UserSelect(customID, placeholder string) model.Component {
	return model.Component{Type: model.ComponentUserSelect, CustomID: customID, Placeholder: placeholder}
}

// RoleSelect is a select menu of the guild's roles.
func RoleSelect(customID, placeholder string) model.Component {
	return model.Component{Type: model.ComponentRoleSelect, CustomID: customID, Placeholder: placeholder}
}

// MentionableSelect is a select menu of users and roles.
func MentionableSelect(customID, placeholder string) model.Component {
	return model.Component{Type: model.ComponentMentionableSelect, CustomID: customID, Placeholder: placeholder}
}

// ChannelSelect is a select menu of channels, of the given types (all
// when none is given).
func ChannelSelect(customID, placeholder string, types ...model.ChannelType) model.Component {
	return model.Component{Type: model.ComponentChannelSelect, CustomID: customID, Placeholder: placeholder, ChannelTypes: types}
}

// TextInput is a text field of a modal; style is model.TextInputShort or
// TextInputParagraph. Put it in a Label.
func TextInput(customID string, style model.ComponentStyle) model.Component {
	return model.Component{Type: model.ComponentTextInput, CustomID: customID, Style: style}
}

// Label gives a modal field (a text input or a select menu) its label
// and, when description is not "", a line of help.
func Label(label, description string, field model.Component) model.Component {
	c := model.Component{Type: model.ComponentLabel, Label: label, Component: &field}
	if description != "" {
		c.Description = &description
	}
	return c
}

// Container groups layout components in a box, with an accent color
// (0xRRGGBB) when accent is not negative.
func Container(accent int, cs ...model.Component) model.Component {
	c := model.Component{Type: model.ComponentContainer, Components: cs}
	if accent >= 0 {
		c.AccentColor = &accent
	}
	return c
}

// Section puts one to three text displays beside an accessory (a
// Thumbnail or a button).
func Section(accessory model.Component, texts ...model.Component) model.Component {
	return model.Component{Type: model.ComponentSection, Components: texts, Accessory: &accessory}
}

// Text is a text display: markdown content.
func Text(markdown string) model.Component {
	return model.Component{Type: model.ComponentTextDisplay, Content: markdown}
}

// Thumbnail is a small image, the accessory of a section.
func Thumbnail(url string) model.Component {
	return model.Component{Type: model.ComponentThumbnail, Media: &model.UnfurledMedia{URL: url}}
}

// Gallery is a media gallery of up to 10 images or videos.
func Gallery(items ...model.MediaGalleryItem) model.Component {
	return model.Component{Type: model.ComponentMediaGallery, Items: items}
}

// Media is an item of a Gallery; description is its alt text ("" for
// none).
func Media(url, description string) model.MediaGalleryItem {
	it := model.MediaGalleryItem{Media: model.UnfurledMedia{URL: url}}
	if description != "" {
		it.Description = &description
	}
	return it
}

// Separator is space between components, with a line when divider.
func Separator(divider bool, spacing model.SeparatorSpacing) model.Component {
	return model.Component{Type: model.ComponentSeparator, Divider: &divider, Spacing: spacing}
}

// File shows a file sent with the message: url is attachment://name.
func File(url string) model.Component {
	return model.Component{Type: model.ComponentFile, File: &model.UnfurledMedia{URL: url}}
}

// Limits of layout components that rest.ValidateComponents does not check.
const (
	MaxGalleryItems   = 10
	MaxSectionTexts   = 3
	MaxTextDisplay    = 4000 // characters of all text displays of a message
	MaxSelectedValues = 25
)

// Components checks classic message components (up to 5 action rows)
// against Discord's limits and returns them.
func Components(cs ...model.Component) ([]model.Component, error) {
	if err := rest.ValidateComponents(cs, false); err != nil {
		return nil, err
	}
	for i := range cs {
		if cs[i].Type != model.ComponentActionRow {
			return nil, &rest.ValidationError{Field: "components." + strconv.Itoa(i), Reason: "the top level holds action rows only (use Layout for other components)"}
		}
	}
	if err := checkLayout("components", cs, new(int)); err != nil {
		return nil, err
	}
	return cs, uniqueIDs(cs, map[string]bool{})
}

// Layout checks layout components (components v2: up to 40 in all) and
// returns them with the flag a message carrying them must have.
func Layout(cs ...model.Component) ([]model.Component, model.MessageFlags, error) {
	if err := rest.ValidateComponents(cs, true); err != nil {
		return nil, 0, err
	}
	text := 0
	if err := checkLayout("components", cs, &text); err != nil {
		return nil, 0, err
	}
	if text > MaxTextDisplay {
		return nil, 0, &rest.ValidationError{Field: "components", Reason: "more than 4000 characters of text in all"}
	}
	if err := uniqueIDs(cs, map[string]bool{}); err != nil {
		return nil, 0, err
	}
	return cs, model.MessageIsComponentsV2, nil
}

// checkLayout checks what rest.ValidateComponents leaves out.
func checkLayout(path string, cs []model.Component, text *int) error {
	for i := range cs {
		c := &cs[i]
		p := path + "." + strconv.Itoa(i)
		bad := func(reason string) error { return &rest.ValidationError{Field: p, Reason: reason} }
		switch c.Type {
		case model.ComponentActionRow:
			selects := 0
			for _, s := range c.Components {
				switch s.Type {
				case model.ComponentStringSelect, model.ComponentUserSelect, model.ComponentRoleSelect,
					model.ComponentMentionableSelect, model.ComponentChannelSelect:
					selects++
				}
			}
			if selects > 0 && len(c.Components) > 1 {
				return bad("a select menu fills its action row alone")
			}
			if len(c.Components) == 0 {
				return bad("empty action row")
			}
		case model.ComponentButton:
			switch {
			case c.Style == model.ButtonLink && (c.URL == "" || c.CustomID != ""):
				return bad("a link button has a URL and no custom ID")
			case c.Style == model.ButtonPremium && (c.SKUID == 0 || c.CustomID != "" || c.Label != ""):
				return bad("a premium button has a SKU and no custom ID or label")
			case c.Style != model.ButtonLink && c.Style != model.ButtonPremium && c.CustomID == "":
				return bad("a button needs a custom ID")
			case c.Style != model.ButtonPremium && c.Label == "" && c.Emoji == nil:
				return bad("a button needs a label or an emoji")
			}
		case model.ComponentStringSelect:
			if len(c.Options) == 0 {
				return bad("a string select needs options")
			}
			fallthrough
		case model.ComponentUserSelect, model.ComponentRoleSelect, model.ComponentMentionableSelect, model.ComponentChannelSelect:
			if c.CustomID == "" {
				return bad("a select menu needs a custom ID")
			}
			for _, n := range []*int{c.MinValues, c.MaxValues} {
				if n != nil && (*n < 0 || *n > MaxSelectedValues) {
					return bad("min and max values must be from 0 to 25")
				}
			}
		case model.ComponentSection:
			if len(c.Components) == 0 || len(c.Components) > MaxSectionTexts {
				return bad("a section holds one to three text displays")
			}
			for _, t := range c.Components {
				if t.Type != model.ComponentTextDisplay {
					return bad("a section holds text displays only")
				}
			}
			if c.Accessory == nil {
				return bad("a section needs an accessory")
			}
		case model.ComponentTextDisplay:
			*text += len([]rune(c.Content))
		case model.ComponentMediaGallery:
			if len(c.Items) == 0 || len(c.Items) > MaxGalleryItems {
				return bad("a media gallery holds one to ten items")
			}
		case model.ComponentThumbnail:
			if c.Media == nil || c.Media.URL == "" {
				return bad("a thumbnail needs a URL")
			}
		case model.ComponentFile:
			if c.File == nil || len(c.File.URL) < len("attachment://x") || c.File.URL[:13] != "attachment://" {
				return bad("a file component shows an attachment://name")
			}
		case model.ComponentContainer:
			for _, in := range c.Components {
				switch in.Type {
				case model.ComponentActionRow, model.ComponentTextDisplay, model.ComponentSection,
					model.ComponentMediaGallery, model.ComponentSeparator, model.ComponentFile:
				default:
					return bad("a container cannot hold a " + in.Type.String())
				}
			}
		}
		if err := checkLayout(p+".components", c.Components, text); err != nil {
			return err
		}
		if c.Accessory != nil {
			if err := checkLayout(p+".accessory", []model.Component{*c.Accessory}, text); err != nil {
				return err
			}
		}
	}
	return nil
}

// uniqueIDs checks that no two components of a message share a custom ID.
func uniqueIDs(cs []model.Component, seen map[string]bool) error {
	for i := range cs {
		c := &cs[i]
		if c.CustomID != "" {
			if seen[c.CustomID] {
				return &rest.ValidationError{Field: "components", Reason: "custom ID " + strconv.Quote(c.CustomID) + " used twice"}
			}
			seen[c.CustomID] = true
		}
		if err := uniqueIDs(c.Components, seen); err != nil {
			return err
		}
		if c.Accessory != nil {
			if err := uniqueIDs([]model.Component{*c.Accessory}, seen); err != nil {
				return err
			}
		}
	}
	return nil
}
