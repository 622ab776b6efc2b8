package model_test

import (
	"encoding/json"
	"testing"

	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// TestTemplateIDs: a template's channel references come as numbers from
// Discord and as strings in its OpenAPI spec; both are read.
func TestTemplateIDs(t *testing.T) {
	is := is.New(t)
	var g model.TemplateGuild
	is.NoErr(json.Unmarshal([]byte(`{"afk_channel_id":2,"system_channel_id":"3","channels":[{"id":1,"parent_id":null},{"id":2,"parent_id":1}]}`), &g))
	is.Equal(*g.AFKChannelID, model.TemplateID(2))
	is.Equal(*g.SystemChannelID, model.TemplateID(3))
	is.True(g.Channels[0].ParentID == nil)
	is.Equal(*g.Channels[1].ParentID, model.TemplateID(1))
	out, err := json.Marshal(g.AFKChannelID)
	is.NoErr(err)
	is.Equal(string(out), "2") // a number, as Discord sends it
	is.True(json.Unmarshal([]byte(`{"afk_channel_id":"x"}`), &g) != nil)
}
