package rest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
)

func firstTextChannel(s *discordtest.Server) model.ChannelID {
	for _, g := range s.World().Guilds() {
		for _, ch := range g.Channels {
			if ch.Type == model.ChannelGuildText {
				return ch.ID
			}
		}
	}
	return 0
}

// Send a message, then read it back. The fake Discord of discordtest
// stands in for Discord.
func Example() {
	s := discordtest.NewServer(nil)
	defer s.Close()
	c := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL()})
	ctx := context.Background()
	ch := firstTextChannel(s)

	m, err := c.CreateMessage(ctx, ch, &rest.MessageCreate{
		Content: "Pong!",
		Embeds:  []model.Embed{{Title: "latency", Description: "12 ms"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	got, err := c.Message(ctx, ch, m.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(got.Content, got.Embeds[0].Title)
	// Output: Pong! latency
}

// Errors tell what went wrong: a request Discord would refuse is not sent.
func Example_errors() {
	s := discordtest.NewServer(nil)
	defer s.Close()
	c := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL()})
	ctx := context.Background()

	_, err := c.CreateMessage(ctx, firstTextChannel(s), &rest.MessageCreate{
		Embeds: []model.Embed{{Fields: make([]model.EmbedField, 30)}},
	})
	var ve *rest.ValidationError
	if errors.As(err, &ve) {
		fmt.Println("invalid:", ve.Field)
	}
	_, err = c.Message(ctx, firstTextChannel(s), 1)
	var re *rest.Error
	if errors.As(err, &re) {
		fmt.Println("discord:", re.Status, re.Code)
	}
	// Output:
	// invalid: embeds.0.fields
	// discord: 404 10008
}

// Save what the limiter learned, to start from it after a restart.
func ExampleLimiter_State() {
	s := discordtest.NewServer(nil)
	defer s.Close()
	c := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL()})
	if _, err := c.Me(context.Background()); err != nil {
		fmt.Println(err)
		return
	}
	saved, _ := json.Marshal(c.Limiter().State())

	var st rest.LimiterState
	_ = json.Unmarshal(saved, &st)
	c = rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL(), LimiterState: &st})
	fmt.Println(st.Routes["GET /users/@me"] != "")
	// Output: true
}

// Call an endpoint the client has no method for, with the same rate
// limiting.
func ExampleClient_Do() {
	s := discordtest.NewServer(nil)
	defer s.Close()
	c := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL()})
	r := rest.NewRoute("GET", "/users/{user_id}")
	var u struct {
		Username string `json:"username"`
	}
	bot := s.World().Bot()
	if err := c.Do(context.Background(), r, []string{bot.ID.String()}, nil, nil, &u); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(u.Username == bot.Username)
	// Output: true
}

// Clear a field of a PATCH body with Null: here a member's nickname. A
// field left out stays as it is.
func ExampleNull() {
	s := discordtest.NewServer(nil)
	defer s.Close()
	c := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL()})
	ctx := context.Background()
	var guild model.GuildID
	for _, g := range s.World().Guilds() {
		guild = g.ID
		break
	}
	members := s.World().Members(guild)
	user := members[len(members)-1].User.ID

	m, err := c.ModifyMember(ctx, guild, user, &rest.MemberModify{Nick: rest.Some("quiet")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(*m.Nick)
	m, err = c.ModifyMember(ctx, guild, user, &rest.MemberModify{Nick: rest.Null[string]()})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Nick == nil)
	// Output:
	// quiet
	// true
}

// Page through a channel's messages with a query; its documented ranges
// are checked before anything is sent.
func ExampleMessagesQuery() {
	s := discordtest.NewServer(nil)
	defer s.Close()
	c := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL()})
	ctx := context.Background()
	_, err := c.Messages(ctx, firstTextChannel(s), &rest.MessagesQuery{Limit: 500})
	var ve *rest.ValidationError
	if errors.As(err, &ve) {
		fmt.Println(ve.Field)
	}
	_, err = c.Message(ctx, firstTextChannel(s), 1)
	fmt.Println(errors.Is(err, rest.ErrNotFound))
	// Output:
	// limit
	// true
}
