module github.com/gloamdev/gloam/wasm/e2e

go 1.26.0

require (
	github.com/chromedp/chromedp v0.23.0
	github.com/gloamdev/gloam v0.0.0
	github.com/matryer/is v1.4.1
)

require (
	github.com/chromedp/cdproto v0.159.0 // indirect
	github.com/coder/websocket v1.8.15 // indirect
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	github.com/klauspost/compress v1.20.4 // indirect
	github.com/tidwall/gjson v1.20.2 // indirect
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.3.0 // indirect
)

replace github.com/gloamdev/gloam => ../..
