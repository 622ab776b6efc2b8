// Package build assembles embeds, message components (the classic action
// rows, buttons and select menus, and the layout components: containers,
// sections, text displays, thumbnails, media galleries, separators and
// files) and application commands, and checks them against Discord's
// limits when they are built, not when Discord refuses them.
//
// # Basics
//
// An Embed is built by chaining, and checked by Build:
//
//	e, err := build.NewEmbed().Title("Release").Description(notes).
//		Field("Version", "1.2.0", true).Color(0x5865F2).Build()
//
// Components are plain model.Component values made by functions named
// after them, and checked together by Components (classic) or Layout
// (components v2, which also returns the message flag they need):
//
//	comps, err := build.Components(build.Row(
//		build.Button(model.ButtonPrimary, "Yes", "vote/1/yes"),
//		build.Link("Docs", "https://example.com"),
//	))
//
// A Command is built by chaining too; its options come from the
// functions named after their type (String, Int, User...), and Build
// checks it as interaction.Validate does:
//
//	cmd, err := build.Slash("dice", "Roll dice").
//		Sub("roll", "Roll one die", build.Int("sides", "How many sides").Required().Range(2, 120)).
//		Build()
//
// # Caveats
//
// The checks are those gloam knows Discord to make (rest.ValidateEmbeds,
// rest.ValidateComponents, rest.ValidateCommand and
// interaction.Validate); Discord may refuse for reasons they do not see,
// such as a URL it cannot fetch or an emoji the bot cannot use.
package build
