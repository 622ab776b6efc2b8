package discordtest

// restHandlers serve the routes discordtest implements, by route key.
var restHandlers = map[string]func(*restCall){}
