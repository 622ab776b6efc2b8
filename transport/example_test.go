package transport_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/gloamdev/gloam/transport"
)

// Pipe connects two ends in memory, as tests of code above the transport
// do; a close reaches the other end as a *CloseError.
func ExamplePipe() {
	ctx := context.Background()
	client, server := transport.Pipe()
	server.Write(ctx, transport.Text, []byte(`{"op":10,"d":{"heartbeat_interval":41250}}`))
	server.Close(4004, "Authentication failed.")

	_, p, _ := client.Read(ctx)
	fmt.Println(string(p))
	_, _, err := client.Read(ctx)
	var ce *transport.CloseError
	if errors.As(err, &ce) {
		fmt.Println(ce.Code, ce.Reason)
	}
	// Output:
	// {"op":10,"d":{"heartbeat_interval":41250}}
	// 4004 Authentication failed.
}
