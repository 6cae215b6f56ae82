/** Parses RFC 4180 CSV (quotes, doubled quotes, newlines inside quotes) into rows of fields. */
export function parseCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

/** Text and label columns by header name; rows with an empty text or label are left out. */
export function readLabelled(text: string, textColumn: string, labelColumn: string): { text: string; label: string }[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!header) return [];
  const t = header.indexOf(textColumn);
  const l = header.indexOf(labelColumn);
  if (t < 0) throw new Error(`no column "${textColumn}" (columns: ${header.join(', ')})`);
  if (l < 0) throw new Error(`no column "${labelColumn}" (columns: ${header.join(', ')})`);
  return rows.map((r) => ({ text: (r[t] ?? '').trim(), label: (r[l] ?? '').trim() })).filter((r) => r.text !== '' && r.label !== '');
}
