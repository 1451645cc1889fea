/** One way a tool or a person writes a table as CSV. */
export interface CsvSpelling {
  name: string;
  text: string;
  /** The separator the file uses. */
  delimiter: "," | ";";
}

interface Style {
  delimiter?: "," | ";";
  eol?: string;
  bom?: boolean;
  /** Which fields are quoted: only those that need it, the reference column, or all. */
  quote?: "needed" | "reference" | "all";
  /** Spaces written around each field (inside the quotes of a quoted reference). */
  pad?: boolean;
  /** Blank lines before the header and between rows, and the header in upper case. */
  loose?: boolean;
  /** Accented letters written decomposed (a letter, then its accent), as some systems store them. */
  decomposed?: boolean;
}

/**
 * The same table (a header, then rows of plain text; `reference` names the reference column) written in every
 * way the CSV readers must read as the same rows: quoted or not, a BOM, CRLF, spaces around fields, blank
 * lines, ";" between columns, Excel's French export (BOM, CRLF, ";", every field quoted), decomposed accents.
 */
export function csvSpellings(header: readonly string[], rows: readonly string[][], reference: string): CsvSpelling[] {
  const referenceColumn = header.indexOf(reference);
  const write = (style: Style): string => {
    const delimiter = style.delimiter ?? ",";
    const field = (value: string, column: number) => {
      const text = style.decomposed ? value.normalize("NFD") : value;
      const padded = style.pad && column === referenceColumn ? `  ${text}   ` : text;
      const quoted =
        style.quote === "all" ||
        (style.quote === "reference" && column === referenceColumn) ||
        padded.includes(delimiter) ||
        padded.includes('"');
      const written = quoted ? `"${padded.replaceAll('"', '""')}"` : padded;
      return style.pad ? ` ${written}  ` : written;
    };
    const line = (cells: readonly string[]) => cells.map(field).join(delimiter);
    const eol = style.eol ?? "\n";
    const lines = [line(style.loose ? header.map((name) => ` ${name.toUpperCase()} `) : header)];
    for (const row of rows) lines.push(...(style.loose ? ["", line(row)] : [line(row)]));
    return (style.bom ? "\uFEFF" : "") + (style.loose ? eol + eol : "") + lines.join(eol) + eol;
  };
  return [
    { name: "unquoted (comma, LF, quotes only where a field needs them)", text: write({}), delimiter: "," },
    { name: "quoted references", text: write({ quote: "reference" }), delimiter: "," },
    { name: "every field quoted", text: write({ quote: "all" }), delimiter: "," },
    { name: "a UTF-8 BOM", text: write({ bom: true }), delimiter: "," },
    { name: "CRLF line endings", text: write({ eol: "\r\n" }), delimiter: "," },
    {
      name: "spaces around fields and inside quoted references",
      text: write({ pad: true, quote: "reference" }),
      delimiter: ",",
    },
    { name: "blank lines and an upper-case header", text: write({ loose: true }), delimiter: "," },
    { name: "semicolons between columns", text: write({ delimiter: ";" }), delimiter: ";" },
    {
      name: "Excel's French export (BOM, CRLF, semicolons, every field quoted)",
      text: write({ bom: true, eol: "\r\n", delimiter: ";", quote: "all" }),
      delimiter: ";",
    },
    { name: "decomposed accents", text: write({ decomposed: true, quote: "reference" }), delimiter: "," },
  ];
}
