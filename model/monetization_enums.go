package model

// Values from Discord's OpenAPI description.

// EntitlementOwnerType is whether a test entitlement goes to a guild or a user.
// Values Discord adds later are kept as they come.
type EntitlementOwnerType int

// EntitlementOwnerType values.
const (
	EntitlementOwnerGuild EntitlementOwnerType = 1
	EntitlementOwnerUser  EntitlementOwnerType = 2
)

var entitlementOwnerTypeNames = map[EntitlementOwnerType]string{
	1: "GUILD",
	2: "USER",
}

// String is Discord's name of v, or the type and number when unknown.
func (v EntitlementOwnerType) String() string {
	return nameOf("EntitlementOwnerType", v, entitlementOwnerTypeNames)
}

// Known reports whether gloam knows v.
func (v EntitlementOwnerType) Known() bool { _, ok := entitlementOwnerTypeNames[v]; return ok }

// PollLayoutType is the layout of a poll.
// Values Discord adds later are kept as they come.
type PollLayoutType int

// PollLayoutType values.
const (
	PollLayoutDefault PollLayoutType = 1
)

var pollLayoutTypeNames = map[PollLayoutType]string{
	1: "DEFAULT",
}

// String is Discord's name of v, or the type and number when unknown.
func (v PollLayoutType) String() string { return nameOf("PollLayoutType", v, pollLayoutTypeNames) }

// Known reports whether gloam knows v.
func (v PollLayoutType) Known() bool { _, ok := pollLayoutTypeNames[v]; return ok }

// SubscriptionStatus is the state of a subscription to a SKU.
// Values Discord adds later are kept as they come.
type SubscriptionStatus int

// SubscriptionStatus values.
const (
	SubscriptionActive   SubscriptionStatus = 0 // active, renews
	SubscriptionInactive SubscriptionStatus = 1 // not charged
	SubscriptionEnding   SubscriptionStatus = 2 // active, does not renew
)

var subscriptionStatusNames = map[SubscriptionStatus]string{0: "ACTIVE", 1: "INACTIVE", 2: "ENDING"}

// String is Discord's name of v, or the type and number when unknown.
func (v SubscriptionStatus) String() string {
	return nameOf("SubscriptionStatus", v, subscriptionStatusNames)
}

// Known reports whether gloam knows v.
func (v SubscriptionStatus) Known() bool { _, ok := subscriptionStatusNames[v]; return ok }

// SKUType is the kind of thing a SKU sells.
// Values Discord adds later are kept as they come.
type SKUType int

// SKUType values.
const (
	SKUDurable           SKUType = 2 // bought once, kept
	SKUConsumable        SKUType = 3 // bought once, used up
	SKUSubscription      SKUType = 5 // renews
	SKUSubscriptionGroup SKUType = 6 // the group its subscription SKUs belong to
)

var skuTypeNames = map[SKUType]string{
	2: "DURABLE",
	3: "CONSUMABLE",
	5: "SUBSCRIPTION",
	6: "SUBSCRIPTION_GROUP",
}

// String is Discord's name of v, or the type and number when unknown.
func (v SKUType) String() string { return nameOf("SKUType", v, skuTypeNames) }

// Known reports whether gloam knows v.
func (v SKUType) Known() bool { _, ok := skuTypeNames[v]; return ok }
