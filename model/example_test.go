package model_test

import (
	"encoding/json"
	"fmt"

	"github.com/gloamdev/gloam/model"
)

// A handler reads the three fields it needs through a view: nothing else
// of the payload is decoded.
func ExampleEvent_MessageCreate() {
	payload := []byte(`{"t":"MESSAGE_CREATE","s":7,"op":0,"d":{"content":"!ping","channel_id":"1139327122651158702","author":{"username":"gopher","id":"515255974578242127","bot":false},"id":"1378704635084976866"}}`)
	ev, err := model.ParseEvent(payload)
	if err != nil {
		fmt.Println(err)
		return
	}
	if ev.Type != model.EventMessageCreate {
		return
	}
	msg, err := ev.MessageCreate()
	if err != nil {
		fmt.Println(err)
		return
	}
	if msg.Content() == "!ping" && !msg.Author().Bot() {
		fmt.Println("reply Pong! in", msg.ChannelID(), "to", msg.Author().Username())
	}
	// Output: reply Pong! in 1139327122651158702 to gopher
}

// Decode returns the full struct of the event's type; unknown events
// arrive as RawEvent values.
func ExampleEvent_Decode() {
	for _, p := range []string{
		`{"t":"GUILD_ROLE_DELETE","s":3,"op":0,"d":{"guild_id":"41771983423143937","role_id":"41771983423143936"}}`,
		`{"t":"SOMETHING_NEW","s":4,"op":0,"d":{"x":1}}`,
		`{"t":null,"s":null,"op":10,"d":{"heartbeat_interval":41250}}`,
	} {
		ev, err := model.ParseEventString(p)
		if err != nil {
			fmt.Println(err)
			continue
		}
		v, err := ev.Decode()
		if err != nil {
			fmt.Println(err)
			continue
		}
		switch v := v.(type) {
		case *model.GuildRoleDelete:
			fmt.Println("role", v.RoleID, "deleted in", v.GuildID)
		case *model.Hello:
			fmt.Println("heartbeat every", v.HeartbeatInterval, "ms")
		case model.RawEvent:
			fmt.Println("unknown event", v.Name, v.Data)
		}
	}
	// Output:
	// role 41771983423143936 deleted in 41771983423143937
	// unknown event SOMETHING_NEW {"x":1}
	// heartbeat every 41250 ms
}

// An EventTypeSet says which events are worth decoding; the rest cost
// only their envelope.
func ExampleEventTypeSet() {
	wanted := model.NewEventTypeSet(model.EventMessageCreate, model.EventInteractionCreate)
	ev, _ := model.ParseEventString(`{"t":"TYPING_START","s":9,"op":0,"d":{"user_id":"1","channel_id":"2"}}`)
	fmt.Println(ev.Type, wanted.Has(ev.Type))
	// Output: TYPING_START false
}

// Unknown component types keep their JSON and encode back unchanged.
func ExampleComponent() {
	var c model.Component
	_ = json.Unmarshal([]byte(`{"type":1,"components":[{"type":2,"style":1,"label":"Yes","custom_id":"yes"},{"type":99,"future":true}]}`), &c)
	fmt.Println(c.Components[0].Type, c.Components[0].Label, c.Components[1].Type)
	out, _ := json.Marshal(c.Components[1])
	fmt.Println(string(out))
	// Output:
	// BUTTON Yes ComponentType(99)
	// {"type":99,"future":true}
}

func ExampleSnowflake_Time() {
	fmt.Println(model.GuildID(41771983423143937).Time())
	// Output: 2015-04-26 06:26:56.934 +0000 UTC
}
