package rest_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

func TestNullableEncodesThreeStates(t *testing.T) {
	is := is.New(t)
	b, err := json.Marshal(rest.MemberModify{
		Nick:      rest.Some("quiet"),
		ChannelID: rest.Null[model.ChannelID](),
	})
	is.NoErr(err)
	is.Equal(string(b), `{"nick":"quiet","channel_id":null}`) // absent fields left out, null sent as null

	var back struct {
		A rest.Nullable[int] `json:"a"`
		B rest.Nullable[int] `json:"b"`
		C rest.Nullable[int] `json:"c"`
	}
	is.NoErr(json.Unmarshal([]byte(`{"a":null,"b":7}`), &back))
	is.True(back.A.IsNull())
	v, ok := back.B.Get()
	is.True(ok)
	is.Equal(v, 7)
	is.True(back.C.IsZero()) // missing stays absent
}

func TestPatchBodySendsNull(t *testing.T) {
	is := is.New(t)
	var mu sync.Mutex
	var body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		body = string(b)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"user":{"id":"2","username":"u"},"roles":[],"joined_at":"2020-01-01T00:00:00Z"}`)
	}))
	defer srv.Close()
	c := rest.NewClient("t", &rest.Options{BaseURL: srv.URL})
	_, err := c.ModifyMember(context.Background(), 1, 2, &rest.MemberModify{
		ChannelID:                  rest.Null[model.ChannelID](),
		CommunicationDisabledUntil: rest.Null[model.Timestamp](),
	})
	is.NoErr(err)
	mu.Lock()
	defer mu.Unlock()
	is.Equal(body, `{"channel_id":null,"communication_disabled_until":null}`) // disconnect and end the timeout
}

func TestPatchNullAgainstDiscord(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, nil, nil)
	ctx := context.Background()

	// A channel in a category leaves it with a null parent_id.
	var child model.ChannelID
	for _, g := range s.World().Guilds() {
		for _, ch := range g.Channels {
			if ch.ParentID != nil && *ch.ParentID != 0 {
				child = ch.ID
			}
		}
	}
	is.True(child != 0) // the world has a channel in a category
	got, err := c.ModifyChannel(ctx, child, &rest.ChannelModify{ParentID: rest.Null[model.ChannelID]()})
	is.NoErr(err)
	is.True(got.ParentID == 0) // Discord answered without a parent
	ch, ok := s.World().Channel(child)
	is.True(ok)
	is.True(ch.ParentID == nil || *ch.ParentID == 0) // and the fake keeps it so

	// A nickname set, then removed with null.
	g, _ := textChannel(t, s)
	members := s.World().Members(g)
	user := members[len(members)-1].User.ID
	m, err := c.ModifyMember(ctx, g, user, &rest.MemberModify{Nick: rest.Some("quiet")})
	is.NoErr(err)
	is.Equal(*m.Nick, "quiet")
	m, err = c.ModifyMember(ctx, g, user, &rest.MemberModify{Nick: rest.Null[string]()})
	is.NoErr(err)
	is.True(m.Nick == nil) // null removed the nickname
}

func TestErrorMatchesSentinels(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, nil, nil)
	ctx := context.Background()
	_, ch := textChannel(t, s)
	_, err := c.Message(ctx, ch, 1)
	is.True(errors.Is(err, rest.ErrNotFound)) // Discord's 404 is ErrNotFound
	is.True(!errors.Is(err, rest.ErrUnauthorized))

	bad := rest.NewClient("not-the-token", &rest.Options{BaseURL: s.URL()})
	_, err = bad.Me(ctx)
	var re *rest.Error
	is.True(errors.As(err, &re))                  // the first 401 is Discord's answer
	is.True(errors.Is(err, rest.ErrUnauthorized)) // and matches the sentinel
	_, err = bad.Me(ctx)
	is.True(errors.Is(err, rest.ErrUnauthorized)) // as does the client's refusal after it
	is.True(!errors.As(err, &re))
}
