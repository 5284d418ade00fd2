package web

import (
	"fmt"
	"strings"

	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/stack"
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Stack picker state in the page URL: stack=django (see view.ParseStack).
const (
	ParamStack   = view.ParamStack
	DefaultStack = view.DefaultStack // the post's stack
)

// ParseStack reads the stack= parameter; a name that is not a stack gives
// DefaultStack and a notice naming the stacks.
func ParseStack(s string) (name, notice string) { return view.ParseStack(s) }

// ActionPickStack carries the stack the user picked (a string) when the
// CodePanel has no OnPick.
const ActionPickStack = "cachepit/pick-stack"

// CodePanel shows, for the current settings, what to write in the user's own
// stack: the pitfall as they have it, the fix, and how to spot it in production.
//
// go-app compares props with reflect.DeepEqual, which never finds two non-nil
// funcs equal: with OnPick set the panel re-renders with every render of its
// parent. On a page that redraws every frame, leave OnPick nil and handle
// ActionPickStack instead. Either way the text is generated only when Config
// or Stack change (gen holds the last ones).
type CodePanel struct {
	app.Compo
	Config sim.Config
	Stack  string                          // one of stack.Stacks(); "" shows DefaultStack
	OnPick func(ctx app.Context, s string) // the user picked stack s: store it in the URL as stack=s; nil sends ActionPickStack

	gen struct {
		config sim.Config
		stack  string
		code   stack.Code
		err    string
	}
}

func (c *CodePanel) code() (stack.Code, string) {
	name := c.Stack
	if name == "" {
		name = DefaultStack
	}
	if c.gen.stack != name || c.gen.config != c.Config {
		c.gen.config, c.gen.stack, c.gen.err = c.Config, name, ""
		code, err := stack.Generate(c.Config, name)
		if err != nil {
			c.gen.err = err.Error()
		}
		c.gen.code = code
	}
	return c.gen.code, c.gen.err
}

func (c *CodePanel) Render() app.UI {
	code, errText := c.code()
	names, labels := stack.Stacks(), stack.Labels()
	picked := code.Stack
	if picked == "" {
		picked = DefaultStack
	}
	body := []app.UI{
		app.H2().ID("code-title").Text("In your app"),
		el("div").Class("field code-picker").Body(
			el("label").Attr("for", "code-stack").Text("Your stack"),
			el("select").ID("code-stack").Body(app.Range(names).Slice(func(i int) app.UI {
				return option(names[i], names[i] == picked).Text(labels[names[i]])
			})).OnChange(func(ctx app.Context, e app.Event) {
				name := ctx.JSSrc().Get("value").String()
				if c.OnPick != nil {
					c.OnPick(ctx, name)
				} else {
					ctx.NewActionWithValue(ActionPickStack, name)
				}
			}),
		),
	}
	if errText != "" {
		body = append(body, el("p").Class("notice").Attr("role", "alert").Text(errText))
	} else {
		body = append(body, el("p").Class("panel-sub").ID("code-summary").Text(code.Summary))
		for i, s := range code.Sections {
			body = append(body, codeSection(i, s))
		}
	}
	return el("section").Class("panel code-panel").ID("code-panel").Aria("labelledby", "code-title").Body(body...)
}

// codeSection draws one heading with its paragraphs (lines starting "- "
// as a list) and its snippets, each under the file or command it belongs to.
func codeSection(i int, s stack.Section) app.UI {
	var items, paras []app.UI
	for _, t := range s.Text {
		if li, ok := strings.CutPrefix(t, "- "); ok {
			items = append(items, el("li").Text(li))
		} else {
			paras = append(paras, el("p").Text(t))
		}
	}
	body := []app.UI{el("h3").ID(fmt.Sprintf("code-s%d", i)).Text(s.Heading)}
	body = append(body, paras...)
	if len(items) > 0 {
		body = append(body, el("ul").Body(items...))
	}
	for j, sn := range s.Snippets {
		id := fmt.Sprintf("code-s%d-%d", i, j)
		body = append(body, el("figure").Class("snippet").ID(id).Body(
			el("figcaption").Body(
				el("code").Text(sn.Name),
				el("button").Class("copy-code").Attr("type", "button").Aria("label", "Copy "+sn.Name).
					Text("Copy").OnClick(func(ctx app.Context, e app.Event) { copyCode(id) }),
			),
			el("pre").Style("overflow-x", "auto").Attr("tabindex", 0).Attr("data-lang", sn.Lang).Body(el("code").Text(sn.Code)),
		))
	}
	return el("section").Class("code-section").Aria("labelledby", fmt.Sprintf("code-s%d", i)).Body(body...)
}

// copyCodeJS puts the text of the snippet in figure id on the clipboard and
// says so on the button; when the browser refuses (no clipboard outside a
// secure context, or permission denied) it selects the code for Ctrl+C.
const copyCodeJS = `return function(id) {
	const pre = document.querySelector("#" + id + " pre"), btn = document.querySelector("#" + id + " .copy-code");
	if (!pre || !btn) return;
	const say = t => { btn.textContent = t; clearTimeout(btn._t); btn._t = setTimeout(() => { btn.textContent = "Copy"; }, 2500); };
	const select = () => {
		const r = document.createRange(); r.selectNodeContents(pre);
		const s = getSelection(); s.removeAllRanges(); s.addRange(r);
		say("Selected: press Ctrl+C");
	};
	const clip = navigator.clipboard;
	if (!clip || !clip.writeText) { select(); return; }
	clip.writeText(pre.textContent).then(() => say("Copied ✓"), select);
}`

var copyCodeFn app.Value

func copyCode(id string) {
	if copyCodeFn == nil {
		copyCodeFn = app.Window().Get("Function").New(copyCodeJS).Invoke()
	}
	copyCodeFn.Invoke(id)
}
