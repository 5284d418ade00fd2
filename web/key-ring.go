package web

import (
	"fmt"

	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// KeyRing says where the host balancer sends the keys and, when hosts are
// out, which keys moved and where. A component of its own: it changes only
// when a host goes out or comes back.
type KeyRing struct {
	app.Compo
	System int
	Ring   view.Ring
}

func (c *KeyRing) Render() app.UI {
	r := c.Ring
	return el("p").Class("key-ring").ID(fmt.Sprintf("s%d-ring", c.System)).
		DataSet("balancer", r.Balancer).DataSet("down", len(r.Down)).
		DataSet("counted", r.Counted).DataSet("moved", r.Moved).
		Body(el("strong").Text("Keys across hosts: "), app.Text(r.Words()))
}

// HostKeys lists, for one host with keyhash, the hottest keys it serves now
// (↪ marks a key that moved here from a host that is out), or, when it is
// out, where its hottest keys went.
type HostKeys struct {
	app.Compo
	System int
	Host   int
	Down   bool
	Ring   view.Ring
}

func (c *HostKeys) Render() app.UI {
	r, h := c.Ring, c.Host
	keys, label := r.On(h), fmt.Sprintf("hot keys routed here (of k0–k%d)", len(r.Hot)-1)
	if c.Down {
		keys, label = r.Left(h), "its hot keys moved to"
	} else if len(r.Down) > 0 {
		label += " · ↪ moved here"
	}
	return el("div").Class("host-keys").ID(fmt.Sprintf("s%d-h%d-keys", c.System, h)).Body(
		el("span").Class("host-keys-label").Text(label),
		el("span").Class("chips").Body(
			app.Range(keys).Slice(func(i int) app.UI { return ringChip(keys[i], c.Down) }),
			app.If(len(keys) == 0, el("span").Class("empty").Text("none")),
		),
	)
}

func ringChip(k view.RingKey, left bool) app.UI {
	cls, text, title := "chip ring-key", fmt.Sprint(k.Key), fmt.Sprintf("key %d: host %d's", k.Key, k.Home)
	switch {
	case left && k.Now < 0:
		cls, text, title = cls+" gone", fmt.Sprintf("%d→rr", k.Key), title+", no host up on the ring: round robin"
	case left:
		cls, text, title = cls+" gone", fmt.Sprintf("%d→h%d", k.Key, k.Now), title+fmt.Sprintf(", now served by host %d", k.Now)
	case k.Home != k.Now:
		cls, text, title = cls+" moved", "↪"+text, title+", moved here while host "+fmt.Sprint(k.Home)+" is out"
	}
	return el("span").Class(cls).Title(title).Text(text).
		DataSet("key", k.Key).DataSet("home", k.Home).DataSet("now", k.Now)
}
