package discordtest

// RESTOptions configures the REST API; the zero value is Discord's defaults.
type RESTOptions struct{}

type restState struct{ s *Server }

func newRESTState(s *Server) *restState { return &restState{s: s} }

// RESTStats counts what clients did on the REST API.
type RESTStats struct{}

func (r *restState) stats() RESTStats { return RESTStats{} }
