/** The web inbox's style sheet, shipped as a string (see inbox-js.ts). */
export const STYLE_CSS = `:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0; }
header { display: flex; justify-content: space-between; padding: .5rem 1rem; background: #234; }
header a { color: #fff; text-decoration: none; }
main { padding: 1rem; max-width: 70rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #8884; vertical-align: top; }
tr.message:hover { background: #8882; }
pre { white-space: pre-wrap; word-break: break-word; background: #8881; padding: .5rem; }
pre#raw { max-height: 30rem; overflow: auto; }
iframe#html-part { width: 100%; height: 24rem; border: 1px solid #8886; background: #fff; }
.note, .dim { color: #777; }
table.headers th { width: 12rem; white-space: nowrap; }
table.transcript td:first-child { font-weight: bold; width: 2rem; }
table.transcript tr.client code { color: #06c; }
table.transcript tr.server code { color: #083; }
button { font: inherit; }
button.armed { background: #c33; color: #fff; }
`;
