package rest_test

import (
	"context"
	"iter"
	"testing"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

func TestMonetizationRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, _ := textChannel(t, s)
	app := s.World().ApplicationID()
	bot := s.World().Bot().ID

	gems := s.AddSKU("Gems", model.SKUConsumable)
	premium := s.AddSKU("Premium", model.SKUSubscription)
	skus, err := c.SKUs(ctx, app)
	is.NoErr(err)
	is.Equal(len(skus), 3) // the consumable, the subscription and its group
	is.Equal(skus[0].ID, gems)
	is.Equal(skus[0].Type, model.SKUConsumable)
	is.Equal(skus[2].ID, premium)
	is.Equal(skus[2].Type, model.SKUSubscription)
	is.Equal(skus[1].Type, model.SKUSubscriptionGroup)

	var made []model.EntitlementID
	for _, m := range otherMembers(s, g, 5) {
		e, err := c.CreateTestEntitlement(ctx, app, &rest.TestEntitlementCreate{SKUID: gems, OwnerID: model.Snowflake(m), OwnerType: model.EntitlementOwnerUser})
		is.NoErr(err)
		is.Equal(e.SKUID, gems)
		made = append(made, e.ID)
	}
	page, err := c.Entitlements(ctx, app, &rest.EntitlementsQuery{SKUIDs: []model.SKUID{gems}, Limit: 2})
	is.NoErr(err)
	is.Equal(len(page), 2)
	walkCase[model.Entitlement, model.EntitlementID]{
		route: "GET /applications/{application_id}/entitlements",
		walk: func(ctx context.Context, most int) iter.Seq2[model.Entitlement, error] {
			return c.AllEntitlements(ctx, app, &rest.EntitlementsQuery{SKUIDs: []model.SKUID{gems}, Limit: 2}, most)
		},
		key:  func(e model.Entitlement) model.EntitlementID { return e.ID },
		want: made,
	}.check(t, c)

	is.NoErr(c.ConsumeEntitlement(ctx, app, made[0]))
	e, err := c.Entitlement(ctx, app, made[0])
	is.NoErr(err)
	is.True(e.Consumed != nil && *e.Consumed) // used up
	is.NoErr(c.DeleteTestEntitlement(ctx, app, made[1]))
	_, err = c.Entitlement(ctx, app, made[1])
	is.Equal(apiCode(err), 10029) // Unknown Entitlement

	mine, err := c.CreateTestEntitlement(ctx, app, &rest.TestEntitlementCreate{SKUID: gems, OwnerID: model.Snowflake(bot), OwnerType: model.EntitlementOwnerUser})
	is.NoErr(err)
	oauth := rest.NewClient(discordtest.DefaultBearerToken, &rest.Options{BaseURL: s.URL(), Bearer: true})
	own, err := oauth.MyEntitlements(ctx, app, &rest.MyEntitlementsQuery{SKUIDs: []model.SKUID{gems}})
	is.NoErr(err)
	is.Equal(len(own), 1) // the token's user's only
	is.Equal(own[0].ID, mine.ID)

	var subs []model.Snowflake
	for _, m := range otherMembers(s, g, 5) {
		id, err := s.AddSubscription(m, premium)
		is.NoErr(err)
		subs = append(subs, id)
	}
	first, err := c.SKUSubscriptions(ctx, premium, &rest.SubscriptionsQuery{Limit: 2})
	is.NoErr(err)
	is.Equal(len(first), 2)
	walkCase[model.Subscription, model.Snowflake]{
		route: "GET /skus/{sku_id}/subscriptions",
		walk: func(ctx context.Context, most int) iter.Seq2[model.Subscription, error] {
			return c.AllSKUSubscriptions(ctx, premium, &rest.SubscriptionsQuery{Limit: 2}, most)
		},
		key:  func(s model.Subscription) model.Snowflake { return s.ID },
		want: subs,
	}.check(t, c)
	sub, err := c.SKUSubscription(ctx, premium, subs[2], nil)
	is.NoErr(err)
	is.Equal(sub.SKUIDs, []model.SKUID{premium})
}
