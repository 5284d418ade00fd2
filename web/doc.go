// Package web is the browser UI: the playground and lesson pages, the player
// both embed, and the go-app components that draw a simulated pre-fork
// server, its per-worker caches and the shared cache. What they draw comes
// from package view, which has no browser code.
//
//	web.Register() // in the wasm main and in the server, before app.RunWhenOnBrowser
package web
