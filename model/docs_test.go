package model_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/internal/shared"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

func TestEventTypesMatchDocs(t *testing.T) {
	is := is.New(t)
	var names []string
	for _, row := range shared.ReadTSV(t, "gateway-events.tsv") {
		if row[1] == "0" {
			names = append(names, row[0])
		}
	}
	is.Equal(len(names), 79)                      // the docs list 79 dispatch events
	is.Equal(len(model.EventTypes()), len(names)) // gloam knows as many
	for _, n := range names {
		typ := model.ParseEventType(n)
		is.True(typ != model.EventUnknown) // every documented name is known
		is.Equal(typ.String(), n)
	}
}

func TestFlagsMatchDocs(t *testing.T) {
	t.Run("intents", func(t *testing.T) {
		is := is.New(t)
		var all model.Intents
		for _, row := range shared.ReadTSV(t, "intents.tsv") {
			v, err := strconv.ParseUint(row[2], 10, 64)
			is.NoErr(err)
			all |= model.Intents(v)
			is.Equal(model.Intents(v).String(), row[0]) // named as documented
			is.Equal(model.Intents(v).Privileged() != 0, row[3] == "yes")
		}
		is.Equal(all, model.IntentsAll)
	})
	t.Run("permissions", func(t *testing.T) {
		is := is.New(t)
		var all model.Permissions
		for _, row := range shared.ReadTSV(t, "permissions.tsv") {
			v, err := strconv.ParseUint(row[2], 10, 64)
			is.NoErr(err)
			all |= model.Permissions(v)
			is.Equal(model.Permissions(v).String(), row[0])
			is.True(strings.HasPrefix(row[3], "0x"))
		}
		is.Equal(all, model.PermissionsAll)
	})
}
