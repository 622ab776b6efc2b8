package interaction

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
)

// SyncResult says what Sync changed.
type SyncResult struct {
	Created   []model.ApplicationCommand // as Discord answered, with their IDs
	Updated   []model.ApplicationCommand
	Deleted   []model.ApplicationCommand // as they were
	Unchanged int
}

// Changed reports whether Sync wrote anything.
func (r *SyncResult) Changed() bool {
	return len(r.Created)+len(r.Updated)+len(r.Deleted) > 0
}

// Sync makes the application's commands, global when guild is 0 and
// else that guild's, be defs: the definitions in code are the source of
// truth. It checks defs with Validate, reads what Discord has, and writes
// only the difference: it creates the commands Discord lacks, edits those
// that differ, and deletes those defs do not name (a command is known by
// its type and name). When nothing differs it writes nothing.
//
// A field a definition leaves nil (integration types, contexts) keeps
// what Discord has, since Discord fills in its defaults; set it to change
// it.
func Sync(ctx context.Context, c *rest.Client, app model.ApplicationID, guild model.GuildID, defs []model.ApplicationCommand) (*SyncResult, error) {
	if err := Validate(defs); err != nil {
		return nil, fmt.Errorf("interaction: sync: %w", err)
	}
	var have []model.ApplicationCommand
	var err error
	if guild == 0 {
		have, err = c.GlobalCommands(ctx, app, &rest.CommandsQuery{WithLocalizations: true})
	} else {
		have, err = c.GuildCommands(ctx, app, guild, &rest.CommandsQuery{WithLocalizations: true})
	}
	if err != nil {
		return nil, fmt.Errorf("interaction: sync: reading the commands: %w", err)
	}
	byKey := make(map[commandKey]*model.ApplicationCommand, len(have))
	for i := range have {
		byKey[keyOf(&have[i])] = &have[i]
	}
	res := &SyncResult{}
	for i := range defs {
		def := defs[i]
		if def.Type == 0 {
			def.Type = model.CommandChatInput
		}
		cur := byKey[keyOf(&def)]
		delete(byKey, keyOf(&def))
		if cur != nil {
			if def.IntegrationTypes == nil {
				def.IntegrationTypes = cur.IntegrationTypes
			}
			if def.Contexts == nil {
				def.Contexts = cur.Contexts
			}
			if same(&def, cur) {
				res.Unchanged++
				continue
			}
			var out *model.ApplicationCommand
			if guild == 0 {
				out, err = c.EditGlobalCommand(ctx, app, cur.ID, &def)
			} else {
				out, err = c.EditGuildCommand(ctx, app, guild, cur.ID, &def)
			}
			if err != nil {
				return res, fmt.Errorf("interaction: sync: editing %s: %w", def.Name, err)
			}
			res.Updated = append(res.Updated, *out)
			continue
		}
		var out *model.ApplicationCommand
		if guild == 0 {
			out, err = c.CreateGlobalCommand(ctx, app, &def)
		} else {
			out, err = c.CreateGuildCommand(ctx, app, guild, &def)
		}
		if err != nil {
			return res, fmt.Errorf("interaction: sync: creating %s: %w", def.Name, err)
		}
		res.Created = append(res.Created, *out)
	}
	stale := make([]*model.ApplicationCommand, 0, len(byKey))
	for _, cur := range byKey {
		stale = append(stale, cur)
	}
	slices.SortFunc(stale, func(a, b *model.ApplicationCommand) int { return cmp.Compare(a.ID, b.ID) })
	for _, cur := range stale {
		if cur.Type == model.CommandPrimaryEntryPoint {
			continue // an activity's entry point is not defined in code
		}
		if guild == 0 {
			err = c.DeleteGlobalCommand(ctx, app, cur.ID)
		} else {
			err = c.DeleteGuildCommand(ctx, app, guild, cur.ID)
		}
		if err != nil {
			return res, fmt.Errorf("interaction: sync: deleting %s: %w", cur.Name, err)
		}
		res.Deleted = append(res.Deleted, *cur)
	}
	return res, nil
}

type commandKey struct {
	typ  model.CommandType
	name string
}

func keyOf(c *model.ApplicationCommand) commandKey {
	return commandKey{typeOf(c), c.Name}
}

// same compares what a definition sets of a command.
func same(def, cur *model.ApplicationCommand) bool {
	a, errA := json.Marshal(definedPart(def))
	b, errB := json.Marshal(definedPart(cur))
	return errA == nil && errB == nil && bytes.Equal(a, b)
}

// definedPart is a command without what Discord assigns (IDs, version).
func definedPart(c *model.ApplicationCommand) model.ApplicationCommand {
	return model.ApplicationCommand{
		Type: typeOf(c), Name: c.Name, NameLocalizations: c.NameLocalizations,
		Description: c.Description, DescriptionLocalizations: c.DescriptionLocalizations,
		Options: c.Options, DefaultMemberPermissions: c.DefaultMemberPermissions, NSFW: c.NSFW,
		IntegrationTypes: c.IntegrationTypes, Contexts: c.Contexts, Handler: c.Handler,
	}
}
