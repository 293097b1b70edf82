namespace DanVanKheo.Import.Csv;

/// <summary>One row of a merge list: the unit that is merged and retired, and the survivor that takes its children and models.</summary>
public sealed record UnitMerge(string Code, string Into);

/// <summary>
/// <c>code,into</c>: the merges of an administrative reform (the 2025 one merged provinces and communes), applied in
/// file order so that a survivor can itself be merged further down the list.
/// </summary>
public static class MergeCsv
{
    public static readonly string[] Columns = ["code", "into"];

    public static IEnumerable<CsvRow<UnitMerge>> Read(TextReader reader) =>
        CsvTable.Read(reader, Columns, get =>
        {
            var code = Rules.NormalizeUnitCode(get("code"));
            var into = Rules.NormalizeUnitCode(get("into"));
            return code == into
                ? throw new DvkException("bad-merge", $"unit '{code}' cannot be merged into itself / không thể sáp nhập vào chính nó")
                : new UnitMerge(code, into);
        });
}
