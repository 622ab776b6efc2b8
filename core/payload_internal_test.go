package core

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

// TestPayloadsCoverEveryEvent keeps payload.go in step with model: every
// event type has its decoded struct in Payload and in payloadOf, and
// nothing else is listed.
func TestPayloadsCoverEveryEvent(t *testing.T) {
	is := is.New(t)
	f, err := parser.ParseFile(token.NewFileSet(), "payload.go", nil, 0)
	is.NoErr(err)
	union := map[string]bool{}
	cases := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.TypeSpec:
			if n.Name.Name == "Payload" {
				var walk func(e ast.Expr)
				walk = func(e ast.Expr) {
					if b, ok := e.(*ast.BinaryExpr); ok {
						walk(b.X)
						walk(b.Y)
						return
					}
					union[types(e)] = true
				}
				walk(n.Type.(*ast.InterfaceType).Methods.List[0].Type)
			}
		case *ast.CaseClause:
			for _, e := range n.List {
				cases[types(e)] = true
			}
		}
		return true
	})
	is.Equal(len(union), len(cases)) // Payload and payloadOf list the same types
	for name := range union {
		is.True(cases[name]) // a Payload type payloadOf does not read
	}
	for _, et := range model.EventTypes() {
		name := "*model." + reflect.TypeOf(et.New()).Elem().Name()
		if !union[name] {
			t.Errorf("%s: %s is not a Payload", et, name)
		}
	}
	is.True(union["model.RawEvent"]) // unknown events have a payload too
}

func types(e ast.Expr) string {
	star := ""
	if s, ok := e.(*ast.StarExpr); ok {
		star, e = "*", s.X
	}
	sel := e.(*ast.SelectorExpr)
	return star + sel.X.(*ast.Ident).Name + "." + sel.Sel.Name
}

// TestPayloadOf reads each kind of payload from an event of its type.
func TestPayloadOf(t *testing.T) {
	is := is.New(t)
	ev, err := model.ParseEvent([]byte(`{"op":0,"s":3,"t":"GUILD_BAN_ADD","d":{"guild_id":"5","user":{"id":"7","username":"u"}}}`))
	is.NoErr(err)
	typ, read := payloadOf[*model.GuildBanAdd]()
	is.Equal(typ, model.EventGuildBanAdd)
	ban, err := read(ev)
	is.NoErr(err)
	is.Equal(ban.User.Username, "u")

	typ2, read2 := payloadOf[model.RawEvent]()
	is.Equal(typ2, model.EventUnknown)
	raw, err := read2(ev)
	is.NoErr(err)
	is.True(strings.Contains(raw.Data, `"username":"u"`))

	// A payload that does not read is counted, not handed over.
	bot := New("token", nil)
	got := 0
	On(bot, func(context.Context, Event, *model.GuildBanAdd) { got++ })
	bad, err := model.ParseEvent([]byte(`{"op":0,"s":4,"t":"GUILD_BAN_ADD","d":{"guild_id":[1,2]}}`))
	is.NoErr(err)
	bot.callListeners(context.Background(), Event{Event: bad, Bot: bot})
	is.Equal(got, 0)
	bot.callListeners(context.Background(), Event{Event: ev, Bot: bot})
	is.Equal(got, 1)
}

// TestIdentityReasons: state stored by another token, another API or no
// bot at all is not this bot's; the same bot's is.
func TestIdentityReasons(t *testing.T) {
	is := is.New(t)
	bot := New("token-a", nil)
	is.Equal(bot.checkIdentity(), "") // an empty cache
	is.NoErr(bot.cache.SetBlob(limiterBlob, []byte(`{}`)))
	is.Equal(bot.checkIdentity(), "it names no bot") // state from before identities
	bot.claimStoredState()
	is.Equal(len(bot.cache.Blob(limiterBlob)), 0) // dropped
	is.Equal(bot.checkIdentity(), "")             // and claimed

	o := &Options{Cache: bot.cache.Backend()}
	is.Equal(New("token-b", o).stale, "it belongs to another token")
	o.REST = &rest.Options{BaseURL: "http://127.0.0.1:1/api"}
	is.Equal(New("token-a", o).stale, "it belongs to a bot of another API ("+rest.DefaultBaseURL+")")
	o.REST = &rest.Options{BaseURL: rest.DefaultBaseURL + "/"}
	is.Equal(New("token-a", o).stale, "")                                       // the same API
	is.True(!strings.Contains(string(bot.cache.Blob(identityBlob)), "token-a")) // a hash, never the token
}
