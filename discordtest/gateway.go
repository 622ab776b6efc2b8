package discordtest

type gatewayState struct{ s *Server }

func newGatewayState(s *Server) *gatewayState { return &gatewayState{s: s} }

func (g *gatewayState) close() {}
