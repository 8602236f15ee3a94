package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"kindred/journal"
)

func init() {
	register(command{name: "photos", summary: "list an evening's photos, or save copies of them", run: runPhotos})
}

// photoArg is one --photo of add, with the --caption that followed it.
type photoArg struct{ path, caption string }

type photoArgs []photoArg

// photoFlag and captionFlag share one list, so that a caption goes with the
// photo named before it.
type photoFlag struct{ list *photoArgs }

func (f photoFlag) String() string { return "" }
func (f photoFlag) Set(v string) error {
	*f.list = append(*f.list, photoArg{path: v})
	return nil
}

type captionFlag struct{ list *photoArgs }

func (f captionFlag) String() string { return "" }
func (f captionFlag) Set(v string) error {
	if len(*f.list) == 0 {
		return fmt.Errorf("--caption goes after the --photo it describes")
	}
	(*f.list)[len(*f.list)-1].caption = v
	return nil
}

func runPhotos(e *env) error {
	fs := e.flags("photos", "--reflection ID [--save DIR]")
	id := fs.String("reflection", "", "the evening's `ID` (as add printed it)")
	save := fs.String("save", "", "write export copies of the photos into `DIR` (metadata stripped unless kept)")
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("photos takes no arguments besides its flags (got %q)", args[0])
	}
	if *id == "" {
		return usagef("photos needs --reflection ID")
	}
	if *save != "" {
		if err := e.checkOutputDir(*save); err != nil {
			return err
		}
	}
	s, err := e.openExisting()
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := s.Reflection(e.ctx, *id); err != nil {
		return err
	}
	photos, err := s.ReflectionPhotos(e.ctx, *id)
	if err != nil {
		return err
	}
	if *save == "" {
		for _, p := range photos {
			size := "-"
			if p.Viewable() {
				size = fmt.Sprintf("%dx%d", p.Width, p.Height)
			}
			fmt.Fprintf(e.stdout, "%s\t%s\t%s\t%s\t%s\n", p.ID, p.Format, size, byteSize(p.Size), p.Caption)
		}
		return nil
	}
	if err := os.MkdirAll(*save, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", *save, err)
	}
	for i, p := range photos {
		data, err := s.PhotoData(e.ctx, p.ID, journal.PhotoExport)
		if err != nil {
			return err
		}
		name := filepath.Join(*save, exportName(i, p))
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return fmt.Errorf("write %s: %w (nothing is overwritten)", name, err)
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(name)
			return fmt.Errorf("write %s: %w", name, err)
		}
		fmt.Fprintln(e.stdout, name)
	}
	return nil
}

// exportName numbers the photos in their order and keeps the name they came
// with, made safe for any file system.
func exportName(i int, p journal.Photo) string {
	base := strings.TrimSuffix(p.Name, filepath.Ext(p.Name))
	base = strings.Map(func(r rune) rune {
		if r < ' ' || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, base)
	if base == "" || strings.Trim(base, ".") == "" {
		base = "photo"
	}
	ext := map[string]string{"jpeg": ".jpg", "png": ".png", "heic": ".heic", "gif": ".gif", "webp": ".webp"}[p.Format]
	return fmt.Sprintf("%02d-%s%s", i+1, base, ext)
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+1023)>>10)
	}
	return fmt.Sprintf("%d B", n)
}
