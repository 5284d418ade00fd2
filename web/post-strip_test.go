package web

import (
	"testing"

	"github.com/cachepit/cachepit/web/view"
)

func TestPostSetupQuery(t *testing.T) {
	st := view.DefaultPage()
	st.Config.Workers, st.Config.Cache, st.Config.Keys, st.Config.Writes = 2, 2, 1, 0
	st.At = 0
	if got := st.Query(); got != postSetupQuery {
		t.Errorf("the post's setup is %q; postSetupQuery says %q", got, postSetupQuery)
	}
	back, notes := view.ParsePage(postSetupQuery)
	if len(notes) > 0 || back.Config != st.Config || back.At != 0 {
		t.Errorf("postSetupQuery reads back as %+v (notices %q); want %+v", back.Config, notes, st.Config)
	}
}
