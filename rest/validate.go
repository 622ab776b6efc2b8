package rest

import (
	"strconv"
	"unicode/utf8"

	"github.com/gloamdev/gloam/model"
)

// Discord's documented limits, checked before a request is sent.
const (
	MaxContent          = 2000
	MaxEmbeds           = 10
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxEmbedFields      = 25
	MaxEmbedFieldName   = 256
	MaxEmbedFieldValue  = 1024
	MaxEmbedFooter      = 2048
	MaxEmbedAuthor      = 256
	MaxEmbedTotal       = 6000
	MaxActionRows       = 5
	MaxRowButtons       = 5
	MaxComponentsV2     = 40
	MaxCustomID         = 100
	MaxButtonLabel      = 80
	MaxSelectOptions    = 25
	MaxSelectText       = 100 // option label, value and description
	MaxPlaceholder      = 150
	MaxNickname         = 32
	MaxReason           = 512
	MaxBulkDelete       = 100
	MinBulkDelete       = 2
	MaxStickers         = 3
	MaxFiles            = 10
	MaxUsername         = 80 // webhook username
	MaxThreadName       = 100
	MaxChannelName      = 100
	MaxRoleName         = 100
	MaxCommandName      = 32
	MaxCommandDesc      = 100
	MaxChoices          = 25
	MaxBulkBan          = 200
)

func utf8Len(s string) int { return utf8.RuneCountInString(s) }

func tooLong(field string, s string, max int) error {
	if utf8Len(s) > max {
		return &ValidationError{Field: field, Reason: "longer than " + strconv.Itoa(max) + " characters"}
	}
	return nil
}

func tooMany(field string, n, max int) error {
	if n > max {
		return &ValidationError{Field: field, Reason: "more than " + strconv.Itoa(max) + " items"}
	}
	return nil
}

// validateMessage checks what every kind of message shares.
func validateMessage(content string, embeds []model.Embed, comps []model.Component, flags model.MessageFlags, files int) error {
	if err := tooLong("content", content, MaxContent); err != nil {
		return err
	}
	if err := ValidateEmbeds(embeds); err != nil {
		return err
	}
	if err := tooMany("files", files, MaxFiles); err != nil {
		return err
	}
	return ValidateComponents(comps, flags.Has(model.MessageIsComponentsV2))
}

// ValidateEmbeds checks embeds against Discord's limits: at most 10,
// the length of each text, and 6000 characters in all.
func ValidateEmbeds(embeds []model.Embed) error {
	if err := tooMany("embeds", len(embeds), MaxEmbeds); err != nil {
		return err
	}
	total := 0
	for i := range embeds {
		e := &embeds[i]
		p := "embeds." + strconv.Itoa(i) + "."
		check := func(field, s string, max int) error {
			total += utf8Len(s)
			return tooLong(p+field, s, max)
		}
		if err := check("title", e.Title, MaxEmbedTitle); err != nil {
			return err
		}
		if err := check("description", e.Description, MaxEmbedDescription); err != nil {
			return err
		}
		if e.Footer != nil {
			if err := check("footer.text", e.Footer.Text, MaxEmbedFooter); err != nil {
				return err
			}
		}
		if e.Author != nil {
			if err := check("author.name", e.Author.Name, MaxEmbedAuthor); err != nil {
				return err
			}
		}
		if err := tooMany(p+"fields", len(e.Fields), MaxEmbedFields); err != nil {
			return err
		}
		for j, f := range e.Fields {
			fp := p + "fields." + strconv.Itoa(j) + "."
			if err := tooLong(fp+"name", f.Name, MaxEmbedFieldName); err != nil {
				return err
			}
			if err := tooLong(fp+"value", f.Value, MaxEmbedFieldValue); err != nil {
				return err
			}
			total += utf8Len(f.Name) + utf8Len(f.Value)
		}
	}
	if total > MaxEmbedTotal {
		return &ValidationError{Field: "embeds", Reason: "more than " + strconv.Itoa(MaxEmbedTotal) + " characters in all"}
	}
	return nil
}

// ValidateComponents checks message components against Discord's limits.
// Without the IS_COMPONENTS_V2 flag (v2 false), the top level holds at
// most 5 action rows; with it, at most 40 components in all.
func ValidateComponents(comps []model.Component, v2 bool) error {
	if v2 {
		n := 0
		countComponents(comps, &n)
		if n > MaxComponentsV2 {
			return &ValidationError{Field: "components", Reason: "more than " + strconv.Itoa(MaxComponentsV2) + " components in all"}
		}
	} else if err := tooMany("components", len(comps), MaxActionRows); err != nil {
		return err
	}
	return validateComponents("components", comps, 0)
}

func countComponents(cs []model.Component, n *int) {
	for i := range cs {
		*n++
		countComponents(cs[i].Components, n)
		if cs[i].Accessory != nil {
			countComponents([]model.Component{*cs[i].Accessory}, n)
		}
		if cs[i].Component != nil {
			countComponents([]model.Component{*cs[i].Component}, n)
		}
	}
}

func validateComponents(path string, cs []model.Component, depth int) error {
	if depth > 8 {
		return &ValidationError{Field: path, Reason: "components nested too deep"}
	}
	for i := range cs {
		c := &cs[i]
		p := path + "." + strconv.Itoa(i)
		if err := tooLong(p+".custom_id", c.CustomID, MaxCustomID); err != nil {
			return err
		}
		switch c.Type {
		case model.ComponentActionRow:
			buttons := 0
			for _, sub := range c.Components {
				if sub.Type == model.ComponentButton {
					buttons++
				}
			}
			if err := tooMany(p+".components", buttons, MaxRowButtons); err != nil {
				return err
			}
		case model.ComponentButton:
			if err := tooLong(p+".label", c.Label, MaxButtonLabel); err != nil {
				return err
			}
		case model.ComponentStringSelect:
			if err := tooMany(p+".options", len(c.Options), MaxSelectOptions); err != nil {
				return err
			}
			for j, o := range c.Options {
				op := p + ".options." + strconv.Itoa(j)
				if err := tooLong(op+".label", o.Label, MaxSelectText); err != nil {
					return err
				}
				if err := tooLong(op+".value", o.Value, MaxSelectText); err != nil {
					return err
				}
				if err := tooLong(op+".description", o.Description, MaxSelectText); err != nil {
					return err
				}
			}
		}
		if err := tooLong(p+".placeholder", c.Placeholder, MaxPlaceholder); err != nil {
			return err
		}
		if err := validateComponents(p+".components", c.Components, depth+1); err != nil {
			return err
		}
		if c.Accessory != nil {
			if err := validateComponents(p+".accessory", []model.Component{*c.Accessory}, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}
