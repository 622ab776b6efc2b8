package model

// Values from Discord's OpenAPI description.

// InteractionCallbackType is the kind of answer to an interaction.
// Values Discord adds later are kept as they come.
type InteractionCallbackType int

// InteractionCallbackType values.
const (
	CallbackPong                              InteractionCallbackType = 1
	CallbackMessage                           InteractionCallbackType = 4
	CallbackDeferredMessage                   InteractionCallbackType = 5
	CallbackDeferredUpdate                    InteractionCallbackType = 6
	CallbackUpdateMessage                     InteractionCallbackType = 7
	CallbackAutocompleteResult                InteractionCallbackType = 8
	CallbackModal                             InteractionCallbackType = 9
	CallbackLaunchActivity                    InteractionCallbackType = 12
	CallbackSocialLayerSKUPurchaseEligibility InteractionCallbackType = 13
)

var interactionCallbackTypeNames = map[InteractionCallbackType]string{
	1:  "PONG",
	4:  "CHANNEL_MESSAGE_WITH_SOURCE",
	5:  "DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE",
	6:  "DEFERRED_UPDATE_MESSAGE",
	7:  "UPDATE_MESSAGE",
	8:  "APPLICATION_COMMAND_AUTOCOMPLETE_RESULT",
	9:  "MODAL",
	12: "LAUNCH_ACTIVITY",
	13: "SOCIAL_LAYER_SKU_PURCHASE_ELIGIBILITY",
}

// String is Discord's name of v, or the type and number when unknown.
func (v InteractionCallbackType) String() string {
	return nameOf("InteractionCallbackType", v, interactionCallbackTypeNames)
}

// Known reports whether gloam knows v.
func (v InteractionCallbackType) Known() bool { _, ok := interactionCallbackTypeNames[v]; return ok }
