package discordtest_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/gloamdev/gloam/discordtest"
)

// A bot's REST calls against the fake Discord, with a tight rate limit on
// message creation: the third message in the window gets a 429, as it
// would on Discord, and the server counts it as avoidable.
func Example_rest() {
	srv := discordtest.NewServer(&discordtest.Options{REST: discordtest.RESTOptions{
		RateLimits: map[string]discordtest.RateLimit{
			"POST /channels/{channel_id}/messages": {Limit: 2, Window: time.Minute},
		},
	}})
	defer srv.Close()
	channel := srv.World().Guilds()[0].Channels[1] // a text channel

	for i := range 3 {
		req, _ := http.NewRequest("POST", srv.URL()+"/channels/"+channel.ID.String()+"/messages",
			strings.NewReader(fmt.Sprintf(`{"content": "message %d"}`, i)))
		req.Header.Set("Authorization", "Bot "+srv.Token())
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		line := fmt.Sprint(resp.StatusCode, " remaining ", resp.Header.Get("X-RateLimit-Remaining"), " ", resp.Header.Get("X-RateLimit-Scope"))
		fmt.Println(strings.TrimSpace(line))
	}
	fmt.Println("stored:", len(srv.Messages(channel.ID)))
	st := srv.Stats().REST
	fmt.Println("429s:", st.RateLimited, "avoidable:", st.AvoidableRateLimited)
	// Output:
	// 200 remaining 1
	// 200 remaining 0
	// 429 remaining 0 user
	// stored: 2
	// 429s: 1 avoidable: 1
}

// A slash command: the server makes a user run it, the bot answers on the
// callback route, and the test reads the answer.
func ExampleServer_Interact() {
	srv := discordtest.NewServer(nil)
	defer srv.Close()
	channel := srv.World().Guilds()[0].Channels[1]
	in, err := srv.Interact(discordtest.UserInteraction{ChannelID: channel.ID})
	if err != nil {
		fmt.Println(err)
		return
	}
	// what the bot would do on INTERACTION_CREATE:
	url := srv.URL() + "/interactions/" + in.ID.String() + "/" + in.Token + "/callback"
	resp, err := http.Post(url, "application/json", strings.NewReader(`{"type": 4, "data": {"content": "Pong!"}}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode)
	for _, r := range srv.InteractionResponses(in.ID) {
		fmt.Println(r.Type, string(r.Data))
	}
	// Output:
	// 204
	// CHANNEL_MESSAGE_WITH_SOURCE {"content": "Pong!"}
}
