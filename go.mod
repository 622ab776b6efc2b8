module github.com/gloamdev/gloam

go 1.26

require (
	github.com/coder/websocket v1.8.15
	github.com/klauspost/compress v1.20.4
	github.com/matryer/is v1.4.1
	github.com/tidwall/gjson v1.20.2
	go.etcd.io/bbolt v1.5.0
)

require (
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.3.0 // indirect
	golang.org/x/sys v0.45.0 // indirect
)
