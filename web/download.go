package web

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// download hands data to the browser as a file, through a Blob and an object URL.
func download(name, mime string, data []byte) {
	w := app.Window()
	arr := w.Get("Uint8Array").New(len(data))
	app.CopyBytesToJS(arr, data)
	parts := w.Get("Array").New()
	parts.Call("push", arr)
	blob := w.Get("Blob").New(parts, map[string]any{"type": mime})
	u := w.Get("URL").Call("createObjectURL", blob)
	a := w.Get("document").Call("createElement", "a")
	a.Set("href", u)
	a.Set("download", name)
	a.Call("click")
	var revoke app.Func
	revoke = app.FuncOf(func(app.Value, []app.Value) any {
		w.Get("URL").Call("revokeObjectURL", u)
		revoke.Release()
		return nil
	})
	w.Call("setTimeout", revoke, 10_000)
}
