// Package web is the browser playground: go-app components that draw a
// simulated pre-fork server, its per-worker caches and the shared cache.
//
//	web.Register() // in the wasm main and in the server, before app.RunWhenOnBrowser
package web
