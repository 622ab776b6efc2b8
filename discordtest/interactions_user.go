package discordtest

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gloamdev/gloam/model"
)

// UserInteraction describes any interaction a World user makes, for
// Server.Interact, with its data as the test writes it. UseCommand,
// Autocomplete, ClickButton, ChooseSelect and SubmitModal build the data
// themselves, from what the bot registered or sent, and check it as
// Discord's client would.
type UserInteraction struct {
	// Type is the interaction type. Zero: an application command.
	Type model.InteractionType

	// ChannelID is the channel it happens in: a guild channel, a thread
	// or a DM. Required.
	ChannelID model.ChannelID

	// UserID is the user who interacts. Zero: the first member of the
	// guild who is not the bot (in a DM, the recipient).
	UserID model.UserID

	// Data is the interaction's data: the command with its options, or the
	// component's custom_id and type. Nil: none.
	Data *model.InteractionData

	// MessageID is, for component interactions, the message whose
	// component was used. It must be one the REST API knows.
	MessageID model.MessageID

	// Locale is the user's language. Zero: "en-US".
	Locale string
}

// Interact makes a World user interact with the bot, with data as given
// and unchecked, and returns the interaction. It is delivered as Discord
// does: POSTed, signed, to the interactions endpoint when one is set
// (SetInteractionsEndpoint), else dispatched as INTERACTION_CREATE to the
// shard of the channel's guild (shard 0 for a DM). Interact returns once
// the event is written, or the POST is under way.
//
// The bot answers on POST /interactions/{id}/{token}/callback (or in the
// HTTP endpoint's answer) within RESTOptions.InteractionTimeout, and then
// follows up on /webhooks/{application_id}/{token} while the token lives.
// The returned Interaction tells what it answered.
func (s *Server) Interact(ui UserInteraction) (*Interaction, error) {
	in, err := s.newInteraction(ui.Type, ui.ChannelID, ui.UserID, ui.Locale)
	if err != nil {
		return nil, err
	}
	in.Data = ui.Data
	if ui.MessageID != 0 {
		m, ok := s.Message(in.ChannelID, ui.MessageID)
		if !ok {
			return nil, fmt.Errorf("discordtest: interact: message %d: %w", ui.MessageID, ErrUnknown)
		}
		in.Message = &m
	}
	return s.start(in)
}

func newInteractionToken() string {
	var tok [48]byte
	rand.Read(tok[:])
	return "aW50ZXJhY3Rpb24" + base64.RawURLEncoding.EncodeToString(tok[:])
}

// interactionChannel finds a World channel or a thread the REST API made.
func (s *Server) interactionChannel(id model.ChannelID) (Channel, model.ChannelID, bool) {
	if ch, ok := s.World().Channel(id); ok {
		return ch, ch.ID, true
	}
	d := s.rest.data
	d.mu.Lock()
	defer d.mu.Unlock()
	if t := d.threads[id]; t != nil && t.ParentID != nil {
		return t.Channel, *t.ParentID, true
	}
	return Channel{}, 0, false
}

// newInteraction fills in what every interaction of a user in a channel
// carries: IDs, token, the member with its permissions or the user, the
// channel, the app's permissions, locales and integration owners.
func (s *Server) newInteraction(typ model.InteractionType, chID model.ChannelID, uid model.UserID, locale string) (model.Interaction, error) {
	w := s.World()
	ch, permCh, ok := s.interactionChannel(chID)
	if !ok {
		return model.Interaction{}, fmt.Errorf("discordtest: interact: channel %d: %w", chID, ErrUnknown)
	}
	bot := w.Bot()
	if uid == 0 {
		if ch.GuildID != 0 {
			for _, m := range w.Members(ch.GuildID) {
				if m.User.ID != bot.ID {
					uid = m.User.ID
					break
				}
			}
		} else {
			for _, r := range ch.Recipients {
				if r.ID != bot.ID {
					uid = r.ID
					break
				}
			}
		}
	}
	u, ok := w.User(uid)
	if !ok {
		return model.Interaction{}, fmt.Errorf("discordtest: interact: user %d: %w", uid, ErrUnknown)
	}
	if typ == 0 {
		typ = model.InteractionApplicationCommand
	}
	if locale == "" {
		locale = "en-US"
	}
	in := model.Interaction{
		ID: model.InteractionID(w.NewID()), ApplicationID: w.ApplicationID(), Type: typ,
		GuildID: ch.GuildID, ChannelID: ch.ID, Token: newInteractionToken(), Version: 1,
		Locale: locale, Entitlements: []model.Entitlement{}, AttachmentSizeLimit: 10 << 20,
	}
	var chJSON model.Channel
	if b, err := json.Marshal(ch); err == nil && json.Unmarshal(b, &chJSON) == nil {
		in.Channel = &chJSON
	}
	if ch.GuildID != 0 {
		mem, ok := w.Member(ch.GuildID, uid)
		if !ok {
			return model.Interaction{}, fmt.Errorf("discordtest: interact: member %d of guild %d: %w", uid, ch.GuildID, ErrUnknown)
		}
		g, _ := w.Guild(ch.GuildID)
		in.Member = modelMember(mem, true)
		perms := permissions(w, ch.GuildID, permCh, uid)
		in.Member.Permissions = &perms
		in.AppPermissions = permissions(w, ch.GuildID, permCh, bot.ID)
		in.GuildLocale = g.PreferredLocale
		features := make([]model.GuildFeature, 0, len(g.Features))
		for _, f := range g.Features {
			features = append(features, model.GuildFeature(f))
		}
		in.Guild = &model.InteractionGuild{ID: ch.GuildID, Locale: g.PreferredLocale, Features: features}
		ctx := model.ContextGuild
		in.Context = &ctx
		in.AuthorizingIntegrationOwners = map[model.IntegrationType]model.Snowflake{0: model.Snowflake(ch.GuildID)}
	} else {
		mu := modelUser(u)
		in.User = &mu
		in.AppPermissions = model.PermissionViewChannel | model.PermissionSendMessages | model.PermissionEmbedLinks |
			model.PermissionAttachFiles | model.PermissionReadMessageHistory | model.PermissionAddReactions |
			model.PermissionUseExternalEmojis | model.PermissionMentionEveryone
		ctx := model.ContextBotDM
		in.Context = &ctx
		in.AuthorizingIntegrationOwners = map[model.IntegrationType]model.Snowflake{1: model.Snowflake(uid)}
	}
	return in, nil
}

// CommandUse is a user running an application command, for UseCommand and
// Autocomplete.
type CommandUse struct {
	// ChannelID is where the command is used. Required.
	ChannelID model.ChannelID

	// UserID is who uses it. Zero: as in UserInteraction.
	UserID model.UserID

	// Name is the command's name, followed by its subcommand group and
	// subcommand when it has them, as Discord's client shows it:
	// "ping", "config set", "admin users ban".
	Name string

	// Type is the command's type. Zero: a slash command (CHAT_INPUT).
	Type model.CommandType

	// Options are the values the user gave, by option name. Each is a Go
	// value of the option's type: string; int (or int64) for INTEGER;
	// float64 (or int) for NUMBER; bool; model.UserID for USER;
	// model.ChannelID for CHANNEL; model.RoleID for ROLE; model.UserID or
	// model.RoleID for MENTIONABLE; Attachment for ATTACHMENT.
	Options map[string]any

	// Target is the user (model.UserID) or message (model.MessageID) a
	// context menu command is used on. Nil for slash commands.
	Target any

	// Locale is the user's language. Zero: "en-US".
	Locale string
}

// Attachment is a file a user gives to an ATTACHMENT option.
type Attachment struct {
	Filename    string
	ContentType string // zero: application/octet-stream
	Data        []byte
}

// UseCommand makes a user run an application command the bot registered
// (in the channel's guild or globally), as Discord's client would send it:
// data.id is the command's, options are checked against its declaration
// (names, types, required ones, choices, ranges, lengths, channel types)
// and come in its order, and the users, members, channels, roles and
// attachments they name are in data.resolved. A user without the
// command's default_member_permissions cannot use it. A mistake in use is
// an error and nothing is sent. The interaction is delivered as Interact
// says.
func (s *Server) UseCommand(use CommandUse) (*Interaction, error) {
	return s.useCommand(use, "")
}

// Autocomplete makes a user type in an option that has autocomplete: an
// APPLICATION_COMMAND_AUTOCOMPLETE interaction whose focused option holds
// the partial text typed. Other options are as in UseCommand but none is
// required yet. The bot answers with choices (callback type 8), which
// Interaction.Wait returns in InteractionResponse.Choices.
func (s *Server) Autocomplete(use CommandUse, focused, typed string) (*Interaction, error) {
	if focused == "" {
		return nil, fmt.Errorf("discordtest: autocomplete: no focused option")
	}
	if use.Options == nil {
		use.Options = map[string]any{}
	}
	use.Options[focused] = typed
	return s.useCommand(use, focused)
}

func (s *Server) useCommand(use CommandUse, focused string) (*Interaction, error) {
	typ := model.InteractionApplicationCommand
	if focused != "" {
		typ = model.InteractionApplicationCommandAutocomplete
	}
	in, err := s.newInteraction(typ, use.ChannelID, use.UserID, use.Locale)
	if err != nil {
		return nil, err
	}
	ctype := use.Type
	if ctype == 0 {
		ctype = model.CommandChatInput
	}
	path := strings.Fields(use.Name)
	if len(path) == 0 {
		return nil, fmt.Errorf("discordtest: use command: no name")
	}
	if ctype != model.CommandChatInput && len(path) > 1 {
		path = []string{use.Name} // context menu names may have spaces
	}
	cmd, ok := s.registeredCommand(in.GuildID, path[0], ctype)
	if !ok {
		return nil, fmt.Errorf("discordtest: use command: %s command %q is not registered for guild %d or globally: %w",
			ctype, path[0], in.GuildID, ErrUnknown)
	}
	if in.GuildID != 0 && cmd.DefaultMemberPermissions != nil {
		need := *cmd.DefaultMemberPermissions
		if have := *in.Member.Permissions; need == 0 && have&model.PermissionAdministrator == 0 || have&need != need {
			return nil, fmt.Errorf("discordtest: use command %q: user %d lacks its default_member_permissions %d", use.Name, in.Invoker().ID, need)
		}
	}
	data := &model.InteractionData{ID: cmd.ID, Name: cmd.Name, Type: cmd.Type, GuildID: cmd.GuildID}
	b := resolver{s: s, in: &in}
	switch ctype {
	case model.CommandChatInput:
		decl, nest, err := subcommandPath(cmd, path)
		if err != nil {
			return nil, err
		}
		opts, err := b.options(use.Name, decl, use.Options, focused)
		if err != nil {
			return nil, err
		}
		// wrap the leaf options in their subcommand and group
		for i := len(nest) - 1; i >= 0; i-- {
			opts = []model.CommandOption{{Name: nest[i].Name, Type: nest[i].Type, Options: opts}}
		}
		data.Options = opts
	case model.CommandUser:
		uid, ok := use.Target.(model.UserID)
		if !ok {
			return nil, fmt.Errorf("discordtest: use command %q: a user command needs a model.UserID Target", use.Name)
		}
		if err := b.user(uid); err != nil {
			return nil, err
		}
		data.TargetID = uid.Snowflake()
	case model.CommandMessage:
		mid, ok := use.Target.(model.MessageID)
		if !ok {
			return nil, fmt.Errorf("discordtest: use command %q: a message command needs a model.MessageID Target", use.Name)
		}
		m, ok := s.Message(in.ChannelID, mid)
		if !ok {
			return nil, fmt.Errorf("discordtest: use command %q: message %d in channel %d: %w", use.Name, mid, in.ChannelID, ErrUnknown)
		}
		b.res().Messages = map[model.MessageID]model.Message{mid: m}
		data.TargetID = mid.Snowflake()
	default:
		return nil, fmt.Errorf("discordtest: use command %q: commands of type %s are not used this way", use.Name, ctype)
	}
	data.Resolved = b.r
	in.Data = data
	return s.start(in)
}

// registeredCommand finds a command of the guild, else a global one.
func (s *Server) registeredCommand(gid model.GuildID, name string, typ model.CommandType) (model.ApplicationCommand, bool) {
	gids := []model.GuildID{0}
	if gid != 0 {
		gids = []model.GuildID{gid, 0}
	}
	for _, g := range gids {
		for _, c := range s.Commands(g) {
			if c.Name == name && c.Type == typ {
				return c, true
			}
		}
	}
	return model.ApplicationCommand{}, false
}

// subcommandPath walks "group sub" down the command's options and returns
// the leaf's declared options and the subcommand group and subcommand.
func subcommandPath(cmd model.ApplicationCommand, path []string) ([]model.ApplicationCommandOption, []model.ApplicationCommandOption, error) {
	decl := cmd.Options
	var nest []model.ApplicationCommandOption
	for _, name := range path[1:] {
		i := slices.IndexFunc(decl, func(o model.ApplicationCommandOption) bool {
			return o.Name == name && (o.Type == model.OptionSubCommand || o.Type == model.OptionSubCommandGroup)
		})
		if i < 0 {
			return nil, nil, fmt.Errorf("discordtest: use command %q: %q has no subcommand or group %q: %w", strings.Join(path, " "), cmd.Name, name, ErrUnknown)
		}
		nest = append(nest, decl[i])
		decl = decl[i].Options
	}
	if len(nest) == 0 || nest[len(nest)-1].Type == model.OptionSubCommandGroup {
		for _, o := range decl {
			if o.Type == model.OptionSubCommand || o.Type == model.OptionSubCommandGroup {
				return nil, nil, fmt.Errorf("discordtest: use command %q: a subcommand is needed (e.g. %q)", strings.Join(path, " "), strings.Join(path, " ")+" "+o.Name)
			}
		}
	}
	return decl, nest, nil
}

// resolver builds an interaction's resolved data.
type resolver struct {
	s  *Server
	in *model.Interaction
	r  *model.Resolved
}

func (b *resolver) res() *model.Resolved {
	if b.r == nil {
		b.r = &model.Resolved{}
	}
	return b.r
}

func (b *resolver) user(id model.UserID) error {
	w := b.s.World()
	u, ok := w.User(id)
	if !ok {
		return fmt.Errorf("discordtest: user %d: %w", id, ErrUnknown)
	}
	r := b.res()
	if r.Users == nil {
		r.Users = map[model.UserID]model.User{}
	}
	r.Users[id] = modelUser(u)
	if b.in.GuildID != 0 {
		if m, ok := w.Member(b.in.GuildID, id); ok {
			if r.Members == nil {
				r.Members = map[model.UserID]model.Member{}
			}
			mm := modelMember(m, false)
			p := permissions(w, b.in.GuildID, b.in.ChannelID, id)
			mm.Permissions = &p
			r.Members[id] = *mm
		}
	}
	return nil
}

func (b *resolver) role(id model.RoleID) error {
	if b.in.GuildID == 0 {
		return fmt.Errorf("discordtest: role %d in a DM: %w", id, ErrUnknown)
	}
	for _, role := range b.s.World().Roles(b.in.GuildID) {
		if role.ID == id {
			var mr model.Role
			if bs, err := json.Marshal(role); err == nil && json.Unmarshal(bs, &mr) == nil {
				r := b.res()
				if r.Roles == nil {
					r.Roles = map[model.RoleID]model.Role{}
				}
				r.Roles[id] = mr
				return nil
			}
		}
	}
	return fmt.Errorf("discordtest: role %d of guild %d: %w", id, b.in.GuildID, ErrUnknown)
}

func (b *resolver) channel(id model.ChannelID, types []model.ChannelType) error {
	ch, permCh, ok := b.s.interactionChannel(id)
	if !ok || ch.GuildID != b.in.GuildID {
		return fmt.Errorf("discordtest: channel %d: %w", id, ErrUnknown)
	}
	if len(types) > 0 && !slices.Contains(types, model.ChannelType(ch.Type)) {
		return fmt.Errorf("discordtest: channel %d is of type %d, not one of %v", id, ch.Type, types)
	}
	mc := model.Channel{ID: ch.ID, Type: model.ChannelType(ch.Type), Name: ch.Name}
	if ch.ParentID != nil {
		mc.ParentID = *ch.ParentID
	}
	if ch.GuildID != 0 {
		p := permissions(b.s.World(), ch.GuildID, permCh, b.in.Invoker().ID)
		mc.Permissions = &p
	}
	r := b.res()
	if r.Channels == nil {
		r.Channels = map[model.ChannelID]model.Channel{}
	}
	r.Channels[id] = mc
	return nil
}

func (b *resolver) attachment(a Attachment) (model.AttachmentID, error) {
	if a.Filename == "" {
		return 0, fmt.Errorf("discordtest: attachment without a filename")
	}
	w := b.s.World()
	id := model.AttachmentID(w.NewID())
	ct := a.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	d := b.s.rest.data
	d.mu.Lock()
	d.files[id] = slices.Clone(a.Data)
	d.mu.Unlock()
	u := fmt.Sprintf("https://cdn.discordapp.com/ephemeral-attachments/%s/%s/%s", b.in.ChannelID, id, url.PathEscape(a.Filename))
	r := b.res()
	if r.Attachments == nil {
		r.Attachments = map[model.AttachmentID]model.Attachment{}
	}
	r.Attachments[id] = model.Attachment{ID: id, Filename: a.Filename, Size: len(a.Data), URL: u,
		ProxyURL: strings.Replace(u, "cdn.discordapp.com", "media.discordapp.net", 1), ContentType: ct, Ephemeral: true}
	return id, nil
}

// options converts and checks the values given for declared options.
func (b *resolver) options(cmd string, decl []model.ApplicationCommandOption, given map[string]any, focused string) ([]model.CommandOption, error) {
	for name := range given {
		if !slices.ContainsFunc(decl, func(o model.ApplicationCommandOption) bool { return o.Name == name }) {
			return nil, fmt.Errorf("discordtest: use command %q: no option %q", cmd, name)
		}
	}
	var out []model.CommandOption
	for _, o := range decl {
		v, ok := given[o.Name]
		if !ok {
			if o.Required && focused == "" {
				return nil, fmt.Errorf("discordtest: use command %q: option %q is required", cmd, o.Name)
			}
			continue
		}
		bad := func(format string, args ...any) error {
			return fmt.Errorf("discordtest: use command %q: option %q: "+format, append([]any{cmd, o.Name}, args...)...)
		}
		if o.Name == focused {
			s, ok := v.(string)
			if !ok {
				return nil, bad("the typed text must be a string, not %T", v)
			}
			if !o.Autocomplete {
				return nil, bad("it has no autocomplete")
			}
			raw, _ := json.Marshal(s)
			out = append(out, model.CommandOption{Name: o.Name, Type: o.Type, Value: raw, Focused: true})
			continue
		}
		var val any
		switch o.Type {
		case model.OptionString:
			s, ok := v.(string)
			if !ok {
				return nil, bad("want a string, not %T", v)
			}
			n := utf8.RuneCountInString(s)
			if o.MinLength != nil && n < *o.MinLength || o.MaxLength != nil && n > *o.MaxLength || n > 6000 {
				return nil, bad("length %d is out of range", n)
			}
			val = s
		case model.OptionInteger:
			var n int64
			switch x := v.(type) {
			case int:
				n = int64(x)
			case int64:
				n = x
			case int32:
				n = int64(x)
			default:
				return nil, bad("want an int, not %T", v)
			}
			if n < -(1<<53) || n > 1<<53 || o.MinValue != nil && float64(n) < *o.MinValue || o.MaxValue != nil && float64(n) > *o.MaxValue {
				return nil, bad("%d is out of range", n)
			}
			val = n
		case model.OptionNumber:
			var f float64
			switch x := v.(type) {
			case float64:
				f = x
			case int:
				f = float64(x)
			default:
				return nil, bad("want a float64, not %T", v)
			}
			if math.IsNaN(f) || math.IsInf(f, 0) || o.MinValue != nil && f < *o.MinValue || o.MaxValue != nil && f > *o.MaxValue {
				return nil, bad("%v is out of range", f)
			}
			val = f
		case model.OptionBoolean:
			x, ok := v.(bool)
			if !ok {
				return nil, bad("want a bool, not %T", v)
			}
			val = x
		case model.OptionUser:
			id, ok := v.(model.UserID)
			if !ok {
				return nil, bad("want a model.UserID, not %T", v)
			}
			if err := b.user(id); err != nil {
				return nil, bad("%w", err)
			}
			val = id
		case model.OptionChannel:
			id, ok := v.(model.ChannelID)
			if !ok {
				return nil, bad("want a model.ChannelID, not %T", v)
			}
			if err := b.channel(id, o.ChannelTypes); err != nil {
				return nil, bad("%w", err)
			}
			val = id
		case model.OptionRole:
			id, ok := v.(model.RoleID)
			if !ok {
				return nil, bad("want a model.RoleID, not %T", v)
			}
			if err := b.role(id); err != nil {
				return nil, bad("%w", err)
			}
			val = id
		case model.OptionMentionable:
			var err error
			switch id := v.(type) {
			case model.UserID:
				err, val = b.user(id), id
			case model.RoleID:
				err, val = b.role(id), id
			default:
				return nil, bad("want a model.UserID or model.RoleID, not %T", v)
			}
			if err != nil {
				return nil, bad("%w", err)
			}
		case model.OptionAttachment:
			a, ok := v.(Attachment)
			if !ok {
				return nil, bad("want a discordtest.Attachment, not %T", v)
			}
			id, err := b.attachment(a)
			if err != nil {
				return nil, bad("%w", err)
			}
			val = id
		default:
			return nil, bad("options of type %s take no value", o.Type)
		}
		if len(o.Choices) > 0 && !slices.ContainsFunc(o.Choices, func(c model.ApplicationCommandChoice) bool { return sameChoice(c.Value, val) }) {
			return nil, bad("%v is not one of its choices", val)
		}
		raw, err := json.Marshal(val)
		if err != nil {
			return nil, bad("%w", err)
		}
		out = append(out, model.CommandOption{Name: o.Name, Type: o.Type, Value: raw})
	}
	return out, nil
}

// sameChoice compares a declared choice (decoded from JSON) to a value.
func sameChoice(choice, v any) bool {
	switch x := v.(type) {
	case string:
		return choice == x
	case int64:
		return choice == float64(x)
	case float64:
		return choice == x
	}
	return false
}

// ComponentUse is a user using a component of a message, for ClickButton
// and ChooseSelect.
type ComponentUse struct {
	// ChannelID is the channel of the message. Zero: the channel is found
	// from the message.
	ChannelID model.ChannelID

	// MessageID is the bot's message with the component. Required.
	MessageID model.MessageID

	// CustomID is the component's custom_id. Required.
	CustomID string

	// Values are what the user picks in a select: option values for a
	// string select, snowflakes for user, role, mentionable and channel
	// selects.
	Values []string

	// UserID is who uses it. Zero: as in UserInteraction.
	UserID model.UserID

	// Locale is the user's language. Zero: "en-US".
	Locale string
}

// ClickButton makes a user click a button of one of the bot's messages.
// The button must exist, have a custom_id (not a link or premium button)
// and not be disabled.
func (s *Server) ClickButton(use ComponentUse) (*Interaction, error) {
	return s.useComponent(use, true)
}

// ChooseSelect makes a user choose in a select menu of one of the bot's
// messages: values must be within the menu's min_values and max_values,
// among its options for a string select, and name World users, roles or
// channels (of its channel_types) for the other kinds, which then come in
// data.resolved.
func (s *Server) ChooseSelect(use ComponentUse) (*Interaction, error) {
	return s.useComponent(use, false)
}

func (s *Server) useComponent(use ComponentUse, button bool) (*Interaction, error) {
	ch := use.ChannelID
	if ch == 0 {
		ch = s.findMessageChannel(use.MessageID)
	}
	m, ok := s.Message(ch, use.MessageID)
	if !ok {
		return nil, fmt.Errorf("discordtest: use component: message %d: %w", use.MessageID, ErrUnknown)
	}
	bot := s.World().Bot().ID
	if m.Author.ID != bot {
		return nil, fmt.Errorf("discordtest: use component: message %d is not the bot's", use.MessageID)
	}
	comp := findComponent(m.Components, use.CustomID)
	if comp == nil {
		return nil, fmt.Errorf("discordtest: use component: message %d has no component %q: %w", use.MessageID, use.CustomID, ErrUnknown)
	}
	if comp.Disabled {
		return nil, fmt.Errorf("discordtest: use component: %q is disabled", use.CustomID)
	}
	in, err := s.newInteraction(model.InteractionMessageComponent, ch, use.UserID, use.Locale)
	if err != nil {
		return nil, err
	}
	in.Message = &m
	data := &model.InteractionData{CustomID: use.CustomID, ComponentType: comp.Type}
	b := resolver{s: s, in: &in}
	isSelect := comp.Type == model.ComponentStringSelect || comp.Type >= model.ComponentUserSelect && comp.Type <= model.ComponentChannelSelect
	switch {
	case button && comp.Type != model.ComponentButton:
		return nil, fmt.Errorf("discordtest: click button: %q is a %s, not a button", use.CustomID, comp.Type)
	case !button && !isSelect:
		return nil, fmt.Errorf("discordtest: choose in select: %q is a %s, not a select", use.CustomID, comp.Type)
	case !button:
		if err := b.selectValues(comp, use.Values); err != nil {
			return nil, fmt.Errorf("discordtest: choose in select %q: %w", use.CustomID, err)
		}
		data.Values = slices.Clone(use.Values)
		if data.Values == nil {
			data.Values = []string{}
		}
		data.Resolved = b.r
	}
	in.Data = data
	return s.start(in)
}

// findMessageChannel finds the channel of a stored message; 0 when none.
func (s *Server) findMessageChannel(id model.MessageID) model.ChannelID {
	d := s.rest.data
	d.mu.Lock()
	defer d.mu.Unlock()
	for ch, cd := range d.channels {
		if cd.byID[id] != nil {
			return ch
		}
	}
	return 0
}

// findComponent finds an interactive component by custom_id, in rows,
// sections (accessories), containers and labels.
func findComponent(cs []model.Component, customID string) *model.Component {
	for i := range cs {
		c := &cs[i]
		if c.CustomID == customID && c.Type != model.ComponentActionRow {
			return c
		}
		if f := findComponent(c.Components, customID); f != nil {
			return f
		}
		for _, sub := range []*model.Component{c.Accessory, c.Component} {
			if sub != nil {
				if f := findComponent([]model.Component{*sub}, customID); f != nil {
					return f
				}
			}
		}
	}
	return nil
}

// selectValues checks the values picked in a select and resolves them.
func (b *resolver) selectValues(comp *model.Component, values []string) error {
	lo, hi := 1, 1
	if comp.MinValues != nil {
		lo = *comp.MinValues
	}
	if comp.MaxValues != nil {
		hi = *comp.MaxValues
	}
	if len(values) < lo || len(values) > hi {
		return fmt.Errorf("%d values picked, the menu takes %d to %d", len(values), lo, hi)
	}
	for _, v := range values {
		if comp.Type == model.ComponentStringSelect {
			if !slices.ContainsFunc(comp.Options, func(o model.SelectOption) bool { return o.Value == v }) {
				return fmt.Errorf("%q is none of the menu's options", v)
			}
			continue
		}
		id, err := model.ParseSnowflake(v)
		if err != nil {
			return fmt.Errorf("%q is not a snowflake", v)
		}
		switch comp.Type {
		case model.ComponentUserSelect:
			err = b.user(model.UserID(id))
		case model.ComponentRoleSelect:
			err = b.role(model.RoleID(id))
		case model.ComponentChannelSelect:
			err = b.channel(model.ChannelID(id), comp.ChannelTypes)
		case model.ComponentMentionableSelect:
			if err = b.user(model.UserID(id)); err != nil {
				err = b.role(model.RoleID(id))
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// SubmitModal makes the user of from submit the modal the bot answered it
// with (callback type 9). values are what they typed in the text inputs,
// by custom_id; a required input left out, a length out of range or an
// unknown custom_id is an error. A modal is submitted once. The modal
// submit carries the message of from when from was a component
// interaction.
func (s *Server) SubmitModal(from *Interaction, values map[string]string) (*Interaction, error) {
	d := s.rest.data
	d.mu.Lock()
	var modal *Modal
	if len(from.d.responses) > 0 {
		modal = from.d.responses[0].Modal
	}
	submitted := from.d.submitted
	d.mu.Unlock()
	if modal == nil {
		return nil, fmt.Errorf("discordtest: submit modal: interaction %d was not answered with a modal", from.ID)
	}
	if submitted {
		return nil, fmt.Errorf("discordtest: submit modal: the modal of interaction %d was already submitted", from.ID)
	}
	var inputs []*model.Component
	var walk func(cs []model.Component)
	walk = func(cs []model.Component) {
		for i := range cs {
			c := &cs[i]
			if c.Type == model.ComponentTextInput {
				inputs = append(inputs, c)
			}
			walk(c.Components)
			if c.Component != nil {
				walk([]model.Component{*c.Component})
			}
		}
	}
	walk(modal.Components)
	for id := range values {
		if !slices.ContainsFunc(inputs, func(c *model.Component) bool { return c.CustomID == id }) {
			return nil, fmt.Errorf("discordtest: submit modal %q: no text input %q", modal.CustomID, id)
		}
	}
	for _, c := range inputs {
		v, given := values[c.CustomID]
		n := utf8.RuneCountInString(v)
		required := c.Required == nil || *c.Required
		if required && n == 0 {
			return nil, fmt.Errorf("discordtest: submit modal %q: text input %q is required", modal.CustomID, c.CustomID)
		}
		if given && n > 0 && (c.MinLength != nil && n < *c.MinLength || c.MaxLength != nil && n > *c.MaxLength || n > 4000) {
			return nil, fmt.Errorf("discordtest: submit modal %q: text input %q: length %d is out of range", modal.CustomID, c.CustomID, n)
		}
	}
	// the submitted components keep the modal's layout, with values
	var fill func(cs []model.Component) []model.Component
	fill = func(cs []model.Component) []model.Component {
		out := make([]model.Component, 0, len(cs))
		for _, c := range cs {
			sub := model.Component{Type: c.Type, ID: c.ID, CustomID: c.CustomID}
			switch c.Type {
			case model.ComponentTextInput:
				sub.Value = values[c.CustomID]
			case model.ComponentActionRow:
				sub.Components = fill(c.Components)
			case model.ComponentLabel:
				if c.Component != nil {
					inner := fill([]model.Component{*c.Component})
					sub.Component = &inner[0]
				}
			default:
				continue
			}
			out = append(out, sub)
		}
		return out
	}
	in, err := s.newInteraction(model.InteractionModalSubmit, from.ChannelID, from.Invoker().ID, from.Locale)
	if err != nil {
		return nil, err
	}
	in.Message = from.Message
	in.Data = &model.InteractionData{CustomID: modal.CustomID, Components: fill(modal.Components)}
	d.mu.Lock()
	if from.d.submitted {
		d.mu.Unlock()
		return nil, fmt.Errorf("discordtest: submit modal: the modal of interaction %d was already submitted", from.ID)
	}
	from.d.submitted = true
	d.mu.Unlock()
	return s.start(in)
}
