package discordtest

type restState struct{ s *Server }

func newRESTState(s *Server) *restState { return &restState{s: s} }
