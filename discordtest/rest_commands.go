package discordtest

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gloamdev/gloam/model"
)

// commandData is an application command.
type commandData struct {
	ID                       model.CommandID     `json:"id"`
	Type                     int                 `json:"type"`
	ApplicationID            model.ApplicationID `json:"application_id"`
	GuildID                  model.GuildID       `json:"guild_id,omitzero"`
	Name                     string              `json:"name"`
	NameLocalizations        map[string]string   `json:"name_localizations,omitempty"`
	Description              string              `json:"description"`
	DescriptionLocalizations map[string]string   `json:"description_localizations,omitempty"`
	Options                  []commandOption     `json:"options,omitempty"`
	DefaultMemberPermissions *string             `json:"default_member_permissions"`
	DMPermission             *bool               `json:"dm_permission,omitempty"`
	NSFW                     bool                `json:"nsfw"`
	IntegrationTypes         []int               `json:"integration_types,omitempty"`
	Contexts                 []int               `json:"contexts,omitempty"`
	Handler                  *int                `json:"handler,omitempty"`
	Version                  model.Snowflake     `json:"version"`
}

// commandOption is an option of a command, kept as sent besides what
// validation reads.
type commandOption struct {
	Type        int                        `json:"type"`
	Name        string                     `json:"name"`
	Description string                     `json:"description"`
	Required    bool                       `json:"required,omitempty"`
	Choices     json.RawMessage            `json:"choices,omitempty"`
	Options     []commandOption            `json:"options,omitempty"`
	Rest        map[string]json.RawMessage `json:"-"`
}

func (o *commandOption) UnmarshalJSON(b []byte) error {
	type plain commandOption
	if err := json.Unmarshal(b, (*plain)(o)); err != nil {
		return err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return err
	}
	for _, k := range []string{"type", "name", "description", "required", "choices", "options"} {
		delete(all, k)
	}
	o.Rest = all
	return nil
}

func (o commandOption) MarshalJSON() ([]byte, error) {
	type plain commandOption
	b, err := json.Marshal(plain(o))
	if err != nil || len(o.Rest) == 0 {
		return b, err
	}
	var all map[string]json.RawMessage
	json.Unmarshal(b, &all)
	for k, v := range o.Rest {
		all[k] = v
	}
	return json.Marshal(all)
}

var commandNameRE = regexp.MustCompile(`^[-_'\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

// validate checks a command as Discord does; path prefixes field names
// (e.g. "0." in a bulk overwrite).
func (cmd *commandData) validate(f *formErrors, path string) {
	if cmd.Type == 0 {
		cmd.Type = 1
	}
	switch cmd.Type {
	case 1:
		if !commandNameRE.MatchString(cmd.Name) || strings.ToLower(cmd.Name) != cmd.Name {
			f.add(path+"name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
		}
		f.lenBetween(path+"description", cmd.Description, 1, 100)
	case 2, 3:
		f.lenBetween(path+"name", cmd.Name, 1, 32)
		if cmd.Description != "" {
			f.add(path+"description", "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION", "Context menu commands cannot have description")
		}
	case 4:
		f.lenBetween(path+"name", cmd.Name, 1, 32)
	default:
		f.add(path+"type", "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4}.")
	}
	validateOptions(f, path+"options", cmd.Options, 0)
}

func validateOptions(f *formErrors, path string, opts []commandOption, depth int) {
	if len(opts) > 25 {
		f.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
	}
	optional := false
	var names []string
	for i, o := range opts {
		p := path + "." + strconv.Itoa(i) + "."
		if o.Type < 1 || o.Type > 11 {
			f.add(p+"type", "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.")
		}
		if !commandNameRE.MatchString(o.Name) || strings.ToLower(o.Name) != o.Name {
			f.add(p+"name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
		}
		if slices.Contains(names, o.Name) {
			f.add(p+"name", "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS", "Option name "+o.Name+" is already used in these options")
		}
		names = append(names, o.Name)
		f.lenBetween(p+"description", o.Description, 1, 100)
		if o.Required && optional {
			f.add(path, "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Required options must be placed before non-required options")
		}
		optional = optional || !o.Required
		if (o.Type == 1 || o.Type == 2) && depth < 2 {
			validateOptions(f, p+"options", o.Options, depth+1)
		}
	}
}

// commandScope checks the application (and guild) of a command route and
// returns the guild (zero for global commands).
func (c *restCall) commandScope() (model.GuildID, bool) {
	w := c.s.World()
	if model.ApplicationID(c.id("application_id")) != w.ApplicationID() {
		c.fail(errMissingAccess)
		return 0, false
	}
	if c.param("guild_id") == "" {
		return 0, true
	}
	gid := model.GuildID(c.id("guild_id"))
	if _, ok := w.Guild(gid); !ok {
		c.fail(errMissingAccess)
		return 0, false
	}
	return gid, true
}

func (c *restCall) listCommands() {
	gid, ok := c.commandScope()
	if !ok {
		return
	}
	d := c.rs.data
	d.mu.Lock()
	out := []commandData{}
	for _, cmd := range d.commands[gid] {
		out = append(out, *cmd)
	}
	d.mu.Unlock()
	c.json(http.StatusOK, out)
}

func (c *restCall) findCommand(gid model.GuildID) (*commandData, bool) {
	id := model.CommandID(c.id("command_id"))
	d := c.rs.data
	for _, cmd := range d.commands[gid] {
		if cmd.ID == id {
			return cmd, true
		}
	}
	return nil, false
}

func (c *restCall) getCommand() {
	gid, ok := c.commandScope()
	if !ok {
		return
	}
	d := c.rs.data
	d.mu.Lock()
	cmd, found := c.findCommand(gid)
	var out commandData
	if found {
		out = *cmd
	}
	d.mu.Unlock()
	if !found {
		c.fail(errUnknownCommand)
		return
	}
	c.json(http.StatusOK, out)
}

func (c *restCall) createCommand() {
	gid, ok := c.commandScope()
	if !ok {
		return
	}
	var cmd commandData
	if _, err := c.decodeBody(&cmd); err != nil {
		c.fail(err)
		return
	}
	var f formErrors
	cmd.validate(&f, "")
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	w := c.s.World()
	cmd.ApplicationID, cmd.GuildID, cmd.Version = w.ApplicationID(), gid, w.NewID()
	d := c.rs.data
	d.mu.Lock()
	list := d.commands[gid]
	status := http.StatusCreated
	if i := slices.IndexFunc(list, func(x *commandData) bool { return x.Name == cmd.Name && x.Type == cmd.Type }); i >= 0 {
		cmd.ID = list[i].ID
		list[i] = &cmd
		status = http.StatusOK
	} else {
		n := 0
		for _, x := range list {
			if x.Type == cmd.Type {
				n++
			}
		}
		if cmd.Type == 1 && n >= 100 || cmd.Type != 1 && n >= 15 {
			d.mu.Unlock()
			c.fail(&apiError{status: http.StatusBadRequest, Code: 30032, Message: "Maximum number of application commands reached"})
			return
		}
		cmd.ID = model.CommandID(w.NewID())
		d.commands[gid] = append(list, &cmd)
	}
	out := cmd
	d.mu.Unlock()
	c.json(status, out)
}

func (c *restCall) patchCommand() {
	gid, ok := c.commandScope()
	if !ok {
		return
	}
	var raw map[string]json.RawMessage
	if _, err := c.decodeBody(&raw); err != nil {
		c.fail(err)
		return
	}
	d := c.rs.data
	d.mu.Lock()
	defer d.mu.Unlock()
	cmd, found := c.findCommand(gid)
	if !found {
		c.fail(errUnknownCommand)
		return
	}
	b, _ := json.Marshal(cmd)
	var merged map[string]json.RawMessage
	json.Unmarshal(b, &merged)
	for k, v := range raw {
		switch k {
		case "id", "application_id", "guild_id", "version", "type":
			continue
		}
		merged[k] = v
	}
	b, _ = json.Marshal(merged)
	var next commandData
	if err := json.Unmarshal(b, &next); err != nil {
		c.fail(jsonError(err))
		return
	}
	var f formErrors
	next.validate(&f, "")
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	next.Version = c.s.World().NewID()
	*cmd = next
	c.json(http.StatusOK, next)
}

func (c *restCall) deleteCommand() {
	gid, ok := c.commandScope()
	if !ok {
		return
	}
	id := model.CommandID(c.id("command_id"))
	d := c.rs.data
	d.mu.Lock()
	n := len(d.commands[gid])
	d.commands[gid] = slices.DeleteFunc(d.commands[gid], func(x *commandData) bool { return x.ID == id })
	gone := len(d.commands[gid]) < n
	d.mu.Unlock()
	if !gone {
		c.fail(errUnknownCommand)
		return
	}
	c.noContent()
}

func (c *restCall) overwriteCommands() {
	gid, ok := c.commandScope()
	if !ok {
		return
	}
	var cmds []commandData
	if _, err := c.decodeBody(&cmds); err != nil {
		c.fail(err)
		return
	}
	var f formErrors
	if len(cmds) > 200 {
		f.add("", "BASE_TYPE_MAX_LENGTH", "Must be 200 or fewer in length.")
	}
	for i := range cmds {
		cmds[i].validate(&f, strconv.Itoa(i)+".")
		for j := range i {
			if cmds[j].Name == cmds[i].Name && cmds[j].Type == cmds[i].Type {
				f.add(strconv.Itoa(i)+".name", "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique")
			}
		}
	}
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	w := c.s.World()
	d := c.rs.data
	d.mu.Lock()
	old := d.commands[gid]
	list := make([]*commandData, 0, len(cmds))
	out := make([]commandData, 0, len(cmds))
	for _, cmd := range cmds {
		cmd.ApplicationID, cmd.GuildID, cmd.Version = w.ApplicationID(), gid, w.NewID()
		if i := slices.IndexFunc(old, func(x *commandData) bool { return x.Name == cmd.Name && x.Type == cmd.Type }); i >= 0 {
			cmd.ID = old[i].ID
		} else {
			cmd.ID = model.CommandID(w.NewID())
		}
		cp := cmd
		list = append(list, &cp)
		out = append(out, cmd)
	}
	d.commands[gid] = list
	d.mu.Unlock()
	c.json(http.StatusOK, out)
}

// Commands returns the application commands the bot registered: global
// ones for guild zero, else those of the guild.
func (s *Server) Commands(guildID model.GuildID) []model.ApplicationCommand {
	d := s.rest.data
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []model.ApplicationCommand
	for _, cmd := range d.commands[guildID] {
		var mc model.ApplicationCommand
		if b, err := json.Marshal(cmd); err == nil && json.Unmarshal(b, &mc) == nil {
			out = append(out, mc)
		}
	}
	return out
}
