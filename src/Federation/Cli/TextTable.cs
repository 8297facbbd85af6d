using System.Text;

namespace Federation.Cli;

/// <summary>
/// Columns aligned with spaces, no borders, like <c>kubectl get</c>: the same in a
/// terminal, a CI log and a pipe into <c>awk</c>, and never wrapped at 80 columns.
/// </summary>
internal sealed class TextTable(params string[] headers)
{
    private const string Gap = "   ";

    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public TextTable Add(params string?[] cells)
    {
        var row = new string[headers.Length];
        for (var i = 0; i < headers.Length; i++)
        {
            row[i] = i < cells.Length && !string.IsNullOrEmpty(cells[i]) ? cells[i]! : "-";
        }

        _rows.Add(row);
        return this;
    }

    public void WriteTo(TextWriter writer)
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        writer.WriteLine(Line(headers, widths));
        foreach (var row in _rows)
        {
            writer.WriteLine(Line(row, widths));
        }
    }

    private static string Line(string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            line.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i]) + Gap);
        }

        return line.ToString().TrimEnd();
    }
}
