package model

// Values from Discord's OpenAPI description.

// EventWebhooksStatus is whether an application receives webhook events.
// Values Discord adds later are kept as they come.
type EventWebhooksStatus int

// EventWebhooksStatus values.
const (
	EventWebhooksDisabled          EventWebhooksStatus = 1 // by the developer
	EventWebhooksEnabled           EventWebhooksStatus = 2 // by the developer
	EventWebhooksDisabledByDiscord EventWebhooksStatus = 3 // usually for inactivity
)

var eventWebhooksStatusNames = map[EventWebhooksStatus]string{
	1: "DISABLED",
	2: "ENABLED",
	3: "DISABLED_BY_DISCORD",
}

// String is Discord's name of v, or the type and number when unknown.
func (v EventWebhooksStatus) String() string {
	return nameOf("EventWebhooksStatus", v, eventWebhooksStatusNames)
}

// Known reports whether gloam knows v.
func (v EventWebhooksStatus) Known() bool { _, ok := eventWebhooksStatusNames[v]; return ok }

// ApplicationContentFilter is whether Discord scans the content an
// application receives in interactions.
// Values Discord adds later are kept as they come.
type ApplicationContentFilter int

// ApplicationContentFilter values.
const (
	ApplicationContentFilterInherit ApplicationContentFilter = 0 // as the guild's filter says
	ApplicationContentFilterAlways  ApplicationContentFilter = 1
)

var applicationContentFilterNames = map[ApplicationContentFilter]string{0: "INHERIT", 1: "ALWAYS"}

// String is Discord's name of v, or the type and number when unknown.
func (v ApplicationContentFilter) String() string {
	return nameOf("ApplicationContentFilter", v, applicationContentFilterNames)
}

// Known reports whether gloam knows v.
func (v ApplicationContentFilter) Known() bool { _, ok := applicationContentFilterNames[v]; return ok }
