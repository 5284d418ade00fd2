package web

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// A key is a keyboard shortcut: pressing it posts Action with Value.
type key struct {
	Action  string
	Value   int
	Control bool // also when the focus is on a button or link (Space is not, on one reached by keyboard)
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
// a form field, or space on a button or link reached with the keyboard,
// keep their usual meaning, and an open modal dialog keeps its own. A
// button clicked with the mouse keeps the focus: there Space plays or
// pauses, as the key help says, rather than press the button clicked last
// again.
func listenKeys(keys map[string]key) func() {
	clicked := app.Null() // the button or link last pressed with a pointer, while it keeps the focus
	press := app.FuncOf(func(this app.Value, args []app.Value) any {
		clicked = app.Null()
		if t := args[0].Get("target"); t.Truthy() && t.Get("closest").Truthy() {
			clicked = t.Call("closest", "button, a, summary")
		}
		return nil
	})
	moved := app.FuncOf(func(this app.Value, args []app.Value) any {
		if !args[0].Get("target").Equal(clicked) {
			clicked = app.Null() // the keyboard moved the focus on
		}
		return nil
	})
	win := app.Window()
	win.Call("addEventListener", "pointerdown", press, true)
	win.Call("addEventListener", "focusin", moved, true)
	stop := win.AddEventListener("keydown", func(ctx app.Context, e app.Event) {
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
				if !clicked.Truthy() || !t.Equal(clicked) {
					return
				}
			}
		}
		e.PreventDefault()
		ctx.NewActionWithValue(k.Action, k.Value)
	})
	return func() {
		stop()
		win.Call("removeEventListener", "pointerdown", press, true)
		win.Call("removeEventListener", "focusin", moved, true)
		press.Release()
		moved.Release()
	}
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
