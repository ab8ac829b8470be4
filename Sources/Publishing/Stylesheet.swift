/// The book's own stylesheet, written to the site as `style.css`.
///
/// One column of at most 46 rem (about 75 characters a line) that fills a phone's width;
/// figures scale down with the screen (and open at full size when tapped); tables and wide code
/// scroll sideways inside their box instead of widening the page, with a shadow at the edge that
/// has more to show; a dark scheme for readers who ask for one. The custom
/// property `--tailor-stylesheet` lets a check see that the stylesheet loaded.
enum Stylesheet {
    static let css = """
        :root {
          --tailor-stylesheet: loaded;
          --text: #1f2328;
          --muted: #59636e;
          --background: #fcfcfa;
          --rule: #e2e0d8;
          --code-background: #f3f1ea;
          --accent: #8b3a8f;
          --result-background: #eaf5ec;
          --result-rule: #2f8a45;
          --figure-background: #ffffff;
          --edge: rgba(0, 0, 0, .25);
          color-scheme: light dark;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --text: #e6e6e3;
            --muted: #a4a8ad;
            --background: #17181a;
            --rule: #34363a;
            --code-background: #222428;
            --accent: #d48bd8;
            --result-background: #1d2d21;
            --result-rule: #5cbf74;
            --edge: rgba(0, 0, 0, .6);
          }
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body {
          margin: 0;
          background: var(--background);
          color: var(--text);
          font: 1.0625rem/1.65 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
          overflow-wrap: break-word;
        }
        .masthead, .pager, main, footer { max-width: 46rem; margin: 0 auto; padding: 0 1.25rem; }
        .masthead { padding-top: 1rem; padding-bottom: .6rem; color: var(--muted); font-size: .9rem; }
        .masthead a { color: var(--accent); font-weight: 700; text-decoration: none; margin-right: .4rem; }
        a { color: var(--accent); }
        h1 { font-size: 2rem; line-height: 1.2; margin: 1.5rem 0 .75rem; }
        h1 + p { font-size: 1.15rem; color: var(--muted); margin-top: 0; }
        h2 { font-size: 1.4rem; line-height: 1.3; margin: 2.75rem 0 .75rem; padding-top: 1rem;
             border-top: 1px solid var(--rule); }
        h3 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
        blockquote { margin: 1.25rem 0; padding: .1rem 1rem; border-left: 3px solid var(--rule); color: var(--muted);
                     font-size: .95rem; }
        code { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
               font-size: .875em; }
        :not(pre) > code { background: var(--code-background); padding: .1em .3em; border-radius: 4px; }
        pre { --surface: var(--code-background); padding: .8rem 1rem; border-radius: 6px; overflow-x: auto;
              font-size: .85rem; line-height: 1.45; }
        /* Scroll shadows: the two covers move with the content ("local"), the shadows stay at the
           edges ("scroll"), so a shadow shows only where there is more to scroll to. */
        pre, .table-scroll {
          background:
            linear-gradient(to right, var(--surface) 30%, transparent) left center / 2.5rem 100% no-repeat local,
            linear-gradient(to left, var(--surface) 30%, transparent) right center / 2.5rem 100% no-repeat local,
            radial-gradient(farthest-side at 0 50%, var(--edge), transparent) left center / .8rem 100% no-repeat,
            radial-gradient(farthest-side at 100% 50%, var(--edge), transparent) right center / .8rem 100% no-repeat,
            var(--surface);
        }
        pre code { font-size: inherit; }
        pre.display { --surface: var(--background); border-radius: 0; border-left: 3px solid var(--accent);
                      padding: .4rem 1rem; font-size: .95rem; }
        /* Listings of the book's source, highlighted by swift-syntax's classifier. */
        p.listing-caption { margin: 1.75rem 0 .4rem; font-size: .95rem; }
        p.listing-caption + pre { margin-top: .4rem; }
        pre.listing { border-left: 3px solid var(--accent); font-size: .8rem; }
        /* The book's lines run to 120 columns: on a wide screen a listing widens beyond the text
           column, centred on it, instead of scrolling. */
        @media (min-width: 76rem) { main > pre.listing { margin-left: -10rem; margin-right: -10rem; } }
        .sx-keyword { color: #9b2393; font-weight: 600; }
        .sx-type { color: #0b4f79; }
        .sx-string { color: #c41a16; }
        .sx-number { color: #1c00cf; }
        .sx-comment, .sx-doc { color: #5d6c79; font-style: italic; }
        .sx-attribute { color: #815f03; }
        .sx-label { color: #326d74; }
        @media (prefers-color-scheme: dark) {
          .sx-keyword { color: #fc5fa3; } .sx-type { color: #5dd8ff; } .sx-string { color: #fc6a5d; }
          .sx-number { color: #d0bf69; } .sx-comment, .sx-doc { color: #7f8c98; } .sx-attribute { color: #fd8f3f; }
          .sx-label { color: #a167e6; }
        }
        pre.source-file .line { display: block; }
        pre.source-file .line:target { background: var(--result-background); }
        pre.source-file a.number { display: inline-block; width: 3.5em; margin-right: 1em; text-align: right;
                                   color: var(--muted); text-decoration: none; user-select: none; }
        p.cell { margin: 1.75rem 0 .4rem; color: var(--accent); font-size: .95rem; }
        p.cell strong { font-weight: 600; }
        p.cell + pre { margin-top: .4rem; }
        p.result { background: var(--result-background); border-left: 3px solid var(--result-rule);
                   padding: .45rem .9rem; border-radius: 0 6px 6px 0; }
        figure { margin: 1.75rem 0; }
        img { max-width: 100%; height: auto; }
        figure img { display: block; margin: 0 auto; background: var(--figure-background);
                     border: 1px solid var(--rule); border-radius: 4px; }
        .missing-figure { display: block; margin: 1.5rem 0 .5rem; padding: 1rem; border: 1px dashed var(--rule);
                          border-radius: 4px; color: var(--muted); font-size: .9rem; }
        figcaption, p.caption { margin-top: .5rem; color: var(--muted); font-size: .9rem; font-style: italic; }
        .table-scroll { --surface: var(--background); overflow-x: auto; margin: 1.25rem 0; }
        table { border-collapse: collapse; font-size: .9rem; font-variant-numeric: tabular-nums; }
        th, td { padding: .4rem .75rem; border-bottom: 1px solid var(--rule); vertical-align: top; text-align: left; }
        th { border-bottom: 2px solid var(--rule); white-space: nowrap; }
        td[align="right"], th[align="right"] { text-align: right; white-space: nowrap; }
        td code { white-space: nowrap; }
        .pager { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: 1rem; margin-bottom: 1rem; }
        .pager a { flex: 1 1 12rem; display: block; padding: .5rem .8rem; border: 1px solid var(--rule);
                   border-radius: 6px; text-decoration: none; font-size: .95rem; line-height: 1.35; }
        .pager a:hover { border-color: var(--accent); }
        .pager a span { display: block; }
        .pager .label { color: var(--muted); font-size: .75rem; text-transform: uppercase; letter-spacing: .05em; }
        .pager a.contents { flex: 0 1 8rem; text-align: center; }
        .pager a.next { text-align: right; }
        ol.chapters { list-style: none; padding: 0; margin: 1.75rem 0; }
        ol.chapters li { display: flex; gap: 1rem; padding: 1rem 0; border-top: 1px solid var(--rule); }
        ol.chapters li:last-child { border-bottom: 1px solid var(--rule); }
        ol.chapters .number { flex: 0 0 2rem; text-align: right; font-size: 1.6rem; font-weight: 700; line-height: 1.2;
                              color: var(--accent); }
        ol.chapters li > div { flex: 1; min-width: 0; }
        ol.chapters p { margin: 0; }
        ol.chapters .title { font-size: 1.15rem; font-weight: 600; line-height: 1.35; }
        ol.chapters .title a { text-decoration: none; }
        ol.chapters .summary { margin-top: .25rem; }
        ol.chapters .meta { margin-top: .35rem; color: var(--muted); font-size: .85rem; }
        ol.chapters .coming, ol.chapters .coming .number { color: var(--muted); }
        footer { padding-top: 1rem; padding-bottom: 2rem; color: var(--muted); font-size: .85rem;
                 border-top: 1px solid var(--rule); }
        @media (max-width: 600px) {
          body { font-size: 1rem; }
          .masthead, .pager, main, footer { padding-left: .9rem; padding-right: .9rem; }
          .masthead span { display: block; }
          h1 { font-size: 1.6rem; }
          h2 { font-size: 1.25rem; }
          pre { font-size: .78rem; padding: .6rem .7rem; }
          pre.display { font-size: .85rem; }
          .pager.bottom a, .pager.bottom a.contents { flex: 1 1 100%; text-align: left; }
          .pager.top { flex-wrap: nowrap; }
          .pager.top a { flex: 1 1 0; text-align: center; padding: .45rem .5rem; }
          .pager.top .title, .pager.top .contents .label { display: none; }
          .pager.top .contents .title { display: block; font-size: .9rem; }
          .pager.top .label { color: var(--accent); font-size: .9rem; text-transform: none; letter-spacing: 0; }
          th, td { padding: .35rem .5rem; }
          ol.chapters li { gap: .6rem; }
          ol.chapters .number { flex-basis: 1.5rem; font-size: 1.3rem; }
        }

        """
}
