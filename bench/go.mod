module github.com/gloamdev/gloam/bench

go 1.26.0

require (
	github.com/bwmarrin/discordgo v0.29.0
	github.com/coder/websocket v1.8.15
	github.com/disgoorg/disgo v0.18.15
	github.com/disgoorg/json v1.2.0
	github.com/gloamdev/gloam v0.0.0-00010101000000-000000000000
	github.com/klauspost/compress v1.20.4
	github.com/tidwall/gjson v1.20.2
)

require (
	github.com/disgoorg/snowflake/v2 v2.0.3 // indirect
	github.com/gorilla/websocket v1.5.3 // indirect
	github.com/sasha-s/go-csync v0.0.0-20240107134140-fcbab37b09ad // indirect
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.3.0 // indirect
	go.etcd.io/bbolt v1.5.0 // indirect
	golang.org/x/crypto v0.31.0 // indirect
	golang.org/x/sys v0.48.0 // indirect
)

replace github.com/gloamdev/gloam => ../
