package model_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gloamdev/gloam/internal/shared"
	"github.com/gloamdev/gloam/model"
)

// specTypes maps the response schemas of Discord's OpenAPI spec to the
// model types that decode them.
var specTypes = map[string]any{
	"GuildResponse":                                  model.Guild{},
	"GuildWithCountsResponse":                        model.Guild{},
	"UserResponse":                                   model.User{},
	"GuildMemberResponse":                            model.Member{},
	"GuildRoleResponse":                              model.Role{},
	"GuildRoleTagsResponse":                          model.RoleTags{},
	"GuildRoleColorsResponse":                        model.RoleColors{},
	"EmojiResponse":                                  model.Emoji{},
	"GuildStickerResponse":                           model.Sticker{},
	"StandardStickerResponse":                        model.Sticker{},
	"MessageStickerItemResponse":                     model.StickerItem{},
	"StickerPackResponse":                            model.StickerPack{},
	"GuildChannelResponse":                           model.Channel{},
	"ThreadResponse":                                 model.Channel{},
	"PrivateChannelResponse":                         model.Channel{},
	"PrivateGroupChannelResponse":                    model.Channel{},
	"ChannelPermissionOverwriteResponse":             model.PermissionOverwrite{},
	"ThreadMetadataResponse":                         model.ThreadMetadata{},
	"ThreadMemberResponse":                           model.ThreadMember{},
	"ForumTagResponse":                               model.ForumTag{},
	"DefaultReactionEmojiResponse":                   model.DefaultReaction{},
	"MessageResponse":                                model.Message{},
	"MessageAttachmentResponse":                      model.Attachment{},
	"MessageEmbedResponse":                           model.Embed{},
	"MessageEmbedFooterResponse":                     model.EmbedFooter{},
	"MessageEmbedAuthorResponse":                     model.EmbedAuthor{},
	"MessageEmbedProviderResponse":                   model.EmbedProvider{},
	"MessageEmbedFieldResponse":                      model.EmbedField{},
	"MessageReactionResponse":                        model.Reaction{},
	"MessageReactionCountDetailsResponse":            model.ReactionCountDetails{},
	"MessageReferenceResponse":                       model.MessageReference{},
	"MessageActivityResponse":                        model.MessageActivity{},
	"MessageCallResponse":                            model.CallMetadata{},
	"MessageRoleSubscriptionDataResponse":            model.RoleSubscriptionData{},
	"MessageMentionChannelResponse":                  model.ChannelMention{},
	"PollResponse":                                   model.Poll{},
	"PollMediaResponse":                              model.PollMedia{},
	"PollAnswerResponse":                             model.PollAnswer{},
	"PollResultsResponse":                            model.PollResults{},
	"VoiceStateResponse":                             model.VoiceState{},
	"VoiceRegionResponse":                            model.VoiceRegion{},
	"StageInstanceResponse":                          model.StageInstance{},
	"SoundboardSoundResponse":                        model.SoundboardSound{},
	"GuildBanResponse":                               model.Ban{},
	"GuildPreviewResponse":                           model.GuildPreview{},
	"GuildTemplateResponse":                          model.GuildTemplate{},
	"GuildWelcomeScreenResponse":                     model.WelcomeScreen{},
	"GuildWelcomeScreenChannelResponse":              model.WelcomeScreenChannel{},
	"GuildIncidentsDataResponse":                     model.IncidentsData{},
	"GuildOnboardingResponse":                        model.GuildOnboarding{},
	"OnboardingPromptResponse":                       model.OnboardingPrompt{},
	"OnboardingPromptOptionResponse":                 model.OnboardingPromptOption{},
	"WidgetSettingsResponse":                         model.GuildWidgetSettings{},
	"WidgetResponse":                                 model.GuildWidget{},
	"ApplicationResponse":                            model.Application{},
	"ApplicationCommandResponse":                     model.ApplicationCommand{},
	"CommandPermissionsResponse":                     model.CommandPermissions{},
	"CommandPermissionResponse":                      model.CommandPermission{},
	"EntitlementResponse":                            model.Entitlement{},
	"SubscriptionResponse":                           model.Subscription{},
	"ConnectedAccountResponse":                       model.Connection{},
	"GuildIncomingWebhookResponse":                   model.Webhook{},
	"ChannelFollowerResponse":                        model.FollowedChannel{},
	"ScheduledEventUserResponse":                     model.ScheduledEventUser{},
	"RecurrenceRuleResponse":                         model.RecurrenceRule{},
	"GuildScheduledEventExceptionResponse":           model.ScheduledEventException{},
	"AuditLogEntryResponse":                          model.AuditLogEntry{},
	"GuildAuditLogResponse":                          model.AuditLog{},
	"LobbyResponse":                                  model.Lobby{},
	"LobbyMemberResponse":                            model.LobbyMember{},
	"ApplicationRoleConnectionsMetadataItemResponse": model.RoleConnectionMetadata{},
	"ApplicationUserRoleConnectionResponse":          model.RoleConnection{},
	"UserAvatarDecorationResponse":                   model.AvatarDecoration{},
	"UserCollectiblesResponse":                       model.Collectibles{},
	"UserNameplateResponse":                          model.Nameplate{},
	"UserPrimaryGuildResponse":                       model.PrimaryGuild{},
	"IntegrationApplicationResponse":                 model.IntegrationApplication{},
	"ExternalScheduledEventResponse":                 model.ScheduledEvent{},
	"StageScheduledEventResponse":                    model.ScheduledEvent{},
	"VoiceScheduledEventResponse":                    model.ScheduledEvent{},
}

// spec is Discord's OpenAPI document, as far as the test reads it.
type spec struct {
	Components struct {
		Schemas map[string]*schema `json:"schemas"`
	} `json:"components"`
}

type schema struct {
	Ref        string             `json:"$ref"`
	Type       any                `json:"type"` // a name, or a list of names
	Format     string             `json:"format"`
	Properties map[string]*schema `json:"properties"`
	Items      *schema            `json:"items"`
	OneOf      []*schema          `json:"oneOf"`
	AnyOf      []*schema          `json:"anyOf"`
	AllOf      []*schema          `json:"allOf"`
	Const      any                `json:"const"`
	Enum       []any              `json:"enum"`
	Additional any                `json:"additionalProperties"`
}

// types are the JSON types s allows, null left out.
func (s *schema) types() []string {
	switch t := s.Type.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, x := range t {
			if x != "null" {
				out = append(out, x.(string))
			}
		}
		return out
	}
	return nil
}

func (s *schema) isNull() bool { return s.Type == "null" }

// sample makes a value of schema s with every property set, to a value
// that no omitempty drops. It reports false for a value it cannot make
// within the depth.
func (sp *spec) sample(s *schema, depth int) (any, bool) {
	if depth > 6 {
		return nil, false
	}
	if s.Ref != "" {
		return sp.sample(sp.Components.Schemas[strings.TrimPrefix(s.Ref, "#/components/schemas/")], depth+1)
	}
	if s.isNull() {
		return nil, true // a flag that is present or not, such as a role tag
	}
	if s.Const != nil {
		return s.Const, true
	}
	if len(s.Enum) > 0 {
		return s.Enum[len(s.Enum)-1], true
	}
	if len(s.AllOf) > 0 {
		return sp.sample(s.AllOf[0], depth)
	}
	for _, alts := range [][]*schema{s.OneOf, s.AnyOf} {
		// The last alternative that is neither null nor 0 (an enum's 0 is
		// often left out on encoding), else the last one.
		var fallback any
		found := false
		for i := len(alts) - 1; i >= 0; i-- {
			if alts[i].isNull() {
				continue
			}
			v, ok := sp.sample(alts[i], depth)
			if !ok {
				continue
			}
			if v != 0.0 {
				return v, true
			}
			if !found {
				fallback, found = v, true
			}
		}
		if len(alts) > 0 {
			return fallback, found
		}
	}
	ts := s.types()
	if len(ts) == 0 {
		if s.Properties != nil {
			ts = []string{"object"}
		} else {
			return nil, false
		}
	}
	switch ts[0] {
	case "string":
		switch s.Format {
		case "date-time":
			return "2024-05-06T07:08:09.123456+00:00", true
		case "uri":
			return "https://example.test/x", true
		}
		return "1234", true // digits: a snowflake, a permission set or a plain string
	case "integer":
		return 3.0, true
	case "number":
		return 1.5, true
	case "boolean":
		return true, true
	case "array":
		if s.Items == nil {
			return []any{}, true
		}
		v, ok := sp.sample(s.Items, depth+1)
		if !ok {
			return nil, false
		}
		return []any{v}, true
	case "object":
		m := map[string]any{}
		for k, p := range s.Properties {
			if v, ok := sp.sample(p, depth+1); ok {
				m[k] = v
			}
		}
		if add, ok := s.Additional.(map[string]any); ok && len(s.Properties) == 0 {
			// A map, such as localizations: one entry, under a key that
			// also reads as a number.
			b, _ := json.Marshal(add)
			var as schema
			if json.Unmarshal(b, &as) == nil {
				if v, ok := sp.sample(&as, depth+1); ok {
					m["1"] = v
				}
			}
		}
		return m, true
	}
	return nil, false
}

// same compares a value sent with the value gloam encodes back: numbers
// by value, strings also as snowflakes and timestamps, objects by the
// members that came back (those a nested model type drops are checked
// against its own schema).
func same(sent, got any) bool {
	switch s := sent.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return false
		}
		for k, gv := range g {
			if sv, ok := s[k]; ok && !same(sv, gv) {
				return false
			}
		}
		return true
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(s) {
			return false
		}
		for i := range s {
			if !same(s[i], g[i]) {
				return false
			}
		}
		return true
	case string:
		switch g := got.(type) {
		case string:
			if g == s {
				return true
			}
			ts, err1 := time.Parse(time.RFC3339Nano, s)
			tg, err2 := time.Parse(time.RFC3339Nano, g)
			return err1 == nil && err2 == nil && ts.Equal(tg)
		case float64:
			return fmt.Sprint(g) == s
		}
		return false
	case float64:
		switch g := got.(type) {
		case float64:
			return math.Abs(g-s) < 1e-9
		case string:
			return g == fmt.Sprint(s)
		}
		return false
	}
	return reflect.DeepEqual(sent, got)
}

// TestSpecRoundTrip makes, for each response schema of Discord's OpenAPI
// spec that a model type decodes, a value with every field set; decoded
// and encoded again, every field must come back with its value.
func TestSpecRoundTrip(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(shared.Dir(t), "discord-api", "openapi.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sp spec
	if err := json.Unmarshal(data, &sp); err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(specTypes))
	for n := range specTypes {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			s := sp.Components.Schemas[name]
			if s == nil {
				t.Fatalf("no schema %s in the spec", name)
			}
			v, ok := sp.sample(s, 0)
			if !ok {
				t.Fatalf("no sample of %s", name)
			}
			for k := range s.Properties {
				if _, ok := v.(map[string]any)[k]; !ok {
					t.Errorf("no sample of %s.%s", name, k)
				}
			}
			sent, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			typ := reflect.TypeOf(specTypes[name])
			dst := reflect.New(typ)
			if err := json.Unmarshal(sent, dst.Interface()); err != nil {
				t.Fatalf("decode into %v: %v\n%s", typ, err, sent)
			}
			enc, err := json.Marshal(dst.Interface())
			if err != nil {
				t.Fatalf("encode %v: %v", typ, err)
			}
			var got map[string]any
			if err := json.Unmarshal(enc, &got); err != nil {
				t.Fatal(err)
			}
			var lost []string
			for k, sv := range v.(map[string]any) {
				gv, ok := got[k]
				if !ok || !same(sv, gv) {
					lost = append(lost, fmt.Sprintf("%s (sent %v, got %v)", k, clipJSON(sv), clipJSON(gv)))
				}
			}
			slices.Sort(lost)
			for _, l := range lost {
				t.Errorf("%v loses %s", typ, l)
			}
		})
	}
}

func clipJSON(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 80 {
		return string(b[:80]) + "..."
	}
	return string(b)
}
