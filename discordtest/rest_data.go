package discordtest

import "sync"

// restData is the state the REST routes keep beyond the World.
type restData struct {
	mu sync.Mutex
}

func newRESTData() *restData { return &restData{} }
