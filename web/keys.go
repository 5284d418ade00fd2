package web

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// A key is a keyboard shortcut: pressing it posts Action with Value.
type key struct {
	Action  string
	Value   int
	Control bool // also when the focus is on a button or link (Space is not)
}

// playerKeys are the shortcuts of both pages: space plays or pauses, s
// steps, r resets.
var playerKeys = map[string]key{
	" ": {Action: ActionPlay}, "Spacebar": {Action: ActionPlay},
	"s": {Action: ActionStep, Control: true}, "S": {Action: ActionStep, Control: true},
	"r": {Action: ActionReset, Control: true}, "R": {Action: ActionReset, Control: true},
}

// listenKeys posts the action of each key in keys (and the player's) while
// the page is mounted; call the returned function to stop. Keys typed into
// a form field, or space and Enter on a button or link, keep their usual
// meaning, and an open modal dialog keeps its own.
func listenKeys(keys map[string]key) func() {
	return app.Window().AddEventListener("keydown", func(ctx app.Context, e app.Event) {
		if e.Get("defaultPrevented").Bool() || e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("altKey").Bool() {
			return
		}
		k, ok := keys[e.Get("key").String()]
		if !ok {
			k, ok = playerKeys[e.Get("key").String()]
		}
		if !ok || inField(e.Get("target")) || modalOpen() {
			return
		}
		if t := e.Get("target"); !k.Control && t.Truthy() && t.Get("tagName").Truthy() {
			switch strings.ToLower(t.Get("tagName").String()) {
			case "button", "a", "summary":
				return
			}
		}
		e.PreventDefault()
		ctx.NewActionWithValue(k.Action, k.Value)
	})
}

// inField reports whether t takes typed keys itself.
func inField(t app.Value) bool {
	if !t.Truthy() {
		return false
	}
	if t.Get("tagName").Truthy() {
		switch strings.ToLower(t.Get("tagName").String()) {
		case "input", "select", "textarea", "dialog":
			return true
		}
	}
	return t.Get("isContentEditable").Truthy() && t.Get("isContentEditable").Bool()
}

// modalOpen reports whether a modal dialog has the keyboard.
func modalOpen() bool {
	d := app.Window().Get("document").Call("querySelector", "dialog[open]")
	return d.Truthy()
}
