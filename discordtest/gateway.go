package discordtest

type gatewayState struct{ s *Server }

func newGatewayState(s *Server) *gatewayState { return &gatewayState{s: s} }

func (g *gatewayState) close() {}

// GatewayStats counts what clients did on the gateway.
type GatewayStats struct{}

func (g *gatewayState) stats() GatewayStats { return GatewayStats{} }
