package model_test

import (
	"encoding/json"
	"testing"

	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

func TestAPIEnumsKeepUnknownValues(t *testing.T) {
	is := is.New(t)
	is.Equal(model.AuditLogMemberBanAdd.String(), "MEMBER_BAN_ADD")
	is.Equal(model.ScheduledEventActive.String(), "ACTIVE")
	is.Equal(model.CallbackModal.String(), "MODAL")
	is.Equal(model.AutoModTriggerKeyword.String(), "KEYWORD")
	is.Equal(model.SubscriptionEnding.String(), "ENDING")
	is.Equal(model.SKUSubscriptionGroup.String(), "SUBSCRIPTION_GROUP")
	is.Equal(model.InviteTargetUsersJobFailed.String(), "FAILED")
	is.Equal(model.NewMemberActionTalk.String(), "TALK")
	is.Equal(model.EventWebhooksDisabledByDiscord.String(), "DISABLED_BY_DISCORD")
	is.Equal(model.SKUType(4).String(), "SKUType(4)") // unknown, named by its number
	is.True(!model.EventWebhooksStatus(9).Known())
	is.True(model.NewMemberActionView.Known())
	is.Equal(model.ApplicationContentFilterAlways.String(), "ALWAYS")
	is.Equal(model.AuditLogEvent(999).String(), "AuditLogEvent(999)") // unknown, named by its number
	is.True(!model.AuditLogEvent(999).Known())

	var v struct {
		A model.AuditLogEvent        `json:"a"`
		S model.ScheduledEventStatus `json:"s"`
		K model.SKUType              `json:"k"`
	}
	is.NoErr(json.Unmarshal([]byte(`{"a":999,"s":42,"k":7}`), &v))
	is.Equal(v.K, model.SKUType(7)) // kept, not dropped
	is.Equal(int(v.A), 999)         // kept, not dropped
	b, err := json.Marshal(v)
	is.NoErr(err)
	is.Equal(string(b), `{"a":999,"s":42,"k":7}`)
}
