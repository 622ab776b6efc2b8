package rest

import (
	"context"

	"github.com/gloamdev/gloam/model"
)

var (
	rEntitlements       = route("GET", "/applications/{application_id}/entitlements")
	rEntitlement        = route("GET", "/applications/{application_id}/entitlements/{entitlement_id}")
	rCreateEntitlement  = route("POST", "/applications/{application_id}/entitlements")
	rDeleteEntitlement  = route("DELETE", "/applications/{application_id}/entitlements/{entitlement_id}")
	rConsumeEntitlement = route("POST", "/applications/{application_id}/entitlements/{entitlement_id}/consume")
	rMyEntitlements     = route("GET", "/users/@me/applications/{application_id}/entitlements")
	rSKUs               = route("GET", "/applications/{application_id}/skus")
	rSKUSubscriptions   = route("GET", "/skus/{sku_id}/subscriptions")
	rSKUSubscription    = route("GET", "/skus/{sku_id}/subscriptions/{subscription_id}")
)

// EntitlementsQuery filters and pages through an application's
// entitlements in ID order: Before or After an entitlement ID, Limit
// 1..100 (zero: 100).
type EntitlementsQuery struct {
	UserID         model.UserID        `query:"user_id"`
	SKUIDs         []model.SKUID       `query:"sku_ids,comma"`
	GuildID        model.GuildID       `query:"guild_id"`
	Before         model.EntitlementID `query:"before"`
	After          model.EntitlementID `query:"after"`
	Limit          int                 `query:"limit" range:"1,100"`
	ExcludeEnded   bool                `query:"exclude_ended"`
	ExcludeDeleted *bool               `query:"exclude_deleted"` // nil: Discord's default, true
	OnlyActive     bool                `query:"only_active"`
}

// Entitlements lists a page of an application's entitlements.
func (c *Client) Entitlements(ctx context.Context, app model.ApplicationID, q *EntitlementsQuery, opts ...RequestOption) ([]model.Entitlement, error) {
	return list[model.Entitlement](ctx, c, rEntitlements, path(app), q, nil, opts)
}

// Entitlement gets one entitlement.
func (c *Client) Entitlement(ctx context.Context, app model.ApplicationID, id model.EntitlementID, opts ...RequestOption) (*model.Entitlement, error) {
	return fetch[model.Entitlement](ctx, c, rEntitlement, path(app, id), nil, nil, opts)
}

// TestEntitlementCreate grants a SKU for free to a guild or a user, for
// testing.
type TestEntitlementCreate struct {
	SKUID     model.SKUID                `json:"sku_id"`
	OwnerID   model.Snowflake            `json:"owner_id"`
	OwnerType model.EntitlementOwnerType `json:"owner_type"`
}

// CreateTestEntitlement makes a test entitlement.
func (c *Client) CreateTestEntitlement(ctx context.Context, app model.ApplicationID, e *TestEntitlementCreate, opts ...RequestOption) (*model.Entitlement, error) {
	return fetch[model.Entitlement](ctx, c, rCreateEntitlement, path(app), nil, e, opts)
}

// DeleteTestEntitlement removes a test entitlement.
func (c *Client) DeleteTestEntitlement(ctx context.Context, app model.ApplicationID, id model.EntitlementID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteEntitlement, path(app, id), nil, nil, nil, opts)
}

// ConsumeEntitlement marks a one-time purchase as used.
func (c *Client) ConsumeEntitlement(ctx context.Context, app model.ApplicationID, id model.EntitlementID, opts ...RequestOption) error {
	return c.call(ctx, rConsumeEntitlement, path(app, id), nil, nil, nil, opts)
}

// MyEntitlementsQuery filters the token user's entitlements.
type MyEntitlementsQuery struct {
	SKUIDs          []model.SKUID `query:"sku_ids,comma"`
	ExcludeConsumed *bool         `query:"exclude_consumed"` // nil: Discord's default, true
}

// MyEntitlements lists the token user's entitlements to an application
// (Bearer).
func (c *Client) MyEntitlements(ctx context.Context, app model.ApplicationID, q *MyEntitlementsQuery, opts ...RequestOption) ([]model.Entitlement, error) {
	return list[model.Entitlement](ctx, c, rMyEntitlements, path(app), q, nil, opts)
}

// SKU is something an application sells: a subscription, a durable or a
// consumable item.
type SKU struct {
	ID            model.SKUID         `json:"id"`
	Type          model.SKUType       `json:"type"`
	ApplicationID model.ApplicationID `json:"application_id"`
	Name          string              `json:"name"`
	Slug          string              `json:"slug"`
	Flags         int                 `json:"flags"` // 1<<2 available, 1<<7 guild subscription, 1<<8 user subscription
}

// SKUs lists an application's SKUs.
func (c *Client) SKUs(ctx context.Context, app model.ApplicationID, opts ...RequestOption) ([]SKU, error) {
	return list[SKU](ctx, c, rSKUs, path(app), nil, nil, opts)
}

// SubscriptionsQuery pages through the subscriptions to a SKU in ID
// order: Before or After a subscription ID, Limit 1..100 (zero: 50);
// UserID is required unless the token is a bot's.
type SubscriptionsQuery struct {
	Before model.Snowflake `query:"before"`
	After  model.Snowflake `query:"after"`
	Limit  int             `query:"limit" range:"1,100"`
	UserID model.UserID    `query:"user_id"`
}

// SKUSubscriptions lists a page of the subscriptions to a SKU.
func (c *Client) SKUSubscriptions(ctx context.Context, sku model.SKUID, q *SubscriptionsQuery, opts ...RequestOption) ([]model.Subscription, error) {
	return list[model.Subscription](ctx, c, rSKUSubscriptions, path(sku), q, nil, opts)
}

// SubscriptionQuery names the user whose subscription it is.
type SubscriptionQuery struct {
	UserID model.UserID `query:"user_id"`
}

// SKUSubscription gets one subscription to a SKU.
func (c *Client) SKUSubscription(ctx context.Context, sku model.SKUID, id model.Snowflake, q *SubscriptionQuery, opts ...RequestOption) (*model.Subscription, error) {
	return fetch[model.Subscription](ctx, c, rSKUSubscription, path(sku, id), q, nil, opts)
}
